/**
 * `gateway-doctor use` as a real process (the built bundle, `node
 * bin/gateway-doctor.js`), on real temp files: user settings, VS Code
 * settings with comments, .bashrc and .zshrc. No secret-tool on PATH, so the
 * profile credential lives in the 0600 fallback file, as on a Linux machine
 * without a Secret Service. Both round trips must leave every file byte for
 * byte as it started.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANARY } from '../../core/testing/fixtures';

const GW = 'https://llm-gateway.example.com';
const REPO = join(dirname(new URL(import.meta.url).pathname), '..', '..');

let root: string;
let paths: Record<'user' | 'vscode' | 'bashrc' | 'zshrc', string>;
let transcript = '';

beforeAll(() => {
  // The test runs the bundle a user runs: build it from this checkout first.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, timeout: 60_000 });
}, 90_000);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-use-process-'));
  const home = join(root, 'home');
  paths = {
    user: join(home, '.claude', 'settings.json'),
    vscode: join(home, '.config', 'Code', 'User', 'settings.json'),
    bashrc: join(home, '.bashrc'),
    zshrc: join(home, '.zshrc'),
  };
  await mkdir(join(root, 'managed'), { recursive: true });
  await mkdir(join(root, 'empty-bin'), { recursive: true });
  transcript = '';
});
afterEach(() => rm(root, { recursive: true, force: true }));

function cli(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const env = {
    HOME: join(root, 'home'),
    CLAUDE_CONFIG_DIR: join(root, 'home', '.claude'),
    XDG_CONFIG_HOME: join(root, 'home', '.config'),
    PATH: `${join(root, 'empty-bin')}:${dirname(process.execPath)}:/usr/bin:/bin`,
    GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'),
    GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'),
    GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-such-claude'),
  };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(REPO, 'bin', 'gateway-doctor.js'), ...args], { env, cwd: root, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (error, out, err) => {
      transcript += out + err;
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, out, err });
    });
    child.stdin?.end(stdin ?? '');
  });
}

async function write(files: Partial<Record<keyof typeof paths, string>>): Promise<void> {
  for (const [key, text] of Object.entries(files)) {
    const path = paths[key as keyof typeof paths];
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}

async function snapshot(keys: Array<keyof typeof paths>): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await readFile(paths[k], 'utf8')] as const)));
}

async function addProfile(): Promise<void> {
  const add = await cli(['profiles', 'add', '--name', 'Corp', '--base-url', GW, '--credential-kind', 'ANTHROPIC_AUTH_TOKEN', '--secret-stdin'], `${CANARY}\n`);
  expect(add.code, add.err).toBe(0);
  expect(add.out).toContain('No OS keychain: the credential is stored in a file only you can read');
  expect((await stat(join(root, 'data', 'secrets.json'))).mode & 0o777).toBe(0o600);
  const json = JSON.parse((await cli(['profiles', '--json'])).out);
  expect(json.secretStore.kind).toBe('file');
}

const USER_GATEWAY = `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "DISABLE_AUTOUPDATER": "1"\n  },\n  "model": "opus"\n}\n`;
const USER_LOGIN = `{\n  "env": {\n    "DISABLE_AUTOUPDATER": "1"\n  },\n  "model": "opus"\n}\n`;
const VSCODE_GATEWAY = `{\n  // editor\n  "editor.tabSize": 2,\n  "claudeCode.environmentVariables": [\n    { "name": "ANTHROPIC_BASE_URL", "value": "${GW}" }, // gateway\n    { "name": "ANTHROPIC_AUTH_TOKEN", "value": "${CANARY}" }\n  ],\n  "claudeCode.disableLoginPrompt": true\n}\n`;
const VSCODE_LOGIN = `{\n  // editor\n  "editor.tabSize": 2, /* keep */\n}\n`;
const BASHRC = `export ANTHROPIC_BASE_URL=${GW}\nexport ANTHROPIC_AUTH_TOKEN=${CANARY}\nalias g=git\n`;
const ZSHRC = `# zsh\nexport ANTHROPIC_BASE_URL="${GW}"\n`;

describe('gateway-doctor use (real process)', () => {
  it('gateway → claude-login → gateway restores every file byte for byte; one undo restores every file of a switch', { timeout: 90_000 }, async () => {
    const start = { user: USER_GATEWAY, vscode: VSCODE_GATEWAY, bashrc: BASHRC, zshrc: ZSHRC };
    await write(start);
    await addProfile();

    const preview = await cli(['use', 'claude-login']);
    expect(preview.code, preview.err).toBe(0);
    for (const line of ['Each surface:', 'Claude Code in a terminal:', 'VS Code extension:', 'New terminals:', 'Claude desktop app:', 'Remote Control:', 'Voice dictation:']) expect(preview.out).toContain(line);
    expect(await snapshot(['user', 'vscode', 'bashrc', 'zshrc'])).toEqual(start);

    const login = await cli(['use', 'claude-login', '--yes']);
    expect(login.code, login.out + login.err).toBe(0);
    const after = await snapshot(['user', 'vscode', 'bashrc', 'zshrc']);
    expect(after.user).toBe(USER_LOGIN);
    expect(after.vscode).not.toMatch(/ANTHROPIC_|disableLoginPrompt/);
    expect(after.vscode).toContain('// editor');
    expect(after.bashrc).toMatch(/^# off while using the claude\.ai login \(Gateway Doctor\): export ANTHROPIC_BASE_URL=/);
    expect(after.zshrc).toContain('# off while using the claude.ai login (Gateway Doctor): export ANTHROPIC_BASE_URL=');

    const back = await cli(['use', 'gateway', 'corp', '--yes']);
    expect(back.code, back.out + back.err).toBe(0);
    expect(await snapshot(['user', 'vscode', 'bashrc', 'zshrc'])).toEqual(start);

    const again = await cli(['use', 'claude-login', '--yes', '--json']);
    const changeId = JSON.parse(again.out).result.change.changeId as string;
    const undo = await cli(['undo', '--change', changeId]);
    expect(undo.code, undo.out + undo.err).toBe(0);
    expect(await snapshot(['user', 'vscode', 'bashrc', 'zshrc'])).toEqual(start);
    expect(transcript).not.toContain(CANARY);
    // The credential is only in the secrets file: never in what the switch remembers, the profiles or the journal.
    for (const name of ['last-switch.json', 'last-gateway.json', 'profiles.json']) expect(await readFile(join(root, 'data', name), 'utf8'), name).not.toContain(CANARY);
  });

  it('claude-login → gateway → claude-login restores every file byte for byte', { timeout: 90_000 }, async () => {
    const start = { user: USER_LOGIN, vscode: VSCODE_LOGIN, bashrc: 'alias g=git\n' };
    await write(start);
    await addProfile();
    const gateway = await cli(['use', 'gateway', 'corp', '--yes']);
    expect(gateway.code, gateway.out + gateway.err).toBe(0);
    const during = await snapshot(['user', 'vscode', 'bashrc']);
    expect(during.vscode).toContain('"claudeCode.disableLoginPrompt": true');
    expect(during.vscode).toContain('/* keep */');
    expect(during.bashrc).toBe('alias g=git\n');
    const login = await cli(['use', 'claude-login', '--yes']);
    expect(login.code, login.out + login.err).toBe(0);
    expect(await snapshot(['user', 'vscode', 'bashrc'])).toEqual(start);
    expect(transcript).not.toContain(CANARY);
  });
});
