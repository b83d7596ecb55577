/**
 * Errors from real sessions on the command line: `status --json` and
 * `check --json` (the built CLI, as a real process) carry `sessions`;
 * `watch --json` prints one `gateway-doctor/session-error@1` line per new
 * error. The logs are ones the real Claude Code wrote; the canary sits in
 * their user message and must never be printed.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import { startTestGateway } from '../../test-gateway/server';
import { main } from '../main';
import { CANARY, makeSessionsHome } from '../../core/testing/fixtures';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'gateway-doctor.js');
const FIXTURES = join(REPO, 'core', 'sessions', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8');
const errorLine = (name: string) =>
  fixture(name)
    .split('\n')
    .find((l) => l.includes('"isApiErrorMessage":true'))!
    .replace(/"timestamp":"[^"]+"/, `"timestamp":"${new Date().toISOString()}"`);

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist', 'cli', 'gateway-doctor.mjs'))) await run('npm', ['run', 'build:cli'], { cwd: REPO, timeout: 120_000 });
}, 150_000);

async function fixtureHome(gatewayUrl: string) {
  const fx = await makeSessionsHome(gatewayUrl, { prefix: 'gd-sessions-cli-' });
  cleanup.push(fx.cleanup);
  await mkdir(join(fx.root, 'project'));
  return { ...fx, env: { ...fx.env, GATEWAY_DOCTOR_SKIP_CLAUDE: '1' } };
}

describe('sessions on the command line', () => {
  it('status --json and check --json include the errors recent sessions recorded, as a real process', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ scenario: 'healthy' });
    cleanup.push(() => gateway.close());
    const fx = await fixtureHome(gateway.url);
    await writeFile(fx.log, fixture('2.1.332-401'));

    for (const command of ['status', 'check']) {
      const { stdout } = await run(process.execPath, [BIN, command, '--json', '--project', join(fx.root, 'project')], { env: fx.env, cwd: fx.root, timeout: 30_000 }).catch((e: { stdout: string }) => e);
      expect(stdout).not.toContain(CANARY);
      const report = JSON.parse(stdout);
      expect(report.sessions).toMatchObject({ enabled: true, recentErrors: [{ findingId: 'credential-rejected', apiErrorStatus: 401, apiErrorType: 'authentication_error', surface: 'sdk-cli', project: '-home-user-code-app', claudeCodeVersion: '2.1.332' }] });
      expect(report.sessions.recentErrors[0].summary).toBe('Failed to authenticate. API Error: 401 Invalid bearer token');
    }

    // The text output does not change.
    const { stdout: text } = await run(process.execPath, [BIN, 'status', '--project', join(fx.root, 'project')], { env: fx.env, cwd: fx.root, timeout: 30_000 }).catch((e: { stdout: string }) => e);
    expect(text).toContain('Findings');
    expect(text).not.toContain('Invalid bearer token');

    // Switched off in Preferences: nothing read.
    await mkdir(join(fx.root, 'data'), { recursive: true });
    await writeFile(join(fx.root, 'data', 'preferences.json'), JSON.stringify({ readSessionLogs: false }));
    const { stdout: off } = await run(process.execPath, [BIN, 'status', '--json', '--project', join(fx.root, 'project')], { env: fx.env, cwd: fx.root, timeout: 30_000 }).catch((e: { stdout: string }) => e);
    expect(JSON.parse(off).sessions).toEqual({ enabled: false, lastSuccessAt: null, lastErrorAt: null, recentErrors: [], surfaces: {} });
  });

  it('watch --json prints one session-error line per new error', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ scenario: 'healthy' });
    cleanup.push(() => gateway.close());
    const fx = await fixtureHome(gateway.url);
    await writeFile(fx.log, fixture('2.1.197-healthy'));

    const lines: string[] = [];
    const controller = new AbortController();
    const done = main(['watch', '--json', '--project', join(fx.root, 'project')], {
      env: fx.env,
      cwd: fx.root,
      out: (text) => lines.push(...text.split('\n').filter(Boolean)),
      err: (text) => lines.push(`ERR ${text}`),
      redactor: new Redactor(),
      signal: controller.signal,
    });
    cleanup.push(async () => {
      controller.abort();
      await done;
    });
    const sessionLines = () => lines.filter((l) => l.includes('gateway-doctor/session-error@1')).map((l) => JSON.parse(l));
    const waitFor = async (pred: () => boolean) => {
      const end = Date.now() + 15_000;
      while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor(() => lines.some((l) => l.includes('gateway-doctor/state-change@1')));

    appendFileSync(fx.log, errorLine('2.1.197-beta') + '\n');
    await waitFor(() => sessionLines().length === 1);
    appendFileSync(fx.log, errorLine('2.1.332-529') + '\n');
    await waitFor(() => sessionLines().length === 2);

    expect(sessionLines()).toEqual([
      expect.objectContaining({ schema: 'gateway-doctor/session-error@1', findingId: 'beta-fields-rejected', apiErrorStatus: 400, apiErrorType: null, surface: 'sdk-cli', project: '-home-user-code-app', claudeCodeVersion: '2.1.197' }),
      expect.objectContaining({ findingId: 'upstream-overloaded', apiErrorStatus: 529, apiErrorType: 'overloaded_error', claudeCodeVersion: '2.1.332' }),
    ]);
    expect(lines.join('\n')).not.toContain(CANARY);
  });
});
