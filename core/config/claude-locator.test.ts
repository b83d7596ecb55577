/**
 * A GUI-launched app has a minimal PATH: `claude` must still be found in the
 * folders its installers use. Each case is a temp HOME holding a fake
 * `claude` in one location, with an empty PATH.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostContext } from '../ports';
import type { Platform } from '../types';
import { createCommandRunner } from '../util/command-runner';
import { detectClaudeCode } from './claude-code';
import { claudeInstallDirs, locateClaude } from './claude-locator';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gd-locate-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function host(env: Record<string, string | undefined>, platform: Platform = 'linux'): HostContext {
  return { platform, homeDir: home, env: { HOME: home, PATH: '', ...env }, managedDir: join(home, 'managed'), appDataDir: join(home, 'app') };
}

async function fakeClaude(path: string, version = '2.1.197'): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${version} (Claude Code)"; else echo '{"loggedIn": false}'; exit 1; fi\n`);
  await chmod(path, 0o755);
  return path;
}

// The system folders (/usr/local/bin, /opt/homebrew/bin) are real paths; skip the "nowhere" case where one holds a claude.
const systemClaude = ['/usr/local/bin/claude', '/opt/homebrew/bin/claude'].some((p) => existsSync(p));

describe('locateClaude with an empty PATH', () => {
  const cases: Array<{ platform: Platform; rel: string[]; where: RegExp; env?: (home: string) => Record<string, string> }> = [
    { platform: 'linux', rel: ['.local', 'bin', 'claude'], where: /native installer/ },
    { platform: 'darwin', rel: ['.local', 'bin', 'claude'], where: /native installer/ },
    { platform: 'linux', rel: ['.claude', 'local', 'claude'], where: /~\/\.claude\/local/ },
    { platform: 'darwin', rel: ['.npm-global', 'bin', 'claude'], where: /npm global prefix/ },
    { platform: 'linux', rel: ['tools', 'npm', 'bin', 'claude'], where: /\.npmrc/, env: () => ({}) },
    { platform: 'win32', rel: ['AppData', 'Roaming', 'npm', 'claude.cmd'], where: /%APPDATA%\\npm/ },
    { platform: 'win32', rel: ['.local', 'bin', 'claude.exe'], where: /%USERPROFILE%\\\.local\\bin/ },
  ];
  for (const c of cases) {
    it(`finds ${c.rel.join('/')} on ${c.platform}`, async () => {
      const path = await fakeClaude(join(home, ...c.rel));
      if (c.where.source.includes('npmrc')) await writeFile(join(home, '.npmrc'), 'fund=false\nprefix=~/tools/npm\n');
      const found = locateClaude(host({ APPDATA: join(home, 'AppData', 'Roaming') }, c.platform));
      expect(found).toEqual({ path, foundBy: 'install-location', where: expect.stringMatching(c.where) });
    });
  }

  it.skipIf(systemClaude)('returns null when claude is nowhere', () => {
    expect(locateClaude(host({}))).toBeNull();
  });

  it('skips a file that is not executable', async () => {
    const path = join(home, '.local', 'bin', 'claude');
    await fakeClaude(path);
    await chmod(path, 0o644);
    const found = locateClaude(host({}));
    expect(found?.path).not.toBe(path);
  });
});

describe('claudeInstallDirs', () => {
  it('includes the system folders (which tests cannot write): Homebrew on macOS, /usr/local/bin on both', () => {
    const mac = claudeInstallDirs(host({}, 'darwin')).map((d) => d.dir);
    expect(mac).toEqual(expect.arrayContaining(['/opt/homebrew/bin', '/usr/local/bin']));
    const linux = claudeInstallDirs(host({}, 'linux')).map((d) => d.dir);
    expect(linux).toContain('/usr/local/bin');
    expect(linux).not.toContain('/opt/homebrew/bin');
  });
});

describe('locateClaude order', () => {
  it('prefers PATH, then the install folders', async () => {
    const onPath = await fakeClaude(join(home, 'on-path', 'claude'));
    await fakeClaude(join(home, '.local', 'bin', 'claude'));
    expect(locateClaude(host({ PATH: `/nonexistent:${dirname(onPath)}` }))).toEqual({ path: onPath, foundBy: 'path', where: 'PATH' });
  });

  it('uses GATEWAY_DOCTOR_CLAUDE_BIN as given, and reports "not found" when it is missing rather than picking another', async () => {
    const chosen = await fakeClaude(join(home, 'custom', 'claude-beta'));
    await fakeClaude(join(home, '.local', 'bin', 'claude'));
    expect(locateClaude(host({ GATEWAY_DOCTOR_CLAUDE_BIN: chosen }))).toMatchObject({ path: chosen, foundBy: 'setting' });
    expect(locateClaude(host({ GATEWAY_DOCTOR_CLAUDE_BIN: join(home, 'missing') }))).toBeNull();
    // A bare name is looked up on PATH.
    expect(locateClaude(host({ GATEWAY_DOCTOR_CLAUDE_BIN: 'claude-beta', PATH: dirname(chosen) }))).toMatchObject({ path: chosen, foundBy: 'setting' });
  });
});

describe('detectClaudeCode from a GUI launch (empty PATH)', () => {
  it('runs the claude in ~/.local/bin and says where it was found', async () => {
    const path = await fakeClaude(join(home, '.local', 'bin', 'claude'), '2.1.211');
    const info = await detectClaudeCode(host({}), createCommandRunner());
    expect(info).toMatchObject({ installed: true, version: '2.1.211', location: { path, foundBy: 'install-location' } });
    expect(info.authStatus).toEqual({ loggedIn: false });
  });
});
