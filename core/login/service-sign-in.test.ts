/**
 * Sign-in through the contract: the switch preview offers it when no login is
 * saved, startSignIn/submitSignInCode drive the fake `claude`, the snapshot
 * then says "Signed in as …", and signOut undoes it.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayDoctor, SIGN_IN_EFFECT, type GatewayDoctorService } from '../service';
import type { SignInState } from '../types';
import { fakeClaudeHost, memorySecretStore, waitForNoFakeProcesses } from '../testing/fixtures';

const CODE = 'CANARYsignin-code-42#state';

let services: GatewayDoctorService[] = [];
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  services = [];
});

async function setup(managed?: Record<string, unknown>) {
  const fake = fakeClaudeHost('ok', { GATEWAY_DOCTOR_MANAGED_DIR: '/nonexistent-managed' });
  fake.host.managedDir = join(fake.home, 'managed');
  if (managed) {
    await mkdir(fake.host.managedDir, { recursive: true });
    await writeFile(join(fake.host.managedDir, 'managed-settings.json'), JSON.stringify(managed));
  }
  await mkdir(join(fake.home, '.claude'), { recursive: true });
  await writeFile(join(fake.home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_AUTH_TOKEN: 'sk-gateway-token-1234' } }, null, 2) + '\n');
  const opened: string[] = [];
  const service = await createGatewayDoctor({
    host: fake.host,
    secrets: memorySecretStore(),
    claude: 'detect',
    openSignInUrl: async (url) => {
      opened.push(url);
      return true;
    },
  });
  services.push(service);
  return { ...fake, service, opened };
}

describe('sign-in through the contract', () => {
  it('the switch preview offers "Sign in to claude.ai…" instead of /login; signing in flips it', async () => {
    const { service, opened, pidFile } = await setup();
    const before = await service.planSwitch({ target: 'claude-login' });
    expect(before.signInOffered).toBe(true);
    expect(before.effects).toContain(SIGN_IN_EFFECT);
    expect(before.effects.join(' ')).not.toContain('/login');
    // With a gateway token in the settings, `claude auth status` names that token.
    expect((await service.getSnapshot()).account?.label).toBe('Claude Code uses a gateway or API key, not a claude.ai login');

    const events: SignInState[] = [];
    service.on('signIn', (s) => events.push(s));
    const started = await service.startSignIn();
    expect(started.url).toMatch(/^https:\/\/claude\.com\//);
    await expect.poll(() => opened).toEqual([started.url]);
    await service.submitSignInCode({ code: CODE });
    await expect.poll(() => events.at(-1)?.phase).toBe('signed-in');

    const snapshot = await service.getSnapshot();
    expect(snapshot.signIn?.phase).toBe('signed-in');
    // Saved, but the gateway token still wins until the switch is applied.
    expect(snapshot.account).toMatchObject({ kind: 'claude.ai', label: 'Signed in to claude.ai (not used while a gateway is set)' });
    await expect.poll(async () => (await service.getSnapshot()).status.savedLogin.present).toBe(true);
    const after = await service.planSwitch({ target: 'claude-login' });
    expect(after.signInOffered).toBeUndefined();
    expect((await service.applyPlan({ planId: after.planId })).ok).toBe(true);
    await expect.poll(async () => (await service.getSnapshot()).account?.label).toBe('Signed in as ada@example.com (claude.ai, Example Org)');
    expect(JSON.stringify([events, snapshot])).not.toContain('CANARYsignin');

    const out = await service.signOut();
    expect(out.ok).toBe(true);
    expect((await service.getSnapshot()).account?.kind).toBe('none');
    expect(await waitForNoFakeProcesses(pidFile)).toEqual([]);
  });

  it('managed settings that force the Console login refuse a claude.ai sign-in before starting Claude Code', async () => {
    const { service, opened, pidFile } = await setup({ forceLoginMethod: 'console' });
    const pidsBefore = readFileSync(pidFile, 'utf8');
    const state = await service.startSignIn();
    expect(state.error).toMatchObject({ kind: 'refused-by-managed-settings' });
    expect(state.error?.message).toContain('forceLoginMethod: "console"');
    expect(state.error?.steps[0]).toContain('Console');
    expect(opened).toEqual([]);
    // No `claude auth login` was started (only the start-up --version / auth status ran).
    expect(readFileSync(pidFile, 'utf8')).toBe(pidsBefore);
  });

  it('a code with no sign-in waiting is refused in words', async () => {
    const { service } = await setup();
    await expect(service.submitSignInCode({ code: CODE })).rejects.toMatchObject({ code: 'conflict' });
  });
});
