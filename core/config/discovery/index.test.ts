import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../../util/command-runner';
import { discoverSources, watchTargets } from './index';
import type { PolicyReader } from './policy-reader';
import { CANARY, makeTempDir } from '../../testing/fixtures';
import { fakeRunner, makeHost, writeTree } from './test-support';

let home: string;
let cleanup: () => Promise<void>;
const noPolicy: PolicyReader = { read: async () => [] };

beforeEach(async () => {
  ({ dir: home, cleanup } = await makeTempDir('gd-home-'));
});
afterEach(async () => cleanup());

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
}

describe('discoverSources', () => {
  it('returns every source with states, never throwing on an empty home', async () => {
    const host = makeHost(home);
    const raw = await discoverSources(host, { projectDir: null, policyReader: noPolicy, runner: fakeRunner(() => undefined) });
    expect(raw.configDir).toBe(join(home, '.claude'));
    expect(raw.user.file.state).toBe('missing');
    expect(raw.project).toBeNull();
    expect(raw.local).toEqual([]);
    expect(raw.managed.label).toBeNull();
    expect(raw.savedLogin).toEqual({ present: false, expiresAt: null, where: null });
    expect(raw.claudeState.file.state).toBe('missing');
    expect(raw.files.every((f) => f.state === 'missing')).toBe(true);
    expect(raw.files.map((f) => f.path)).toContain(join(home, '.claude', 'settings.json'));
  });

  it('reads user, managed, shell, VS Code, process env, .claude.json and .credentials.json together', async () => {
    const project = join(home, 'proj');
    await mkdir(project);
    await writeTree(home, {
      '.claude/settings.json': `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}`,
      'managed/managed-settings.json': '{"env": {"NODE_EXTRA_CA_CERTS": "/ca.pem"}}',
      '.zshrc': `export ANTHROPIC_API_KEY=${CANARY}\nexport EDITOR=vim\n`,
      '.config/Code/User/settings.json': '{ "claudeCode.disableLoginPrompt": true, }',
      '.claude.json': JSON.stringify({
        oauthAccount: { emailAddress: 'a@example.com', accessToken: CANARY },
        customApiKeyResponses: { approved: [CANARY.slice(-20)], rejected: [] },
        projects: { [home]: { hasTrustDialogAccepted: true } },
        primaryApiKey: CANARY,
      }),
      '.claude/.credentials.json': JSON.stringify({ claudeAiOauth: { accessToken: CANARY, refreshToken: CANARY, expiresAt: 1893456000000 } }),
    });
    const host = makeHost(home, { env: { HOME: home, ANTHROPIC_MODEL: 'opus', EDITOR: 'vim', PATH: process.env.PATH } });
    const raw = await discoverSources(host, { projectDir: project, policyReader: noPolicy, runner: fakeRunner(() => undefined) });

    expect(raw.user.env.ANTHROPIC_BASE_URL.source).toEqual({ kind: 'user-settings', path: join(home, '.claude', 'settings.json'), line: 3 });
    expect(raw.managed.label).toBe('file');
    expect(raw.managed.env.NODE_EXTRA_CA_CERTS.value).toBe('/ca.pem');
    expect(raw.shellExports.map((e) => e.name)).toEqual(['ANTHROPIC_API_KEY']);
    expect(raw.vscode).toHaveLength(1);
    expect(raw.vscode[0]).toMatchObject({ product: 'Code', disableLoginPrompt: true });
    expect(raw.processEnv).toEqual({ ANTHROPIC_MODEL: { value: 'opus', source: { kind: 'shell-env', path: 'process environment' } } });
    expect(raw.claudeState).toMatchObject({ hasOauthAccount: true, approvedKeySuffixes: [CANARY.slice(-20)], rejectedKeySuffixes: [], projectTrusted: true });
    expect(raw.savedLogin).toEqual({ present: true, expiresAt: '2030-01-01T00:00:00.000Z', where: join(home, '.claude', '.credentials.json') });
    // Nothing but the approved-key suffix (which resolution needs) and the values the user wrote may carry the canary.
    const { claudeState, user, shellExports, ...rest } = raw;
    expect(JSON.stringify(rest)).not.toContain(CANARY.slice(-12));
    expect(JSON.stringify(claudeState.file)).not.toContain(CANARY.slice(-12));
    expect(user.file.problem).toBeUndefined();
    expect(shellExports[0].value).toBe(CANARY);
  });

  it('reports a damaged .claude.json and .credentials.json without their content', async () => {
    await writeTree(home, {
      '.claude.json': `{"oauthAccount": {"token": ${CANARY}}`,
      '.claude/.credentials.json': `{"claudeAiOauth": {"accessToken": ${CANARY}`,
    });
    const raw = await discoverSources(makeHost(home), { projectDir: home, policyReader: noPolicy, runner: fakeRunner(() => undefined) });
    expect(raw.claudeState.file.state).toBe('invalid');
    expect(raw.claudeState.file.problem).toContain(join(home, '.claude.json'));
    expect(raw.claudeState.hasOauthAccount).toBe(false);
    expect(raw.savedLogin.present).toBe(false);
    const credentials = raw.files.find((f) => f.path.endsWith('.credentials.json'));
    expect(credentials?.state).toBe('invalid');
    expect(JSON.stringify(raw)).not.toContain(CANARY.slice(-12));
  });

  it('uses $CLAUDE_CONFIG_DIR for user settings, .claude.json and credentials', async () => {
    const configDir = join(home, 'cc');
    await writeTree(configDir, { 'settings.json': '{"model":"x"}', '.claude.json': '{"projects": {}}' });
    await writeTree(home, { '.claude/settings.json': '{"model":"ignored"}' });
    const host = makeHost(home, { env: { HOME: home, CLAUDE_CONFIG_DIR: configDir } });
    const raw = await discoverSources(host, { projectDir: join(home, 'p'), policyReader: noPolicy, runner: fakeRunner(() => undefined) });
    expect(raw.configDir).toBe(configDir);
    expect(raw.user.settings).toEqual({ model: 'x' });
    expect(raw.claudeState.file.state).toBe('loaded');
    expect(raw.claudeState.projectTrusted).toBe(false);
  });

  it('asks the macOS Keychain for presence only (no -w), with the config-dir suffix', async () => {
    const runner = fakeRunner((command) => (command === 'security' ? { exitCode: 0, stdout: 'keychain: "login.keychain-db"' } : undefined));
    const host = makeHost(home, { platform: 'darwin', env: { HOME: home, USER: 'alice', CLAUDE_CONFIG_DIR: '/Users/alice/.claude-work' } });
    const raw = await discoverSources(host, { projectDir: null, policyReader: noPolicy, runner });
    const call = runner.calls.find((c) => c.command === 'security');
    expect(call?.args).not.toContain('-w');
    expect(call?.args).toEqual(['find-generic-password', '-s', expect.stringMatching(/^Claude Code-credentials-[0-9a-f]{8}$/), '-a', 'alice']);
    expect(raw.savedLogin).toEqual({ present: true, expiresAt: null, where: expect.stringContaining('macOS Keychain (Claude Code-credentials-') });
  });

  it('applies the policy reader: an HKLM policy wins over the managed file', async () => {
    await writeTree(home, { 'managed/managed-settings.json': '{"model":"file"}' });
    const policyReader: PolicyReader = { read: async () => [{ label: 'HKLM', where: 'HKLM\\SOFTWARE\\Policies\\ClaudeCode (value "Settings")', text: '{"model":"hklm"}' }] };
    const raw = await discoverSources(makeHost(home, { platform: 'win32' }), { projectDir: null, policyReader, runner: fakeRunner(() => undefined) });
    expect(raw.managed.label).toBe('HKLM');
    expect(raw.managed.settings.model).toBe('hklm');
  });

  it('survives a policy reader that throws', async () => {
    const policyReader: PolicyReader = { read: async () => { throw new Error('boom'); } };
    const raw = await discoverSources(makeHost(home), { projectDir: null, policyReader, runner: fakeRunner(() => undefined) });
    expect(raw.managed.label).toBeNull();
  });
});

