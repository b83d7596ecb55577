/**
 * The switch when exact restoring is not possible: files edited between two
 * switches, a VS Code file Gateway Doctor cannot edit, an export spread over
 * several lines. The switch still does what it can, by value, and says what
 * it left alone.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayProfile, SourceFile } from '../types';
import { createFixEngine } from './engine';
import { CANARY, makeResolved, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';

const GW = 'https://gw.example';
const profile: GatewayProfile = { id: 'corp', name: 'Corp', baseUrl: GW, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', hasSecret: true };

let t: TempHost;
let user: string;
let vscode: string;
let zshrc: string;
let sources: SourceFile[];
beforeEach(async () => {
  t = await makeTempHost();
  user = join(t.host.homeDir, '.claude', 'settings.json');
  vscode = join(t.host.homeDir, '.config', 'Code', 'User', 'settings.json');
  zshrc = join(t.host.homeDir, '.zshrc');
  for (const p of [user, vscode]) await mkdir(dirname(p), { recursive: true });
  sources = [
    { kind: 'user-settings', path: user, state: 'loaded', watch: true },
    { kind: 'vscode-settings', path: vscode, state: 'loaded', watch: true },
    { kind: 'shell-profile', path: zshrc, state: 'loaded', watch: true },
  ];
});
afterEach(() => t.cleanup());

describe('switch fallbacks', () => {
  it('a VS Code file edited between the switches gets the gateway back by value', async () => {
    await writeFile(user, `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`);
    await writeFile(vscode, `{\n  "claudeCode.environmentVariables": [\n    { "name": "ANTHROPIC_BASE_URL", "value": "${GW}" }\n  ],\n  "claudeCode.disableLoginPrompt": true\n}\n`);
    await writeFile(zshrc, `export ANTHROPIC_BASE_URL=${GW}\n`);
    const engine = createFixEngine({ host: t.host, secrets: memorySecretStore() });
    const toLogin = await engine.planSwitch(makeResolved({ host: t.host, sources }), { kind: 'claude-login' });
    expect((await engine.apply(toLogin.planId)).ok).toBe(true);
    // The user edits VS Code settings while on the login.
    await writeFile(vscode, `{\n  "editor.fontSize": 12,\n  "claudeCode.environmentVariables": []\n}\n`);

    const back = await engine.planSwitch(makeResolved({ host: t.host, sources }), { kind: 'gateway', profile, secret: CANARY });
    expect(back.refusal).toBeUndefined();
    expect(back.surfaces?.find((s) => s.surface === 'vscode')?.outcome).toMatch(/gets ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, claudeCode\.disableLoginPrompt/);
    expect((await engine.apply(back.planId)).ok).toBe(true);
    const text = await readFile(vscode, 'utf8');
    expect(text).toContain('"editor.fontSize": 12');
    expect(text).toContain(GW);
    expect(text).toContain('"claudeCode.disableLoginPrompt": true');
    expect(await readFile(zshrc, 'utf8')).toBe(`export ANTHROPIC_BASE_URL=${GW}\n`);
  });

  it('goes ahead without a VS Code file it cannot edit, and leaves a multi-line export alone, saying so', async () => {
    await writeFile(user, `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}"\n  }\n}\n`);
    await writeFile(vscode, `{\n  "claudeCode.environmentVariables": { "oops": true }\n}\n`);
    await writeFile(zshrc, `export ANTHROPIC_BASE_URL=\\\n  ${GW}\n`);
    const engine = createFixEngine({ host: t.host, secrets: memorySecretStore() });
    const plan = await engine.planSwitch(makeResolved({ host: t.host, sources }), { kind: 'claude-login' });
    expect(plan.canApply).toBe(true);
    expect(plan.files.map((f) => f.path)).toEqual([user]);
    expect(plan.warnings.join(' ')).toMatch(/~\/\.config\/Code\/User\/settings\.json was not changed: .*"claudeCode\.environmentVariables" is not a list/);
    expect(plan.warnings.join(' ')).toMatch(/Line 1 of ~\/\.zshrc sets ANTHROPIC_BASE_URL over several lines/);
    expect(plan.surfaces?.find((s) => s.surface === 'terminals')?.keepsGateway?.join(' ')).toContain('over several lines');
  });

  it('refuses, saying so, when no surface sets a gateway', async () => {
    await writeFile(user, '{\n  "model": "opus"\n}\n');
    await writeFile(vscode, '{}\n');
    await writeFile(zshrc, 'alias g=git\n');
    const plan = await createFixEngine({ host: t.host }).planSwitch(makeResolved({ host: t.host, sources }), { kind: 'claude-login' });
    expect(plan.canApply).toBe(false);
    expect(plan.refusal).toMatch(/No gateway is set in the user settings, VS Code settings or shell start-up files/);
  });

  it('switching to another gateway leaves the first gateway’s exports commented out, saying so', async () => {
    await writeFile(user, `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${GW}",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`);
    await writeFile(vscode, '{}\n');
    await writeFile(zshrc, `export ANTHROPIC_BASE_URL=${GW}\nexport ANTHROPIC_AUTH_TOKEN=${CANARY}\n`);
    const engine = createFixEngine({ host: t.host, secrets: memorySecretStore() });
    expect((await engine.apply((await engine.planSwitch(makeResolved({ host: t.host, sources }), { kind: 'claude-login' })).planId)).ok).toBe(true);
    const off = await readFile(zshrc, 'utf8');
    const other = { ...profile, id: 'other', name: 'Other', baseUrl: 'https://other.example' };
    const plan = await engine.planSwitch(makeResolved({ host: t.host, sources }), { kind: 'gateway', profile: other, secret: 'sk-other-secret-123456' });
    expect(plan.files.map((f) => f.path)).not.toContain(zshrc);
    expect(plan.warnings).toContain('The gateway exports in ~/.zshrc stay commented out: they are for another gateway.');
    expect((await engine.apply(plan.planId)).ok).toBe(true);
    expect(await readFile(zshrc, 'utf8')).toBe(off);
  });
});
