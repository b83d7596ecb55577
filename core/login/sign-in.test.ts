import { afterEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../util/command-runner';
import type { SignInState } from '../types';
import { fakeClaudeHost, waitForNoFakeProcesses, type FakeClaudeMode } from '../testing/fixtures';
import { createSignInManager, loginArgs, type SignInDeps, type SignInManager } from './sign-in';

const CANARY_CODE = 'CANARYcode0123456789#K1vLlaSa9aH4G7ilbV3fHIHNw0UzaiP7D7bV99HqTRs';

let managers: SignInManager[] = [];
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
});

function setup(mode: FakeClaudeMode = 'ok', deps: Partial<SignInDeps> = {}) {
  const fake = fakeClaudeHost(mode);
  const opened: string[] = [];
  const states: SignInState[] = [];
  const manager = createSignInManager({
    host: fake.host,
    runner: createCommandRunner(),
    openUrl: async (url) => {
      opened.push(url);
      return true;
    },
    ...deps,
  });
  manager.onChange((s) => states.push(s));
  managers.push(manager);
  return { ...fake, manager, opened, states };
}

describe('sign-in with `claude auth login`', () => {
  it('captures the URL, opens exactly it, passes the code, and finishes signed in', async () => {
    const { manager, opened, states } = setup('ok');
    const started = await manager.start();
    expect(started.phase).toBe('waiting');
    expect(started.url).toMatch(/^https:\/\/claude\.com\/cai\/oauth\/authorize\?code=true&/);
    await expect.poll(() => manager.state().codeRequested).toBe(true);
    await expect.poll(() => opened).toEqual([started.url]);
    expect(manager.state().browserOpened).toBe(true);

    await manager.submitCode('only-half-of-it');
    await expect.poll(() => manager.state().codeProblem).toMatch(/did not accept that code/);

    await manager.submitCode(CANARY_CODE);
    const done = await manager.finished();
    expect(done.phase).toBe('signed-in');
    expect(done.account?.label).toBe('Signed in as ada@example.com (claude.ai, Example Org)');
    // The one-time code is never part of any state the app publishes.
    expect(JSON.stringify(states)).not.toContain('CANARYcode');
  });

  it('passes --console, --sso and --email to Claude Code', async () => {
    const { manager } = setup('ok');
    await manager.start({ method: 'console', sso: true, email: 'grace@example.com' });
    await manager.submitCode('c#s');
    const done = await manager.finished();
    expect(done.account?.kind).toBe('console');
    expect(done.account?.email).toBe('grace@example.com');
    // The fake records --console and --email only: the command line itself shows --sso goes too.
    expect(loginArgs({ method: 'console', sso: true, email: 'grace@example.com' })).toEqual(['auth', 'login', '--console', '--sso', '--email', 'grace@example.com']);
    expect(loginArgs({})).toEqual(['auth', 'login', '--claudeai']);
  });

  it('a second start while one runs joins it (one claude process)', async () => {
    const { manager, pidFile } = setup('hang');
    const [a, b] = await Promise.all([manager.start(), manager.start()]);
    expect(a.startedAt).toBe(b.startedAt);
    const again = await manager.start();
    expect(again.startedAt).toBe(a.startedAt);
    const { readFileSync } = await import('node:fs');
    // The fake and its one grandchild.
    await expect.poll(() => readFileSync(pidFile, 'utf8').trim().split('\n').length).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(pidFile, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('Cancel ends the whole process group, even a grandchild that ignores SIGTERM', async () => {
    const { manager, pidFile } = setup('hang');
    await manager.start();
    const done = await manager.cancel();
    expect(done.phase).toBe('failed');
    expect(done.error?.kind).toBe('cancelled');
    expect(await waitForNoFakeProcesses(pidFile)).toEqual([]);
  });

  it('times out, says so, and leaves no process', async () => {
    const { manager, pidFile } = setup('hang', { timeoutMs: 1_500 });
    await manager.start();
    const done = await manager.finished();
    expect(done.error?.kind).toBe('timed-out');
    expect(await waitForNoFakeProcesses(pidFile)).toEqual([]);
  });

  it('an output format it does not know fails with what to do instead', async () => {
    const { manager, pidFile } = setup('unknown', { urlWaitMs: 1_000 });
    const done = await manager.start().then(() => manager.finished());
    expect(done.error?.kind).toBe('unknown-output');
    expect(done.error?.message).toContain('2.1.197');
    expect(done.error?.steps.join(' ')).toContain('claude auth login');
    expect(await waitForNoFakeProcesses(pidFile)).toEqual([]);
  });

  it('a Claude Code without `auth login` names the version needed', async () => {
    const { manager } = setup('old');
    const done = await manager.start().then(() => manager.finished());
    expect(done.error?.kind).toBe('unsupported-version');
    expect(done.error?.message).toContain('Claude Code 1.0.0');
    expect(done.error?.steps[0]).toContain('2.1.197 or newer');
  });

  it('Claude Code not found: says where it looked and how to install', async () => {
    const fake = fakeClaudeHost('ok', { GATEWAY_DOCTOR_CLAUDE_BIN: '', PATH: '/nonexistent-a:/nonexistent-b' });
    const manager = createSignInManager({ host: fake.host, runner: createCommandRunner() });
    managers.push(manager);
    const done = await manager.start().then(() => manager.finished());
    expect(done.error?.kind).toBe('claude-not-found');
    expect(done.error?.steps[0]).toContain('/nonexistent-a');
    expect(done.error?.steps[1]).toContain('npm install -g @anthropic-ai/claude-code');
  });

  it('refused by managed settings: up front for a forced method, and when Claude Code refuses', async () => {
    const forced = setup('ok', { loginPolicy: () => ({ forceLoginMethod: 'claudeai' }) });
    const refused = await forced.manager.start({ method: 'console' });
    expect(refused.error?.kind).toBe('refused-by-managed-settings');
    expect(refused.error?.message).toContain('forceLoginMethod');
    expect(forced.opened).toEqual([]);

    const gateway = setup('gateway-policy');
    const g = await gateway.manager.start().then(() => gateway.manager.finished());
    expect(g.error?.kind).toBe('refused-by-managed-settings');

    const org = setup('org-refused', { loginPolicy: () => ({ forceLoginOrgUUID: '00000000-0000-4000-8000-000000000002' }) });
    await org.manager.start();
    await org.manager.submitCode('c#s');
    const o = await org.manager.finished();
    expect(o.error?.kind).toBe('refused-by-managed-settings');
    expect(o.error?.steps[0]).toContain('forceLoginOrgUUID');
  });

  it('a failed login says so; no browser leaves the URL to copy', async () => {
    const { manager } = setup('fail', { openUrl: async () => false });
    const started = await manager.start();
    await expect.poll(() => manager.state().browserOpened).toBe(false);
    expect(manager.state().url).toBe(started.url);
    await manager.submitCode('c#s');
    const done = await manager.finished();
    expect(done.error?.kind).toBe('login-failed');
    expect(done.error?.message).toContain('status code 400');
  });

  it('signs out with `claude auth logout`', async () => {
    const { manager } = setup('ok');
    await manager.start();
    await manager.submitCode('c#s');
    await manager.finished();
    expect((await manager.account()).kind).toBe('claude.ai');
    const out = await manager.signOut();
    expect(out.ok).toBe(true);
    expect(out.account.label).toBe('Not signed in to claude.ai');
  });
});