describe('discoverSources in a real git repository', () => {
  let repo: string;
  let sub: string;
  beforeEach(async () => {
    repo = join(home, 'work', 'repo');
    sub = join(repo, 'packages', 'app');
    await mkdir(sub, { recursive: true });
    git(repo, 'init', '-q');
  });

  it('reads settings.local.json at the repository root first, then the start-folder copy', async () => {
    await writeTree(repo, {
      '.claude/settings.local.json': '{"env": {"ANTHROPIC_BASE_URL": "https://root.example"}}',
      'packages/app/.claude/settings.local.json': '{"env": {"ANTHROPIC_BASE_URL": "https://leftover.example"}}',
      'packages/app/.claude/settings.json': '{"model": "project"}',
      '.claude/settings.json': '{"model": "not-read: project settings come from the start folder only"}',
    });
    const raw = await discoverSources(makeHost(home), { projectDir: sub, policyReader: noPolicy, runner: createCommandRunner() });
    expect(raw.gitRoot).toBe(repo);
    expect(raw.project?.settings).toEqual({ model: 'project' });
    expect(raw.local.map((f) => f.path)).toEqual([join(repo, '.claude', 'settings.local.json'), join(sub, '.claude', 'settings.local.json')]);
    expect(raw.local[0].env.ANTHROPIC_BASE_URL.value).toBe('https://root.example');
  });

  it('treats a worktree .git file as a repository root', async () => {
    const worktree = join(home, 'wt');
    await mkdir(worktree);
    await writeFile(join(worktree, '.git'), `gitdir: ${join(repo, '.git')}\n`);
    const raw = await discoverSources(makeHost(home), { projectDir: worktree, policyReader: noPolicy, runner: fakeRunner(() => undefined) });
    expect(raw.gitRoot).toBe(worktree);
  });

  it('does not use the repository root on Windows', async () => {
    const raw = await discoverSources(makeHost(home, { platform: 'win32' }), { projectDir: sub, policyReader: noPolicy, runner: fakeRunner(() => ({ exitCode: 1 })) });
    expect(raw.gitRoot).toBe(repo);
    expect(raw.local.map((f) => f.path)).toEqual([join(sub, '.claude', 'settings.local.json')]);
  });

  it('does not use the repository root when the repository is the home folder', async () => {
    git(home, 'init', '-q');
    const project = join(home, 'plain');
    await mkdir(project);
    const raw = await discoverSources(makeHost(home), { projectDir: project, policyReader: noPolicy, runner: fakeRunner(() => ({ exitCode: 1 })) });
    expect(raw.gitRoot).toBe(home);
    expect(raw.local.map((f) => f.path)).toEqual([join(project, '.claude', 'settings.local.json')]);
  });

  it('asks git whether local settings are ignored, honouring the global excludes file in the temp home', async () => {
    const host = makeHost(home, { env: { HOME: home, PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1' } });
    const rootCopy = join(repo, '.claude', 'settings.local.json');
    let raw = await discoverSources(host, { projectDir: repo, policyReader: noPolicy, runner: createCommandRunner() });
    expect(raw.localSettingsIgnored).toEqual({ [rootCopy]: false });

    await writeTree(home, { '.config/git/ignore': '**/.claude/settings.local.json\n' });
    raw = await discoverSources(host, { projectDir: sub, policyReader: noPolicy, runner: createCommandRunner() });
    expect(raw.localSettingsIgnored).toEqual({ [rootCopy]: true, [join(sub, '.claude', 'settings.local.json')]: true });
  });

  it('says "unknown" (null) when git is not installed or outside a repository', async () => {
    const missingGit = fakeRunner(() => ({ exitCode: null, spawnError: 'git was not found' }));
    const raw = await discoverSources(makeHost(home), { projectDir: repo, policyReader: noPolicy, runner: missingGit });
    expect(Object.values(raw.localSettingsIgnored)).toEqual([null]);
    const outside = join(home, 'elsewhere');
    await mkdir(outside);
    const rawOutside = await discoverSources(makeHost(home), { projectDir: outside, policyReader: noPolicy, runner: missingGit });
    expect(rawOutside.gitRoot).toBeNull();
    expect(rawOutside.localSettingsIgnored).toEqual({ [join(outside, '.claude', 'settings.local.json')]: null });
  });
});

describe('watchTargets', () => {
  it('lists files that may appear later, for the given platform', async () => {
    const repo = join(home, 'r');
    await mkdir(join(repo, 'sub'), { recursive: true });
    git(repo, 'init', '-q');
    const targets = watchTargets(makeHost(home), join(repo, 'sub'));
    for (const expected of [
      join(home, '.claude', 'settings.json'),
      join(home, '.claude.json'),
      join(home, '.claude', '.credentials.json'),
      join(home, 'managed', 'managed-settings.json'),
      join(home, 'managed', 'managed-settings.d'),
      join(repo, 'sub', '.claude', 'settings.json'),
      join(repo, '.claude', 'settings.local.json'),
      join(repo, 'sub', '.claude', 'settings.local.json'),
      join(home, '.zshrc'),
      join(home, '.config', 'fish', 'config.fish'),
      join(home, '.config', 'Code', 'User', 'settings.json'),
      join(home, '.config', 'Cursor', 'User', 'profiles'),
    ]) {
      expect(targets).toContain(expected);
    }
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('follows CLAUDE_CONFIG_DIR and omits project files without a project', () => {
    const targets = watchTargets(makeHost(home, { env: { CLAUDE_CONFIG_DIR: join(home, 'cc') } }), null);
    expect(targets).toContain(join(home, 'cc', '.claude.json'));
    expect(targets).toContain(join(home, 'cc', 'settings.json'));
    expect(targets.some((t) => t.includes('settings.local.json'))).toBe(false);
  });
});
