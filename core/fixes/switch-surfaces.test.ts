/**
 * Switching every surface through the service: real temp HOME with user
 * settings, VS Code and Cursor settings (JSONC with comments) and shell
 * start-up files; the real resolver finds them, the real engine edits them.
 * Both round trips must leave every file byte for byte as it started, and one
 * undo must restore every file of a switch.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostFromEnv } from '../host';
import { createGatewayDoctor, type GatewayDoctorService } from '../service';
import { CANARY, memorySecretStore } from '../testing/fixtures';
import { SWITCH_PREFIX } from './shell-profile-edit';

const GW = 'https://llm-gateway.example.com';

const USER_GATEWAY = `{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "BASH_DEFAULT_TIMEOUT_MS": "60000"\n  },\n  "theme": "dark"\n}\n`;
const USER_LOGIN = `{\n  "model": "opus",\n  "env": {\n    "BASH_DEFAULT_TIMEOUT_MS": "60000"\n  },\n  "theme": "dark"\n}\n`;
const VSCODE_GATEWAY = `// My VS Code settings\n{\n  "editor.fontSize": 14, // large\n  /* the gateway, from the guide */\n  "claudeCode.environmentVariables": [\n    // corp gateway\n    { "name": "ANTHROPIC_BASE_URL", "value": "${GW}" }, // URL\n    { "name": "HTTPS_PROXY", "value": "http://proxy.corp:3128" },\n    {\n      "name": "ANTHROPIC_AUTH_TOKEN",\n      "value": "${CANARY}"\n    },\n  ],\n  "claudeCode.disableLoginPrompt": true, // no login prompt\n  "files.trimTrailingWhitespace": true,\n}\n`;
const VSCODE_LOGIN = `// My VS Code settings\n{\n  "editor.fontSize": 14, // large\n  /* nothing about Claude here */\n  "files.trimTrailingWhitespace": true,\n}\n`;
const CURSOR_NESTED = `{\n\t// nested form\n\t"claudeCode": {\n\t\t"environmentVariables": [\n\t\t\t{ "name": "ANTHROPIC_BASE_URL", "value": "${GW}" }\n\t\t]\n\t}\n}\n`;
const BASHRC = `# ~/.bashrc\nalias ll='ls -l'\nexport ANTHROPIC_BASE_URL=${GW}\nexport ANTHROPIC_AUTH_TOKEN="${CANARY}"\nexport PATH="$PATH:$HOME/bin"\n`;
const ZSHRC_CRLF = `export EDITOR=vim\r\nexport ANTHROPIC_BASE_URL='${GW}'\r\n`;

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'gd-switch-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const home = join(root, 'home');
  const paths: Record<string, string> = {
    user: join(home, '.claude', 'settings.json'),
    vscode: join(home, '.config', 'Code', 'User', 'settings.json'),
    cursor: join(home, '.config', 'Cursor', 'User', 'settings.json'),
    bashrc: join(home, '.bashrc'),
    zshrc: join(home, '.zshrc'),
  };
  for (const [key, text] of Object.entries(files)) {
    await mkdir(dirname(paths[key]), { recursive: true });
    await writeFile(paths[key], text);
  }
  await mkdir(join(root, 'managed'));
  const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  const secrets = memorySecretStore();
  const service: GatewayDoctorService = await createGatewayDoctor({ host, secrets, claude: 'skip' });
  cleanup.push(() => service.close());
  const snapshot = async () => Object.fromEntries(await Promise.all(Object.keys(files).map(async (k) => [k, await readFile(paths[k], 'utf8')] as const)));
  return { service, paths, snapshot, secrets, dataDir: join(root, 'data') };
}

async function switchTo(service: GatewayDoctorService, target: 'claude-login' | 'gateway', profileId?: string) {
  const plan = await service.planSwitch({ target, ...(profileId ? { profileId } : {}) });
  expect(plan.refusal ?? null).toBeNull();
  const result = await service.applyPlan({ planId: plan.planId });
  expect(result.message).toMatch(/^Applied/);
  return { plan, result };
}

