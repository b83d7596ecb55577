/**
 * Conformance of the session-log reader (core/sessions) with the real Claude
 * Code: the npm-installed `claude -p` runs in a sealed temp HOME through the
 * loopback test gateway; the reader, started before the session, must see the
 * API error the session records, with its status, finding, surface and
 * version, and never the prompt (a canary). A Claude Code upgrade that moves
 * or renames the fields fails here (see conformance/OBSERVED.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionReader, type SessionReader } from '../core/sessions';
import type { SessionError } from '../core/types';
import { startTestGateway, type ScenarioName, type TestGateway } from '../test-gateway/server';
import { claudeInstalled, makeSandbox, runClaude, type ClaudeSandbox } from './run-claude';

const PROMPT_CANARY = 'sk-canary-prompt-5d1c7a9e3b2f';
const TOKEN = 'sk-canary-token-8e2b4c6d0a1f';

describe.skipIf(!claudeInstalled())('session logs written by the real Claude Code', () => {
  let gateway: TestGateway;
  let sandbox: ClaudeSandbox;
  let reader: SessionReader;
  const fresh: SessionError[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ scenario: 'healthy' });
    sandbox = await makeSandbox();
    reader = createSessionReader({ configDir: sandbox.configDir, onError: (e) => fresh.push(e), pollIntervalMs: 60_000 });
    await reader.start();
  });
  afterAll(async () => {
    reader?.stop();
    await gateway?.close();
    await sandbox?.cleanup();
  });

  async function session(scenario: ScenarioName): Promise<void> {
    gateway.setScenario(scenario);
    await runClaude(['-p', `hi ${PROMPT_CANARY}`], {
      env: { ...sandbox.baseEnv, ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: TOKEN, CLAUDE_CODE_MAX_RETRIES: '1' },
      cwd: sandbox.projectDir,
      timeoutMs: 60_000,
    });
  }

  async function until(check: () => boolean, boundMs = 10_000): Promise<void> {
    const deadline = Date.now() + boundMs;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  it('sees a 400 (beta fields rejected) and a 401 from `claude -p`, as they are written', async () => {
    await session('beta-rejected');
    await until(() => fresh.length >= 1);
    await session('credential-rejected');
    await until(() => fresh.length >= 2);

    expect(fresh.map((e) => [e.apiErrorStatus, e.findingId, e.surface])).toEqual([
      [400, 'beta-fields-rejected', 'sdk-cli'],
      [401, 'credential-rejected', 'sdk-cli'],
    ]);
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '..', 'node_modules', '@anthropic-ai', 'claude-code', 'package.json'), 'utf8')) as { version: string };
    expect(fresh.every((e) => e.claudeCodeVersion === version)).toBe(true);
    // The folder is Claude Code's encoding of the working folder.
    expect(fresh[0].project).toBe(sandbox.projectDir.replace(/[/.]/g, '-'));
    const report = reader.report();
    expect(report.lastErrorAt).toBe(fresh[1].at);
    const everything = JSON.stringify([fresh, report]);
    expect(everything.includes(PROMPT_CANARY)).toBe(false);
    expect(everything.includes(TOKEN)).toBe(false);
  });

  it('records the last successful turn of a healthy session', async () => {
    await session('healthy');
    await until(() => reader.report().lastSuccessAt !== null);
    expect(reader.report().surfaces['sdk-cli']?.lastSuccessAt).not.toBeNull();
  });
});
