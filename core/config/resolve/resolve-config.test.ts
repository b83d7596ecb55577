import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostContext } from '../../ports';
import { createCommandRunner } from '../../util/command-runner';
import { toStatusReport } from '../status-report';
import { resolveConfig } from './resolve-config';
import { CANARY } from '../../testing/fixtures';

let root: string;
let home: string;
let repo: string;

function host(env: Record<string, string> = {}): HostContext {
  return {
    platform: 'linux',
    homeDir: home,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-claude'),
      ...env,
    },
    managedDir: join(root, 'managed'),
    appDataDir: join(root, 'app'),
  };
}

async function writeJson(path: string, value: unknown) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2) + '\n');
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-resolve-'));
  home = join(root, 'home');
  repo = join(root, 'repo');
  await mkdir(home, { recursive: true });
  await mkdir(repo, { recursive: true });
  execFileSync('git', ['init', '-q', repo], { env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1' } });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveConfig over real files', () => {
  it('applies trusted local settings, flags the unignored local file, and keeps provenance', async () => {
    await writeJson(join(home, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://user-gw.example' } });
    await writeJson(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } });
    await writeJson(join(home, '.claude.json'), { projects: { [repo]: { hasTrustDialogAccepted: true } } });

    const resolved = await resolveConfig(host(), { projectDir: repo, runner: createCommandRunner() });
    expect(resolved.route.baseUrl).toBe('https://gateway.corp.example');
    expect(resolved.env.ANTHROPIC_BASE_URL.shadowed).toEqual([
      { value: 'https://user-gw.example', source: { kind: 'user-settings', path: join(home, '.claude', 'settings.json'), line: 3 } },
    ]);
    expect(resolved.credential.kind).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(resolved.credential.source?.path).toBe(join(repo, '.claude', 'settings.local.json'));
    const ids = resolved.findings.map((f) => f.id);
    expect(ids).toContain('local-settings-not-ignored');
    expect(ids).not.toContain('login-prompt-despite-gateway');
    expect(JSON.stringify(toStatusReport(resolved))).not.toContain(CANARY);
  });

  it('predicts the login screen when the project is not trusted', async () => {
    await writeJson(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } });
    const resolved = await resolveConfig(host(), { projectDir: repo, runner: createCommandRunner() });
    expect(resolved.credential.kind).toBe('none');
    expect(resolved.findings.map((f) => f.id)).toContain('login-prompt-despite-gateway');
    expect(resolved.surfaces.cli.state).toBe('needs-setup');
  });

  it('reads managed settings from GATEWAY_DOCTOR_MANAGED_DIR and shell exports from the temp HOME', async () => {
    await writeJson(join(root, 'managed', 'managed-settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://managed-gw.example' }, forceLoginMethod: 'claudeai' });
    await writeFile(join(home, '.bashrc'), `export ANTHROPIC_AUTH_TOKEN=${CANARY}\nexport ANTHROPIC_BASE_URL=https://old.example\n`);
    const resolved = await resolveConfig(host(), { projectDir: null, runner: createCommandRunner() });
    expect(resolved.managedGateway).toBe(true);
    expect(resolved.credential.source?.kind).toBe('shell-profile');
    const ids = resolved.findings.map((f) => f.id);
    expect(ids).toContain('forced-first-party-login');
    expect(ids).toContain('shell-export-shadowed');
    expect(resolved.settingSourceLabels).toContain('Enterprise managed settings (file)');
  });
});