describe('switching every surface', () => {
  it('gateway → login → gateway leaves every file byte for byte as it started; the preview lists each surface', async () => {
    const start = { user: USER_GATEWAY, vscode: VSCODE_GATEWAY, cursor: CURSOR_NESTED, bashrc: BASHRC, zshrc: ZSHRC_CRLF };
    const { service, paths, snapshot, dataDir } = await setup(start);
    await service.saveProfile({ id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });

    const { plan } = await switchTo(service, 'claude-login');
    // What the switch remembers to switch back exactly holds no credential: that is in the secret store.
    expect(await readFile(join(dataDir, 'last-switch.json'), 'utf8')).not.toContain(CANARY);
    expect(plan.surfaces?.map((s) => s.surface)).toEqual(['cli', 'vscode', 'terminals', 'desktop', 'remoteControl', 'voice']);
    expect(plan.files.map((f) => f.path).sort()).toEqual([paths.user, paths.vscode, paths.cursor, paths.bashrc, paths.zshrc].sort());
    expect(JSON.stringify(plan)).not.toContain(CANARY);
    const vscodeSurface = plan.surfaces!.find((s) => s.surface === 'vscode')!;
    expect(vscodeSurface.files.sort()).toEqual([paths.vscode, paths.cursor].sort());
    expect(vscodeSurface.outcome).toContain('claudeCode.disableLoginPrompt');

    const login = await snapshot();
    expect(login.user).toBe(USER_LOGIN);
    // Only the gateway entries and the prompt switch went; every comment and other entry stayed.
    expect(login.vscode).not.toMatch(/ANTHROPIC_|disableLoginPrompt/);
    for (const kept of ['// My VS Code settings', '// large', '/* the gateway, from the guide */', 'HTTPS_PROXY', '"files.trimTrailingWhitespace": true']) expect(login.vscode).toContain(kept);
    expect(login.cursor).not.toContain('ANTHROPIC_BASE_URL');
    expect(login.bashrc).toBe(BASHRC.replace(`export ANTHROPIC_BASE_URL`, `${SWITCH_PREFIX}export ANTHROPIC_BASE_URL`).replace(`export ANTHROPIC_AUTH_TOKEN`, `${SWITCH_PREFIX}export ANTHROPIC_AUTH_TOKEN`));
    expect(login.zshrc).toBe(`export EDITOR=vim\r\n${SWITCH_PREFIX}export ANTHROPIC_BASE_URL='${GW}'\r\n`);
    expect((await service.getSnapshot()).mode.active.kind).not.toBe('gateway');

    const back = await switchTo(service, 'gateway', 'corp');
    expect(back.plan.surfaces?.find((s) => s.surface === 'terminals')?.files.sort()).toEqual([paths.bashrc, paths.zshrc].sort());
    expect(await snapshot()).toEqual(start);
  });

  it('login → gateway → login leaves every file byte for byte as it started', async () => {
    const start = { user: USER_LOGIN, vscode: VSCODE_LOGIN };
    const { service, paths, snapshot } = await setup(start);
    await service.saveProfile({ id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });

    const { plan } = await switchTo(service, 'gateway', 'corp');
    expect(plan.files.map((f) => f.path).sort()).toEqual([paths.user, paths.vscode].sort());
    const gateway = await snapshot();
    // The extension gets the gateway in its own settings, as the guide asks, with the login prompt off.
    expect(gateway.vscode).toContain('"claudeCode.environmentVariables"');
    expect(gateway.vscode).toContain(GW);
    expect(gateway.vscode).toContain('"claudeCode.disableLoginPrompt": true');
    for (const kept of ['// My VS Code settings', '// large', '/* nothing about Claude here */']) expect(gateway.vscode).toContain(kept);
    expect((await service.getSnapshot()).mode.active.kind).toBe('gateway');

    const { plan: back } = await switchTo(service, 'claude-login');
    expect(back.surfaces?.find((s) => s.surface === 'vscode')?.outcome).toBe('Uses the claude.ai login: ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, claudeCode.disableLoginPrompt removed from ~/.config/Code/User/settings.json.');
    expect(await snapshot()).toEqual(start);
  });

  it('one undo restores every file of the switch; apply refuses when any file changed since the preview', async () => {
    const start = { user: USER_GATEWAY, vscode: VSCODE_GATEWAY, bashrc: BASHRC };
    const { service, paths, snapshot } = await setup(start);
    const { result } = await switchTo(service, 'claude-login');
    expect(result.change?.files).toHaveLength(3);
    const undo = await service.undoChange({ changeId: result.change!.changeId });
    expect(undo.ok).toBe(true);
    expect(await snapshot()).toEqual(start);

    const plan = await service.planSwitch({ target: 'claude-login' });
    await writeFile(paths.bashrc, BASHRC + 'export FOO=1\n');
    const refused = await service.applyPlan({ planId: plan.planId });
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('~/.bashrc changed since the preview');
    expect((await snapshot()).user).toBe(USER_GATEWAY);
  });

  it('never revives a shell line a fix disabled for another reason', async () => {
    const disabled = `# disabled by Gateway Doctor: export ANTHROPIC_BASE_URL=${GW}\n`;
    const { service, snapshot } = await setup({ user: USER_LOGIN, bashrc: disabled });
    await service.saveProfile({ id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });
    await switchTo(service, 'gateway', 'corp');
    expect((await snapshot()).bashrc).toBe(disabled);
  });

  it('lists project settings that keep the gateway, and removes it from the personal local settings on request (restored on the way back)', async () => {
    const { service, paths, snapshot } = await setup({ user: USER_GATEWAY });
    const project = join(dirname(paths.user), '..', '..', 'repo');
    const local = join(project, '.claude', 'settings.local.json');
    const shared = join(project, '.claude', 'settings.json');
    const localText = `{\n  "permissions": {\n    "allow": []\n  },\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`;
    const sharedText = `{\n  "env": {\n    "ANTHROPIC_CUSTOM_HEADERS": "X-Team: blue"\n  }\n}\n`;
    await mkdir(dirname(local), { recursive: true });
    await writeFile(local, localText);
    await writeFile(shared, sharedText);
    await service.setPreferences({ activeProjectDir: project });
    await service.saveProfile({ id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });

    const plain = await service.planSwitch({ target: 'claude-login' });
    const cli = plain.surfaces!.find((s) => s.surface === 'cli')!;
    expect(cli.localSettings).toEqual({ files: [local], included: false });
    expect(cli.keepsGateway?.join(' ')).toMatch(/Still uses the gateway in that project: .*settings\.local\.json sets ANTHROPIC_BASE_URL/);
    expect(cli.keepsGateway?.join(' ')).toMatch(/\.claude\/settings\.json sets ANTHROPIC_CUSTOM_HEADERS \(a file shared with everyone who clones the repository/);
    expect(plain.files.map((f) => f.path)).toEqual([paths.user]);

    const withLocal = await service.planSwitch({ target: 'claude-login', includeLocalSettings: true });
    expect(withLocal.surfaces!.find((s) => s.surface === 'cli')!.localSettings).toEqual({ files: [local], included: true });
    expect(withLocal.files.map((f) => f.path).sort()).toEqual([paths.user, local].sort());
    expect(JSON.stringify(withLocal)).not.toContain(CANARY);
    expect((await service.applyPlan({ planId: withLocal.planId })).ok).toBe(true);
    expect(await readFile(local, 'utf8')).not.toContain('ANTHROPIC_');
    expect(await readFile(shared, 'utf8')).toBe(sharedText);

    await switchTo(service, 'gateway', 'corp');
    expect(await readFile(local, 'utf8')).toBe(localText);
    expect(await readFile(shared, 'utf8')).toBe(sharedText);
    expect((await snapshot()).user).toBe(USER_GATEWAY);
  });

  it('login → gateway → login removes the user settings file the gateway switch created', async () => {
    const { service, paths, snapshot } = await setup({ vscode: VSCODE_LOGIN });
    await service.saveProfile({ id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });
    const { plan } = await switchTo(service, 'gateway', 'corp');
    expect(plan.files.find((f) => f.path === paths.user)?.creates).toBe(true);
    const { plan: back, result } = await switchTo(service, 'claude-login');
    expect(back.files.find((f) => f.path === paths.user)).toMatchObject({ deletes: true });
    expect(existsSync(paths.user)).toBe(false);
    expect(await snapshot()).toEqual({ vscode: VSCODE_LOGIN });
    // Undo puts the file back.
    expect((await service.undoChange({ changeId: result.change!.changeId })).ok).toBe(true);
    expect(await readFile(paths.user, 'utf8')).toContain(GW);
  });
});
