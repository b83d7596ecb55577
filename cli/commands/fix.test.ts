/**
 * The CLI end to end, in-process through main(): real temp files, a temp
 * HOME, and a stand-in secret-tool (the OS keyring cannot exist here).
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import { main } from '../main';

const CANARY = 'sk-canary-7f3a9c1e5b2d4068';
let root: string;
let home: string;
let project: string;
let bin: string;
let userSettings: string;
let vscodeSettings: string;
let rawOutput = '';

async function runCli(argv: string[], opts: { stdin?: string } = {}) {
  let out = '';
  let err = '';
  const redactor = new Redactor();
  const env = {
    HOME: home,
    CLAUDE_CONFIG_DIR: '',
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: `${bin}:${process.env.PATH}`,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-test-bus',
    GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'),
    GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-such-claude'),
    GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'),
  };
  // Raw output (before the entry point's scrubbing) is what we assert on, so
  // the commands themselves are proven not to print secrets.
  const io = {
    env,
    cwd: project,
    out: (t: string) => void (out += t),
    err: (t: string) => void (err += t),
    redactor,
    signal: new AbortController().signal,
    ...(opts.stdin !== undefined ? { stdin: async () => opts.stdin as string } : {}),
  };
  const code = await main(argv, io);
  rawOutput += out + err;
  return { code, out, err };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-cli-fix-'));
  home = join(root, 'home');
  project = join(root, 'repo');
  bin = join(root, 'bin');
  userSettings = join(home, '.claude', 'settings.json');
  vscodeSettings = join(home, '.config', 'Code', 'User', 'settings.json');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(join(home, '.config', 'Code', 'User'), { recursive: true });
  await mkdir(project, { recursive: true });
  await mkdir(bin);
  const store = join(root, 'keyring');
  await writeFile(join(bin, 'secret-tool'), `#!/bin/sh\ncase "$1" in\n  store) cat > "${store}-$6" ;;\n  lookup) [ -f "${store}-$5" ] && cat "${store}-$5" || exit 1 ;;\n  clear) rm -f "${store}-$5" ;;\nesac\n`);
  await chmod(join(bin, 'secret-tool'), 0o755);
  rawOutput = '';
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function assertNoCanaryInAppData() {
  const dataDir = join(root, 'data');
  for (const e of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    const full = join(e.parentPath, e.name);
    expect(full).not.toContain(CANARY);
    if (e.isFile() && !full.includes(`${dataDir}/backups/`)) expect(await readFile(full, 'utf8'), full).not.toContain(CANARY);
  }
}

describe('gateway-doctor fix / undo', () => {
  it('fix vscode-missing-gateway-env --yes keeps every comment, and undo restores the exact bytes', async () => {
    await writeFile(userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const vscode = `// Place your settings in this file\n{\n    // Editor\n    "editor.fontSize": 13, // small\n    /* Claude Code\n       below */\n    "workbench.colorTheme": "Default Dark+",\n}\n`;
    await writeFile(vscodeSettings, vscode);

    const preview = await runCli(['fix', 'vscode-missing-gateway-env']);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain('Dry run: nothing was written');
    expect(preview.out).toContain('+    "claudeCode.disableLoginPrompt": true');
    expect(await readFile(vscodeSettings, 'utf8')).toBe(vscode);

    const applied = await runCli(['fix', 'vscode-missing-gateway-env', '--yes']);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toContain('Verified: vscode-missing-gateway-env is no longer reported.');
    const after = await readFile(vscodeSettings, 'utf8');
    for (const comment of ['// Place your settings in this file', '// Editor', '// small', '/* Claude Code\n       below */']) expect(after).toContain(comment);
    expect(after).toContain('"editor.fontSize": 13, // small');
    expect(after).toContain(`"value": "${CANARY}"`);
    expect(after).toContain('"claudeCode.disableLoginPrompt": true');

    const undone = await runCli(['undo']);
    expect(undone.code, undone.err).toBe(0);
    expect(await readFile(vscodeSettings, 'utf8')).toBe(vscode);
    expect(rawOutput).not.toContain(CANARY);
    await assertNoCanaryInAppData();
  });

  it('--json prints one versioned object for fix and undo, with the redacted preview and the verification', async () => {
    await writeFile(userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const vscode = '{\n  // mine\n  "editor.fontSize": 13\n}\n';
    await writeFile(vscodeSettings, vscode);

    const applied = await runCli(['fix', 'vscode-missing-gateway-env', '--yes', '--json']);
    expect(applied.code, applied.err).toBe(0);
    const fix = JSON.parse(applied.out);
    expect(fix).toMatchObject({ schema: 'gateway-doctor/fix@1', applied: true, verified: true });
    expect(fix.plan.files[0].path).toBe(vscodeSettings);
    expect(fix.plan.files[0].diff).toContain('claudeCode.environmentVariables');
    expect(fix.result.change.changeId).toEqual(expect.any(String));

    const undone = await runCli(['undo', '--json']);
    expect(undone.code, undone.err).toBe(0);
    expect(JSON.parse(undone.out)).toMatchObject({ schema: 'gateway-doctor/undo@1', applied: true, result: { ok: true } });
    expect(await readFile(vscodeSettings, 'utf8')).toBe(vscode);
    expect(rawOutput).not.toContain(CANARY);
  });

  it('refuses with a clear message when the target settings are invalid JSON', async () => {
    await writeFile(userSettings, '{\n  "env": {\n    "A": "1",\n  }\n}\n');
    const r = await runCli(['fix', 'beta-fields-rejected', '--yes']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Cannot apply: ${userSettings} is not valid JSON (line 4`);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('moves a credential out of the shared project file into git-ignored local settings', async () => {
    execFileSync('git', ['init', '-q'], { cwd: project, env: { HOME: home, PATH: process.env.PATH } });
    await mkdir(join(project, '.claude'));
    await writeFile(join(project, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const r = await runCli(['fix', 'credential-in-shared-project-file', '--yes']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(JSON.parse(await readFile(join(project, '.claude', 'settings.local.json'), 'utf8')).env.ANTHROPIC_AUTH_TOKEN).toBe(CANARY);
    expect(await readFile(join(project, '.claude', 'settings.json'), 'utf8')).not.toContain(CANARY);
    expect(await readFile(join(home, '.config', 'git', 'ignore'), 'utf8')).toContain('**/.claude/settings.local.json');
    expect(rawOutput).not.toContain(CANARY);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['fix'])).code).toBe(2);
    expect((await runCli(['fix', 'x', '--yes', '--dry-run'])).code).toBe(2);
    expect((await runCli(['undo', '--bogus'])).code).toBe(2);
    // An empty id is a usage error, never "undo the latest change".
    const empty = await runCli(['undo', '--change', '']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--change needs a change id');
    expect((await runCli(['use', 'somewhere'])).code).toBe(2);
    expect((await runCli(['use', 'gateway', 'corp', '--include-local-settings'])).code).toBe(2);
    expect((await runCli(['profiles', 'add', '--secret', CANARY])).code).toBe(2);
    expect(rawOutput).not.toContain(CANARY);
  });
});

