/**
 * The service end to end in Node: real temp HOME, real resolver, real prober
 * against the loopback test gateway, real fix engine and watcher. Only the
 * OS keychain is an in-memory SecretStore.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test-gateway/server';
import { hostFromEnv } from './host';
import type { SecretStore } from './ports';
import { createGatewayDoctor, type GatewayDoctorService } from './service';
import type { DashboardSnapshot } from './types';

const CANARY = 'sk-canary-7f3a9c1e5b2d4068';
const OTHER_KEY = 'sk-other-key-1111222233334444';

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return { available: true, description: 'memory', get: async (k) => values.get(k) ?? null, set: async (k, v) => void values.set(k, v), delete: async (k) => void values.delete(k) };
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(env: Record<string, string>, opts: { watch?: boolean; overrides?: object } = {}) {
  const gateway: TestGateway = await startTestGateway({ scenario: 'healthy' });
  cleanup.push(() => gateway.close());
  const root = await mkdtemp(join(tmpdir(), 'gd-service-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(join(root, 'managed'));
  const settingsPath = join(home, '.claude', 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ...env } }, null, 2) + '\n');
  const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  const service: GatewayDoctorService = await createGatewayDoctor({ host, secrets: memorySecrets(), claude: 'skip', watch: opts.watch, preferenceOverrides: opts.overrides });
  cleanup.push(() => service.close());
  return { gateway, root, settingsPath, service };
}

describe('createGatewayDoctor', () => {
  it('checks the gateway (one-shot before start, through the monitor after) with the status contract', async () => {
    const { service, gateway } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    const report = await service.checkNow();
    expect(report.schema).toBe('gateway-doctor/check@1');
    expect(report.baseUrl?.value).toBe(gateway.url);
    expect(report.credential).toMatchObject({ kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'] });
    expect(report.probe.outcome).toBe('healthy');
    // Before start() a check is one-shot; once running, it drives the monitor's state.
    expect((await service.getSnapshot()).monitor.state).toBe('pending');
    await service.start();
    await service.checkNow();
    expect((await service.getSnapshot()).monitor.state).toBe('healthy');
    expect(JSON.stringify(await service.getSnapshot())).not.toContain(CANARY);
    expect((await service.getReport()).markdown).not.toContain(CANARY);
  });

  it('the realistic check streams, is paid from the event pool, and is refused by name once the pool cannot cover it', async () => {
    const { service } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    const report = await service.checkNow({ realistic: true });
    expect(report.probe.kind).toBe('realistic');
    expect(report.probe.stream?.ended).toBe('message_stop');
    expect(report.probe.tokensSpent).toBe(10);
    // 10 spent + up to 32 more would pass the 40-token event allowance.
    await expect(service.checkNow({ realistic: true })).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/up to 32 tokens.*30 left/) });
  });

  it('applies a configuration fix, verifies the finding is gone, and undo restores the exact bytes', async () => {
    const { service, settingsPath } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: OTHER_KEY });
    const before = await readFile(settingsPath);
    expect((await service.getStatus()).findings.map((f) => f.id)).toContain('both-credentials-set');

    const plan = await service.planFix({ findingId: 'both-credentials-set' });
    expect(plan.canApply).toBe(true);
    expect(plan.files[0].diff).not.toContain(CANARY);
    const result = await service.applyPlan({ planId: plan.planId });
    expect(result.ok).toBe(true);
    expect(result.verify?.resolved).toBe(true);
    expect(result.verify?.findingsAfter).not.toContain('both-credentials-set');
    expect(Buffer.compare(await readFile(settingsPath), before)).not.toBe(0);

    const undone = await service.undoChange();
    expect(undone.ok).toBe(true);
    expect(Buffer.compare(await readFile(settingsPath), before)).toBe(0);
    expect((await service.getStatus()).findings.map((f) => f.id)).toContain('both-credentials-set');
  });

  it('keeps run-only overrides out of the saved preferences and rejects out-of-range values by name', async () => {
    const { service, root } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY }, { overrides: { livenessIntervalSec: 10 } });
    expect((await service.getPreferences()).livenessIntervalSec).toBe(10);
    expect(existsSync(join(root, 'data', 'preferences.json'))).toBe(false);

    await service.setPreferences({ fullProbeIntervalMin: 60 });
    const saved = JSON.parse(await readFile(join(root, 'data', 'preferences.json'), 'utf8'));
    expect(saved.fullProbeIntervalMin).toBe(60);
    expect(saved.livenessIntervalSec).toBe(30);
    await expect(service.setPreferences({ livenessIntervalSec: 5 })).rejects.toThrow(/livenessIntervalSec/);
  });

  it('pushes a new snapshot when a settings file changes on disk', async () => {
    const { service, settingsPath, gateway } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY }, { watch: true });
    await service.start();
    const seen: DashboardSnapshot[] = [];
    service.on('snapshot', (s) => seen.push(s));
    await writeFile(settingsPath, JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_MODEL: 'claude-watched-model' } }, null, 2) + '\n');
    const end = Date.now() + 10_000;
    while (!seen.some((s) => s.status.model.id === 'claude-watched-model') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(seen.some((s) => s.status.model.id === 'claude-watched-model')).toBe(true);
  });

  it('never returns a URL password or a profile header/env secret: snapshot, listProfiles, switch previews', async () => {
    const { service, gateway, settingsPath } = await setup({ ANTHROPIC_AUTH_TOKEN: OTHER_KEY });
    const password = `pw-${CANARY}`;
    const withPassword = gateway.url.replace('http://', `http://alice:${password}@`);
    await writeFile(settingsPath, JSON.stringify({ env: { ANTHROPIC_BASE_URL: withPassword, ANTHROPIC_AUTH_TOKEN: OTHER_KEY, HTTPS_PROXY: `http://bob:${password}@proxy.example:3128` } }, null, 2) + '\n');
    await service.getStatus();
    const saved = await service.saveProfile({
      name: 'Corp',
      baseUrl: gateway.url,
      credentialKind: 'ANTHROPIC_AUTH_TOKEN',
      provider: 'anthropic',
      secret: OTHER_KEY,
      customHeaders: `X-Api-Key: ${CANARY}-header`,
      extraEnv: { ANTHROPIC_FOUNDRY_API_KEY: `${CANARY}-env` },
    });
    const seen = [
      JSON.stringify(saved),
      JSON.stringify(await service.getSnapshot()),
      JSON.stringify(await service.listProfiles()),
      JSON.stringify(await service.planSwitch({ target: 'claude-login' })),
      JSON.stringify(await service.planSwitch({ target: 'gateway', profileId: saved.id })),
    ];
    for (const text of seen) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(password);
    }
    expect(seen[1]).toContain('alice:••••@');
  });
});
