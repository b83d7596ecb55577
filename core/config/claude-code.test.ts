import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostContext } from '../ports';
import { createCommandRunner } from '../util/command-runner';
import { detectClaudeCode } from './claude-code';
import { resolveConfig } from './resolve/resolve-config';

let home: string;
const runner = createCommandRunner();

function host(env: Record<string, string>): HostContext {
  return {
    platform: 'linux',
    homeDir: home,
    env: { HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude'), XDG_CONFIG_HOME: join(home, '.config'), PATH: process.env.PATH, ...env },
    managedDir: join(home, 'managed'),
    appDataDir: join(home, 'app'),
  };
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gd-claude-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('detectClaudeCode', () => {
  it('reports "not installed" and the latest documented version when the binary is missing', async () => {
    const info = await detectClaudeCode(host({ GATEWAY_DOCTOR_CLAUDE_BIN: join(home, 'missing-claude') }), runner);
    expect(info).toEqual({ installed: false, version: null, authStatus: null, behaviourVersion: '2.1.240', location: null });
  });

  it('reads the version and the auth status JSON (even on exit 1), with HOME from the host', async () => {
    const bin = join(home, 'fake-claude');
    await writeFile(
      bin,
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "2.1.230 (Claude Code)"; exit 0; fi\n' +
        'if [ "$1" = "auth" ]; then printf \'{"loggedIn":false,"authMethod":"none","apiProvider":"firstParty","configDirectory":"%s"}\\n\' "$HOME"; exit 1; fi\nexit 2\n',
    );
    await chmod(bin, 0o755);
    const info = await detectClaudeCode(host({ GATEWAY_DOCTOR_CLAUDE_BIN: bin }), runner);
    expect(info.installed).toBe(true);
    expect(info.version).toBe('2.1.230');
    expect(info.behaviourVersion).toBe('2.1.230');
    expect(info.authStatus).toEqual({ loggedIn: false, authMethod: 'none', apiProvider: 'firstParty', configDirectory: home });
  });

  const realClaude = resolve('node_modules/.bin/claude');
  it.skipIf(!existsSync(realClaude))('agrees with the installed Claude Code about ANTHROPIC_AUTH_TOKEN (real claude, temp HOME)', { timeout: 60_000 }, async () => {
    const h = host({
      GATEWAY_DOCTOR_CLAUDE_BIN: realClaude,
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      ANTHROPIC_AUTH_TOKEN: 'sk-canary-7f3a9c1e5b2d4068',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    // A loaded CI machine can take several seconds to start the 245 MB binary.
    const claude = await detectClaudeCode(h, runner, { timeoutMs: 30_000 });
    const resolved = await resolveConfig(h, { projectDir: null, runner, claude });
    expect(resolved.claudeCode.installed).toBe(true);
    expect(resolved.claudeCode.authStatus).toMatchObject({ authMethod: 'oauth_token', apiProvider: 'firstParty' });
    expect(resolved.credential.kind).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(resolved.findings.map((f) => f.id)).not.toContain('resolver-disagrees-with-claude');
  });
});
