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
import { makeFinding } from './diagnosis/make-finding';
import { createGatewayDoctor, mergeFindings, type GatewayDoctorService } from './service';
import { validateApiArgs } from './validation';
import type { DashboardSnapshot } from './types';
import { CANARY, memorySecretStore } from './testing/fixtures';

const OTHER_KEY = 'sk-other-key-1111222233334444';

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
  const service: GatewayDoctorService = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', watch: opts.watch, preferenceOverrides: opts.overrides });
  cleanup.push(() => service.close());
  return { gateway, root, settingsPath, service, host };
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

  it('the realistic check streams; once monitoring, it is paid from the event pool and refused by name when the pool cannot cover it', async () => {
    const { service, root } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    const report = await service.checkNow({ realistic: true });
    expect(report.probe.kind).toBe('realistic');
    expect(report.probe.stream?.ended).toBe('message_stop');
    expect(report.probe.tokensSpent).toBe(10);
    // One-shot use (the CLI asked for it): outside the monitor's budget, and no history written.
    expect((await service.checkNow({ realistic: true })).probe.kind).toBe('realistic');
    expect(existsSync(join(root, 'data', 'history'))).toBe(false);

    await service.start();
    await service.checkNow(); // the start-up probe: 1 token from the event pool
    expect((await service.checkNow({ realistic: true })).probe.tokensSpent).toBe(10);
    // 11 spent + up to 32 more would pass the 40-token event allowance.
    await expect(service.checkNow({ realistic: true })).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/up to 32 tokens.* left/) });
  });

  it('one-shot checks honour the timeout and the abort signal', async () => {
    const { gateway, host } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    gateway.setScenario('hang');
    const controller = new AbortController();
    const service = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', signal: controller.signal });
    cleanup.push(() => service.close());
    const started = Date.now();
    const timedOut = await service.checkNow({ timeoutMs: 300 });
    expect(timedOut.probe.outcome).not.toBe('healthy');
    setTimeout(() => controller.abort(), 200);
    await expect(service.checkNow({ timeoutMs: 60_000 })).rejects.toThrow(/cancelled/);
    // Both well under the 60 s bound: the signal ended the second one.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('teaches its Redactor every secret of a resolution: client-key passphrase, shadowed values, header values, proxy passwords', async () => {
    const { service, settingsPath, gateway, root } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    const shadowed = 'sk-shadowed-user-value-5555666677778888';
    const header = 'hdr-canary-value-0123456789';
    const proxyPassword = 'proxy-pw-canary-0123456789';
    const passphrase = 'passphrase-canary-0123456789';
    await writeFile(
      settingsPath,
      JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: shadowed, ANTHROPIC_CUSTOM_HEADERS: `X-Team: ${header}`, HTTPS_PROXY: `http://bob:${proxyPassword}@127.0.0.1:9`, CLAUDE_CODE_CLIENT_KEY_PASSPHRASE: passphrase } }, null, 2) + '\n',
    );
    // Managed settings win: the user's value is shadowed.
    await writeFile(join(root, 'managed', 'managed-settings.json'), JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: CANARY } }));
    const status = await service.getStatus();
    expect(status.env.ANTHROPIC_AUTH_TOKEN.shadowed.length).toBeGreaterThan(0);
    const text = service.redactor.scrub(`${shadowed} ${header} ${proxyPassword} ${passphrase} ${CANARY}`);
    for (const secret of [shadowed, header, proxyPassword, passphrase, CANARY]) expect(text).not.toContain(secret);
  });

  it('plans a fix to the destination asked for, and re-checks the configuration alone when asked (no probe)', async () => {
    const { service, gateway, root } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY });
    const project = join(root, 'repo');
    await mkdir(join(project, '.claude'), { recursive: true });
    await writeFile(join(project, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: OTHER_KEY } }) + '\n');
    await service.setPreferences({ activeProjectDir: project });
    expect((await service.getStatus()).findings.map((f) => f.id)).toContain('credential-in-shared-project-file');

    const plan = await service.planFix({ findingId: 'credential-in-shared-project-file', destination: 'user-settings' });
    expect(plan.canApply).toBe(true);
    expect(plan.files.map((f) => f.path)).toContain(join(root, 'home', '.claude', 'settings.json'));
    expect(plan.files.map((f) => f.path)).not.toContain(join(project, '.claude', 'settings.local.json'));

    const probesBefore = gateway.requests.length;
    const result = await service.applyPlan({ planId: plan.planId, recheck: 'configuration' });
    expect(result.ok).toBe(true);
    expect(result.verify?.findingsAfter).not.toContain('credential-in-shared-project-file');
    expect(result.verify?.resolved).toBe(true);
    expect(gateway.requests.length).toBe(probesBefore);
  });

  it('says which finding is still reported after a change that did not clear it', async () => {
    const { service, root } = await setup({ ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: OTHER_KEY });
    const plan = await service.planFix({ findingId: 'both-credentials-set' });
    expect(plan.canApply).toBe(true);
    // Another file, not in the plan, also sets both credentials.
    await writeFile(join(root, 'managed', 'managed-settings.json'), JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: OTHER_KEY } }));
    const result = await service.applyPlan({ planId: plan.planId, recheck: 'configuration' });
    expect(result.ok).toBe(true);
    expect(result.verify?.resolved).toBe(false);
    expect(result.verify?.stillReported?.id).toBe('both-credentials-set');
    expect(result.verify?.stillReported?.detail).toMatch(/managed-settings\.json/);
  });

  it('mergeFindings keeps every configuration finding (two files can share an id) and adds only new probe ids', () => {
    const a = makeFinding('settings-invalid-json', { detail: 'file a' });
    const b = makeFinding('settings-invalid-json', { detail: 'file b' });
    const fromProbe = [makeFinding('settings-invalid-json', { detail: 'probe' }), makeFinding('gateway-refused', { detail: 'x' })];
    expect(mergeFindings([a, b], fromProbe).map((f) => `${f.id}:${f.detail}`)).toEqual(['settings-invalid-json:file a', 'settings-invalid-json:file b', 'gateway-refused:x']);
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

describe('the boundary for the arguments the CLI needs', () => {
  it('accepts a check timeout, a fix destination and a recheck mode, and refuses them out of range by name', () => {
    expect(validateApiArgs('checkNow', { realistic: true, timeoutMs: 5_000 })).toMatchObject({ ok: true });
    expect(validateApiArgs('planFix', { findingId: 'credential-in-shared-project-file', destination: 'user-settings' })).toMatchObject({ ok: true });
    expect(validateApiArgs('applyPlan', { planId: 'p1', recheck: 'configuration' })).toMatchObject({ ok: true });
    expect(validateApiArgs('checkNow', { timeoutMs: 50 })).toMatchObject({ ok: false, message: expect.stringContaining('timeoutMs') });
    expect(validateApiArgs('checkNow', { timeoutMs: 120_001 })).toMatchObject({ ok: false, message: expect.stringContaining('timeoutMs') });
    expect(validateApiArgs('planFix', { findingId: 'x', destination: '/etc' })).toMatchObject({ ok: false, message: expect.stringContaining('destination') });
    expect(validateApiArgs('applyPlan', { planId: 'p1', recheck: 'never' })).toMatchObject({ ok: false, message: expect.stringContaining('recheck') });
  });
});
