/**
 * The contract's profile lookup and mode, and the CLI's switch preview, on
 * the real service with a temp HOME (secrets in memory: no OS keychain here).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostFromEnv } from './host';
import { createGatewayDoctor, SIGN_IN_EFFECT, type GatewayDoctorService } from './service';
import { memorySecretStore } from './testing/fixtures';

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function oneShotService(opts: { offerSignInInPreviews?: boolean } = {}): Promise<GatewayDoctorService> {
  const root = await mkdtemp(join(tmpdir(), 'gd-lookup-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: 'sk-x-00001111' } }, null, 2) + '\n');
  const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  const service = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', watch: false, ...opts });
  cleanup.push(() => service.close());
  return service;
}

describe('findProfile and getMode', () => {
  it('finds a profile by id first, then by name in any case; null when none', async () => {
    const service = await oneShotService();
    await service.saveProfile({ id: 'corp', name: 'Staging', baseUrl: 'https://a.example', credentialKind: 'none', provider: 'anthropic' });
    await service.saveProfile({ id: 'staging', name: 'Corp', baseUrl: 'https://b.example', credentialKind: 'none', provider: 'anthropic' });
    expect((await service.findProfile({ name: 'corp' }))?.baseUrl).toBe('https://a.example');
    expect((await service.findProfile({ name: 'CORP' }))?.baseUrl).toBe('https://b.example');
    expect(await service.findProfile({ name: 'nope' })).toBeNull();
  });

  it('says which mode is active, that switching is not locked, and where secrets go', async () => {
    const mode = await (await oneShotService()).getMode();
    expect(mode).toMatchObject({ active: { kind: 'gateway', baseUrl: 'https://gw.example' }, locked: false, secretStore: { available: true, description: 'memory' } });
  });

  it("keeps Claude Code's /login advice in switch previews when asked (the CLI), offers the app's sign-in otherwise", async () => {
    const cli = await (await oneShotService({ offerSignInInPreviews: false })).planSwitch({ target: 'claude-login' });
    expect(cli.effects).not.toContain(SIGN_IN_EFFECT);
    expect(cli.effects.some((e) => /run \/login/.test(e))).toBe(true);
    const app = await (await oneShotService()).planSwitch({ target: 'claude-login' });
    expect(app.effects).toContain(SIGN_IN_EFFECT);
  });
});
