import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFinding } from '../diagnosis/make-finding';
import type { GatewayProfile } from '../types';
import { Redactor } from '../util/secret';
import { createFixEngine, PLAN_TTL_MS } from './engine';
import { CANARY, FakeClock, makeResolved, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';

let t: TempHost;
let userPath: string;
const posix = process.platform !== 'win32';

beforeEach(async () => {
  t = await makeTempHost();
  userPath = join(t.host.homeDir, '.claude', 'settings.json');
  await mkdir(join(t.host.homeDir, '.claude'), { recursive: true });
});
afterEach(() => t.cleanup());

async function allTextUnder(dir: string): Promise<string> {
  let out = '';
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    out += full + '\n';
    if (entry.isFile() && !full.includes('/backups/')) out += await readFile(full, 'utf8');
  }
  return out;
}

describe('fix engine', () => {
  it('plans, previews, applies and undoes beta-fields-rejected with exact bytes', async () => {
    const original = '{\n    "model": "opus",\n    "env": {\n        "FOO": "1"\n    }\n}\n';
    await writeFile(userPath, original);
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'beta-fields-rejected');
    expect(plan.canApply).toBe(true);
    expect(plan.files[0].diff).toContain('+        "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS": "1"');
    expect(await readFile(userPath, 'utf8')).toBe(original);
    const applied = await engine.apply(plan.planId);
    expect(applied.ok).toBe(true);
    expect(await readFile(userPath, 'utf8')).toBe('{\n    "model": "opus",\n    "env": {\n        "FOO": "1",\n        "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS": "1"\n    }\n}\n');
    // A fresh engine (a restart) can undo from the journal.
    const undone = await createFixEngine({ host: t.host }).undo();
    expect(undone.ok).toBe(true);
    expect(await readFile(userPath, 'utf8')).toBe(original);
    expect((await engine.listChanges())[0].undone).toBe(true);
    expect((await engine.undo()).message).toBe('Nothing to undo.');
  });

  it('creates a missing settings file in the canonical shape, and undo deletes it', async () => {
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'models-not-discovered');
    expect(plan.files[0].creates).toBe(true);
    await engine.apply(plan.planId);
    expect(await readFile(userPath, 'utf8')).toBe('{\n  "env": {\n    "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY": "1"\n  }\n}\n');
    await engine.undo();
    await expect(stat(userPath)).rejects.toThrow();
  });

  it.runIf(posix)('apply and undo through a dangling symlink keep the link itself', async () => {
    const { lstat, readlink, symlink } = await import('node:fs/promises');
    // ~/.claude/settings.json links into a dotfiles folder whose file does not exist yet.
    await mkdir(join(t.host.homeDir, 'dotfiles'));
    await symlink('../dotfiles/claude-settings.json', userPath);
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'models-not-discovered');
    expect((await engine.apply(plan.planId)).ok).toBe(true);
    expect((await lstat(userPath)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(t.host.homeDir, 'dotfiles', 'claude-settings.json'), 'utf8')).toContain('CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY');
    const undone = await engine.undo();
    expect(undone.ok).toBe(true);
    // Exactly as before: the link, still dangling.
    expect((await lstat(userPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(userPath)).toBe('../dotfiles/claude-settings.json');
    await expect(stat(join(t.host.homeDir, 'dotfiles', 'claude-settings.json'))).rejects.toThrow();
  });

  it('refuses a one-click fix for a shadowed value that lives only in the process environment', async () => {
    const finding = makeFinding('shell-export-shadowed', { detail: 'x', source: { kind: 'shell-env', path: 'process environment' }, fix: 'Unset it in that shell (unset ANTHROPIC_BASE_URL).' });
    const plan = await createFixEngine({ host: t.host }).planFix(makeResolved({ host: t.host }), 'shell-export-shadowed', { finding });
    expect(plan.canApply).toBe(false);
    expect(plan.refusal).toContain('the value is not in a file');
    expect(plan.refusal).toContain('unset ANTHROPIC_BASE_URL');
  });

  it('undo with an empty change id undoes nothing', async () => {
    await writeFile(userPath, '{}\n');
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'adaptive-thinking-rejected');
    expect((await engine.apply(plan.planId)).ok).toBe(true);
    const changed = await readFile(userPath, 'utf8');
    const result = await engine.undo('');
    expect(result.ok).toBe(false);
    expect(await readFile(userPath, 'utf8')).toBe(changed);
  });

  it('refuses to apply when the file changed since the preview', async () => {
    await writeFile(userPath, '{}\n');
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'adaptive-thinking-rejected');
    await writeFile(userPath, '{"model": "sonnet"}\n');
    const result = await engine.apply(plan.planId);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('~/.claude/settings.json changed since the preview; plan again.');
    expect(await readFile(userPath, 'utf8')).toBe('{"model": "sonnet"}\n');
  });

  it('refuses undo when the file changed since the change, keeping the user edit', async () => {
    await writeFile(userPath, '{}\n');
    const engine = createFixEngine({ host: t.host });
    await engine.apply((await engine.planFix(makeResolved({ host: t.host }), 'adaptive-thinking-rejected')).planId);
    await writeFile(userPath, '{"mine": true}\n');
    const result = await engine.undo();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/changed since "Turn off adaptive thinking" was applied/);
    expect(await readFile(userPath, 'utf8')).toBe('{"mine": true}\n');
  });

  it('expires plans after 10 minutes', async () => {
    const clock = new FakeClock();
    const engine = createFixEngine({ host: t.host, clock });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'beta-fields-rejected');
    await clock.advance(PLAN_TTL_MS + 1);
    expect((await engine.apply(plan.planId)).message).toMatch(/expired/);
  });

  it('refuses to edit invalid JSON, naming the file and line', async () => {
    await writeFile(userPath, '{\n  "env": {\n    "A": "1",\n  }\n}\n');
    const plan = await createFixEngine({ host: t.host }).planFix(makeResolved({ host: t.host }), 'beta-fields-rejected');
    expect(plan.canApply).toBe(false);
    expect(plan.refusal).toContain(`${userPath} is not valid JSON (line 4`);
  });

  it('refuses to write a credential into the shared project settings', async () => {
    const project = join(t.root, 'proj');
    const projectSettings = join(project, '.claude', 'settings.json');
    await mkdir(join(project, '.claude'), { recursive: true });
    await writeFile(projectSettings, `{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`);
    const source = { kind: 'project-settings' as const, path: projectSettings, line: 3 };
    const resolved = makeResolved({ host: t.host, projectDir: project, env: { ANTHROPIC_AUTH_TOKEN: { value: CANARY, source } } });
    const plan = await createFixEngine({ host: t.host }).planFix(resolved, 'credential-wrong-header');
    expect(plan.canApply).toBe(false);
    expect(plan.refusal).toMatch(/will not write the credential ANTHROPIC_API_KEY into .*proj\/\.claude\/settings\.json: that file is shared/);
    expect(JSON.stringify(plan)).not.toContain(CANARY);
  });

  it('credential-wrong-header moves the value in place in the same file, redacted in the preview, 0600', async () => {
    await writeFile(userPath, `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "Z": "1"\n  }\n}\n`);
    const resolved = makeResolved({ host: t.host, env: { ANTHROPIC_AUTH_TOKEN: { value: CANARY, source: { kind: 'user-settings', path: userPath, line: 4 } } } });
    const redactor = new Redactor();
    const engine = createFixEngine({ host: t.host, redactor });
    const plan = await engine.planFix(resolved, 'credential-wrong-header');
    expect(plan.canApply).toBe(true);
    expect(JSON.stringify(plan)).not.toContain(CANARY);
    expect(redactor.scrub(`x ${CANARY} y`)).not.toContain(CANARY);
    await engine.apply(plan.planId);
    expect(await readFile(userPath, 'utf8')).toBe(`{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_API_KEY": "${CANARY}",\n    "Z": "1"\n  }\n}\n`);
    if (posix) expect((await stat(userPath)).mode & 0o777).toBe(0o600);
    const journalAndNames = await allTextUnder(t.host.appDataDir);
    expect(journalAndNames).not.toContain(CANARY);
    if (posix) {
      const backupsDir = join(t.host.appDataDir, 'backups');
      for (const e of await readdir(backupsDir, { recursive: true, withFileTypes: true })) if (e.isFile()) expect((await stat(join(e.parentPath, e.name))).mode & 0o777).toBe(0o600);
    }
  });

  it('credential-in-shared-project-file moves it to settings.local.json and makes git ignore it, in one plan', async () => {
    const project = join(t.root, 'repo');
    await mkdir(join(project, '.claude'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: project, env: { HOME: t.host.homeDir, PATH: process.env.PATH } });
    const projectSettings = join(project, '.claude', 'settings.json');
    const shared = `{\n  "permissions": {"allow": []},\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`;
    await writeFile(projectSettings, shared);
    const finding = makeFinding('credential-in-shared-project-file', { detail: 'x', source: { kind: 'project-settings', path: projectSettings, line: 5 } });
    const resolved = makeResolved({ host: t.host, projectDir: project, findings: [finding] });
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(resolved, 'credential-in-shared-project-file');
    expect(plan.canApply).toBe(true);
    const ignoreFile = join(t.host.homeDir, '.config', 'git', 'ignore');
    expect(plan.files.map((f) => f.path).sort()).toEqual([projectSettings, join(project, '.claude', 'settings.local.json'), ignoreFile].sort());
    await engine.apply(plan.planId);
    expect(await readFile(projectSettings, 'utf8')).toBe('{\n  "permissions": {"allow": []},\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example"\n  }\n}\n');
    expect(JSON.parse(await readFile(join(project, '.claude', 'settings.local.json'), 'utf8'))).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: CANARY } });
    expect(await readFile(ignoreFile, 'utf8')).toBe('**/.claude/settings.local.json\n');
    const check = execFileSync('git', ['check-ignore', '.claude/settings.local.json'], { cwd: project, env: { HOME: t.host.homeDir, PATH: process.env.PATH, XDG_CONFIG_HOME: t.host.env.XDG_CONFIG_HOME } }).toString();
    expect(check.trim()).toBe('.claude/settings.local.json');
    await engine.undo();
    expect(await readFile(projectSettings, 'utf8')).toBe(shared);
    await expect(stat(ignoreFile)).rejects.toThrow();
  });

  it('tls-untrusted validates the chosen PEM file', async () => {
    const engine = createFixEngine({ host: t.host });
    const bogus = join(t.root, 'not-a-cert.pem');
    await writeFile(bogus, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
    const bad = await engine.planFix(makeResolved({ host: t.host }), 'tls-untrusted', { caPath: bogus });
    expect(bad.refusal).toContain(`${bogus} contains a certificate block that is not a valid X.509 certificate`);
    const none = await engine.planFix(makeResolved({ host: t.host }), 'tls-untrusted');
    expect(none.refusal).toMatch(/--ca/);
    const pem = join(t.root, 'ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(t.root, 'k.pem'), '-out', pem, '-days', '2', '-subj', '/CN=Test Corp CA'], { stdio: 'ignore' });
    const good = await engine.planFix(makeResolved({ host: t.host }), 'tls-untrusted', { caPath: pem });
    expect(good.canApply).toBe(true);
    expect(good.effects[0]).toContain('Test Corp CA');
    await engine.apply(good.planId);
    expect(JSON.parse(await readFile(userPath, 'utf8')).env.NODE_EXTRA_CA_CERTS).toBe(pem);
  });

  it('context-limit-rewritten uses the machineFix values, and refuses without them', async () => {
    const engine = createFixEngine({ host: t.host });
    const missing = await engine.planFix(makeResolved({ host: t.host }), 'context-limit-rewritten', { finding: makeFinding('context-limit-rewritten', { detail: 'x' }) });
    expect(missing.refusal).toMatch(/check --realistic/);
    const finding = makeFinding('context-limit-rewritten', {
      detail: 'x',
      machineFix: { id: 'context-limit-rewritten', summary: 's', steps: [
        { action: 'set-env', variable: 'CLAUDE_CODE_AUTO_COMPACT_WINDOW', value: '100000', target: 'user-settings' },
        { action: 'set-env', variable: 'CLAUDE_CODE_MAX_OUTPUT_TOKENS', value: '8000', target: 'user-settings' },
      ] },
    });
    const plan = await engine.planFix(makeResolved({ host: t.host }), 'context-limit-rewritten', { finding });
    await engine.apply(plan.planId);
    expect(JSON.parse(await readFile(userPath, 'utf8')).env).toEqual({ CLAUDE_CODE_AUTO_COMPACT_WINDOW: '100000', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8000' });
  });

  it('both-credentials-set removes the variable named by the machineFix', async () => {
    await writeFile(userPath, `{"env": {"ANTHROPIC_AUTH_TOKEN": "${CANARY}", "ANTHROPIC_API_KEY": "${CANARY}x"}}`);
    const src = { kind: 'user-settings' as const, path: userPath, line: 1 };
    const finding = makeFinding('both-credentials-set', { detail: 'x', machineFix: { id: 'both-credentials-set', summary: 's', steps: [{ action: 'unset-env', variable: 'ANTHROPIC_AUTH_TOKEN', target: 'user-settings' }] } });
    const resolved = makeResolved({ host: t.host, findings: [finding], env: { ANTHROPIC_AUTH_TOKEN: { value: CANARY, source: src }, ANTHROPIC_API_KEY: { value: `${CANARY}x`, source: src } } });
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(resolved, 'both-credentials-set');
    await engine.apply(plan.planId);
    expect(await readFile(userPath, 'utf8')).toBe(`{"env": {"ANTHROPIC_API_KEY": "${CANARY}x"}}`);
  });

  it('shell-export-shadowed comments out exactly the finding line', async () => {
    const zshrc = join(t.host.homeDir, '.zshrc');
    await writeFile(zshrc, `# mine\nexport ANTHROPIC_AUTH_TOKEN=${CANARY}\nexport EDITOR=vim\n`);
    const finding = makeFinding('shell-export-shadowed', { detail: 'x', source: { kind: 'shell-profile', path: zshrc, line: 2 } });
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planFix(makeResolved({ host: t.host, findings: [finding] }), 'shell-export-shadowed');
    expect(plan.files[0].diff).not.toContain(CANARY);
    expect(plan.files[0].diff).toContain('+# disabled by Gateway Doctor: export ANTHROPIC_AUTH_TOKEN=••••4068');
    await engine.apply(plan.planId);
    expect(await readFile(zshrc, 'utf8')).toBe(`# mine\n# disabled by Gateway Doctor: export ANTHROPIC_AUTH_TOKEN=${CANARY}\nexport EDITOR=vim\n`);
  });

  it('says so when a finding has no automatic fix', async () => {
    const plan = await createFixEngine({ host: t.host }).planFix(makeResolved({ host: t.host }), 'no-such-finding');
    expect(plan.refusal).toBe('"no-such-finding" is not a known finding id.');
  });
});

describe('switching', () => {
  const profile: GatewayProfile = { id: 'corp', name: 'Corp', baseUrl: 'https://gw.example', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', hasSecret: true };

  it('claude-login then gateway round-trips the user settings byte for byte', async () => {
    const original = `{\n  "model": "opus",\n  "env": {\n    "FOO": "1",\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "BAR": "2"\n  },\n  "apiKeyHelper": "~/bin/key.sh",\n  "theme": "dark"\n}\n`;
    await writeFile(userPath, original);
    const secrets = memorySecretStore();
    const engine = createFixEngine({ host: t.host, secrets });
    const toLogin = await engine.planSwitch(makeResolved({ host: t.host }), { kind: 'claude-login' });
    expect(toLogin.canApply).toBe(true);
    expect(toLogin.effects).toContain('Remote Control and voice come back.');
    expect(JSON.stringify(toLogin)).not.toContain(CANARY);
    expect((await engine.apply(toLogin.planId)).ok).toBe(true);
    const loggedIn = await readFile(userPath, 'utf8');
    expect(loggedIn).toBe('{\n  "model": "opus",\n  "env": {\n    "FOO": "1",\n    "BAR": "2"\n  },\n  "theme": "dark"\n}\n');
    expect(await readFile(join(t.host.appDataDir, 'last-gateway.json'), 'utf8')).not.toContain(CANARY);
    expect(secrets.data.get('last-gateway:ANTHROPIC_AUTH_TOKEN')).toBe(CANARY);

    const helperProfile: GatewayProfile = { ...profile, credentialKind: 'ANTHROPIC_AUTH_TOKEN' };
    const back = await engine.planSwitch(makeResolved({ host: t.host }), { kind: 'gateway', profile: helperProfile, secret: null });
    expect(back.canApply).toBe(true);
    await engine.apply(back.planId);
    // The helper key is not part of an AUTH_TOKEN profile, so it is not restored: everything else is byte for byte.
    expect(await readFile(userPath, 'utf8')).toBe(original.replace('  "apiKeyHelper": "~/bin/key.sh",\n', ''));
  });

  it('round-trips exactly when the profile matches what was removed', async () => {
    const original = `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}",\n    "OTHER": "x"\n  }\n}\n`;
    await writeFile(userPath, original);
    const engine = createFixEngine({ host: t.host, secrets: memorySecretStore() });
    await engine.apply((await engine.planSwitch(makeResolved({ host: t.host }), { kind: 'claude-login' })).planId);
    expect(await readFile(userPath, 'utf8')).toBe('{\n  "env": {\n    "OTHER": "x"\n  }\n}\n');
    await engine.apply((await engine.planSwitch(makeResolved({ host: t.host }), { kind: 'gateway', profile, secret: CANARY })).planId);
    expect(await readFile(userPath, 'utf8')).toBe(original);
  });

  it('gateway switch writes the profile and removes the conflicting credential; locked under managed settings', async () => {
    await writeFile(userPath, `{"env": {"ANTHROPIC_API_KEY": "old-key-123456"}}\n`);
    const engine = createFixEngine({ host: t.host });
    const plan = await engine.planSwitch(makeResolved({ host: t.host }), { kind: 'gateway', profile: { ...profile, customHeaders: 'X-Team: blue' }, secret: CANARY });
    await engine.apply(plan.planId);
    expect(JSON.parse(await readFile(userPath, 'utf8')).env).toEqual({ ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_CUSTOM_HEADERS: 'X-Team: blue' });
    const locked = await engine.planSwitch(makeResolved({ host: t.host, managedGateway: true }), { kind: 'claude-login' });
    expect(locked.canApply).toBe(false);
    expect(locked.refusal).toMatch(/locked/);
    const noSecret = await createFixEngine({ host: t.host }).planSwitch(makeResolved({ host: t.host }), { kind: 'gateway', profile: { ...profile, baseUrl: 'https://other.example' }, secret: null });
    expect(noSecret.refusal).toMatch(/has no stored credential/);
  });
});