describe('gateway-doctor profiles / use', () => {
  it('use claude-login then use gateway <profile> round-trips the user settings byte for byte', async () => {
    const original = `{\n  "model": "opus",\n  "env": {\n    "DISABLE_AUTOUPDATER": "1",\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "CLAUDE_CODE_ENABLE_TELEMETRY": "0"\n  },\n  "theme": "dark"\n}\n`;
    await writeFile(userSettings, original);
    const add = await runCli(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'ANTHROPIC_AUTH_TOKEN', '--secret-stdin'], { stdin: `${CANARY}\n` });
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('Saved profile corp');
    expect(await readFile(join(root, 'data', 'profiles.json'), 'utf8')).not.toContain(CANARY);
    const list = await runCli(['profiles', '--json']);
    expect(JSON.parse(list.out).profiles[0]).toMatchObject({ id: 'corp', hasSecret: true });

    const preview = await runCli(['use', 'claude-login']);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('Remote Control and voice come back.');
    expect(await readFile(userSettings, 'utf8')).toBe(original);

    const login = await runCli(['use', 'claude-login', '--yes']);
    expect(login.code, login.err).toBe(0);
    const loggedIn = await readFile(userSettings, 'utf8');
    expect(loggedIn).toBe(`{\n  "model": "opus",\n  "env": {\n    "DISABLE_AUTOUPDATER": "1",\n    "CLAUDE_CODE_ENABLE_TELEMETRY": "0"\n  },\n  "theme": "dark"\n}\n`);

    const back = await runCli(['use', 'gateway', 'corp', '--yes']);
    expect(back.code, back.out + back.err).toBe(0);
    expect(await readFile(userSettings, 'utf8')).toBe(original);

    expect(rawOutput).not.toContain(CANARY);
    await assertNoCanaryInAppData();
  });

  it('profile header and env values that look secret go to the keychain: never in profiles.json or `profiles list --json`, still written by `use`', async () => {
    await writeFile(userSettings, '{}\n');
    const add = await runCli(['profiles', 'add', '--name', 'Foundry', '--base-url', 'https://gw.example', '--credential-kind', 'none', '--header', `X-Api-Key: ${CANARY}`, '--header', 'X-Team: blue', '--env', `ANTHROPIC_FOUNDRY_API_KEY=${CANARY}`]);
    expect(add.code, add.err).toBe(0);
    const file = join(root, 'data', 'profiles.json');
    expect(await readFile(file, 'utf8')).not.toContain(CANARY);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const list = await runCli(['profiles', 'list', '--json']);
    expect(list.out).not.toContain(CANARY);
    expect(JSON.parse(list.out).profiles[0].customHeaders).toBe('X-Api-Key: ••••4068\nX-Team: blue');
    const preview = await runCli(['use', 'gateway', 'foundry']);
    expect(preview.code, preview.err).toBe(0);
    const used = await runCli(['use', 'gateway', 'foundry', '--yes']);
    expect(used.code, used.out + used.err).toBe(0);
    const written = await readFile(userSettings, 'utf8');
    expect(written).toContain(`X-Api-Key: ${CANARY}`);
    expect(written).toContain(`"ANTHROPIC_FOUNDRY_API_KEY": "${CANARY}"`);
    expect(rawOutput).not.toContain(CANARY);
  });

  it('a password in the gateway URL is never printed and never stored in clear by `use claude-login`', async () => {
    const password = `pw-${CANARY}`;
    await writeFile(userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: `https://alice:${password}@gw.example`, ANTHROPIC_AUTH_TOKEN: 'sk-other-token-00000001' } }, null, 2) + '\n');
    const status = await runCli(['status', '--json']);
    expect(status.out).toContain('gw.example');
    const login = await runCli(['use', 'claude-login', '--yes']);
    expect(login.code, login.out + login.err).toBe(0);
    const memory = await readFile(join(root, 'data', 'last-gateway.json'), 'utf8');
    expect(memory).toContain('ANTHROPIC_BASE_URL');
    expect(memory).not.toContain(password);
    // What the terminal receives: the entry point's Redactor hides any URL password
    // (the switch preview's diff still holds it before that, see core/fixes/secret-values.ts).
    expect(new Redactor().scrub(rawOutput)).not.toContain(password);
    expect(new Redactor().scrub(rawOutput)).toContain('https://alice:••••@gw.example');
    await assertNoCanaryInAppData();
  });

  it('without a keychain stores the secret in the 0600 fallback file, and says so', async () => {
    await rm(join(bin, 'secret-tool'));
    const r = await runCli(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'ANTHROPIC_AUTH_TOKEN', '--secret-stdin'], { stdin: CANARY });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/No OS keychain: the credential is stored in a file only you can read \(.*secrets\.json, mode 0600\), because no OS keychain is reachable from the command line \(secret-tool from libsecret is not installed\)/);
    const list = await runCli(['profiles', '--json']);
    expect(JSON.parse(list.out).secretStore).toMatchObject({ available: true, kind: 'file' });
    expect((await runCli(['profiles'])).out).toContain('Credentials are kept in a file only you can read');
    expect(rawOutput).not.toContain(CANARY);
    const missing = await runCli(['use', 'gateway', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No profile "nope"');
  });
});
