/**
 * One app run against the loopback gateway, as a user lives it: healthy,
 * the gateway goes away and comes back (one notification each way, the tray
 * follows), the dashboard's IPC and preload, app://, and Quit.
 * State is driven with checkNow over IPC (failuresBeforeDown 1) instead of
 * waiting for the 30 s timers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../core/api';
import { invokeChannel } from '../electron/shared/channels';
import { startTestGateway, type TestGateway } from '../test-gateway/server';
import { SMOKE_CANARY as CANARY } from '../core/testing/fixtures';
import { appRunner, returningUser, trayStateOf, userDataDir, writePreferences, type RunningApp, type StandInState } from './harness';

let gateway: TestGateway;
let app: RunningApp;
let env: Record<string, string>;
const apps = appRunner();

const trayState = (s: StandInState) => trayStateOf(s.trays[0]?.images.at(-1)?.path ?? null);
const page = <T = unknown>(method: string, arg?: unknown) => app.send<{ ok: boolean; value?: T; error?: { code: string; message: string } }>('callFromPage', { method, arg });

beforeAll(async () => {
  gateway = await startTestGateway({ scenario: 'healthy' });
  ({ app, env } = await apps.start({
    prepare: async (box) => {
      await returningUser(box, gateway.url, CANARY);
      await writePreferences(box.env, { failuresBeforeDown: 1, livenessIntervalSec: 10, fullProbeIntervalMin: 0, probeTimeoutMs: 3000 });
      return { ...box.env, GATEWAY_DOCTOR_SKIP_CLAUDE: '1' };
    },
  }));
});
afterAll(async () => {
  await apps.stopAll();
  await gateway?.close();
});

describe('a healthy gateway', () => {
  it('shows healthy in the tray, with no window and no notification', async () => {
    await app.waitFor('a healthy tray', (s) => trayState(s) === 'healthy');
    const s = await app.state();
    expect(s.windows).toEqual([]);
    expect(s.notifications).toEqual([]);
    expect(s.trays[0].toolTip).not.toMatch(/starting/i);
    expect(s.trays[0].menu.map((i) => i.label)).toContain('Open dashboard');
  });

  it('opens the dashboard from the tray menu, with the preload exposing exactly the contract', async () => {
    await app.send('clickMenuItem', { labels: ['Open dashboard'] });
    const win = await app.waitFor('the dashboard', (s) => s.windows.find((w) => w.shown && w.world !== null));
    expect(win.preloadError).toBeNull();
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    const shape = await app.send<Record<string, Record<string, string>>>('worldShape');
    expect(Object.keys(shape)).toEqual(['gatewayDoctor']);
    expect(Object.keys(shape.gatewayDoctor).sort()).toEqual([...API_METHODS, 'on'].sort());
    expect(new Set(Object.values(shape.gatewayDoctor))).toEqual(new Set(['function']));
  });

  it('has one IPC handler per contract method, refuses untrusted senders, and never sends the token', async () => {
    const s = await app.state();
    expect(s.ipcChannels).toEqual(API_METHODS.map(invokeChannel).sort());
    const fromWeb = await app.send<{ ok: boolean; error: { code: string } }>('invokeAs', { url: 'https://evil.example/x', channel: invokeChannel('getSnapshot') });
    expect(fromWeb).toMatchObject({ ok: false, error: { code: 'refused' } });
    const fromFile = await app.send<{ ok: boolean; error: { code: string } }>('invokeAs', { url: 'file:///tmp/page.html', channel: invokeChannel('getSnapshot') });
    expect(fromFile).toMatchObject({ ok: false, error: { code: 'refused' } });
    const fromSubframe = await app.send<{ ok: boolean; error: { code: string } }>('invokeAs', { url: 'app://gateway-doctor/index.html', parent: {}, channel: invokeChannel('getSnapshot') });
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'refused' } });
    // The log says where a refused call came from: scheme and host, not URL.origin's "null".
    expect(app.output()).toContain('(https://evil.example)');
    expect(app.output()).toContain('(file://)');
    expect(app.output()).not.toContain('(null)');

    const snapshot = await page('getSnapshot');
    expect(snapshot.ok).toBe(true);
    const status = await page('getStatus');
    expect(JSON.stringify(snapshot)).not.toContain(CANARY);
    expect(JSON.stringify(status)).not.toContain(CANARY);
    expect(JSON.stringify(status)).toContain(CANARY.slice(-4));
    // Events reach the page through the preload's `on`.
    const events = await app.send<number>('pageEvents', { event: 'snapshot', trigger: 'checkNow', waitMs: 300 });
    expect(events).toBeGreaterThan(0);
    expect(app.output()).not.toContain(CANARY);
  });

  it('serves the dashboard over app:// with the CSP header, and refuses traversal', async () => {
    const index = await app.send<{ status: number; headers: Record<string, string>; bodyStart: string }>('fetchApp', { url: 'app://gateway-doctor/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.bodyStart).toMatch(/<!doctype html>/i);
    for (const url of ['app://gateway-doctor/../../package.json', 'app://gateway-doctor/%2e%2e/%2e%2e/package.json', 'app://gateway-doctor/..%2f..%2fpackage.json', 'app://other-host/index.html']) {
      const refused = await app.send<{ status: number; bodyStart: string }>('fetchApp', { url });
      expect(refused.status, url).toBe(404);
      expect(refused.bodyStart).not.toContain('"name": "gateway-doctor"');
    }
  });
});

describe('the gateway goes down and comes back', () => {
  it('notifies once when down, once on recovery; the tray follows; a click opens the finding', async () => {
    const healthyMenu = (await app.state()).trays[0].menu[0].label;
    await gateway.stop();
    await page('checkNow', {});
    await app.waitFor('a down tray', (s) => trayState(s) === 'down');
    const down = await app.waitFor('the outage notification', (s) => s.notifications[0]);
    expect(down.silent).toBe(false);
    const downTray = (await app.state()).trays[0];
    expect(downTray.toolTip).not.toBe('Gateway Doctor');
    // The menu's status line follows the state too.
    expect(downTray.menu[0].label).not.toBe(healthyMenu);

    await gateway.restart();
    await page('checkNow', {});
    await app.waitFor('a healthy tray again', (s) => trayState(s) === 'healthy');
    const recovered = await app.waitFor('the recovery notification', (s) => s.notifications[1]);
    expect(recovered.silent).toBe(true);
    await page('checkNow', {});
    await new Promise((r) => setTimeout(r, 500));
    expect((await app.state()).notifications).toHaveLength(2);

    await app.send('clickNotification', { index: 0 });
    const win = await app.waitFor('the dashboard at the finding', (s) => s.windows.find((w) => !w.destroyed && /#finding=/.test(w.url ?? '')));
    expect(win.url).toMatch(/^app:\/\/gateway-doctor\/.*#finding=[a-z0-9-]+/);
  });
});

describe('Quit', () => {
  it('exits 0 within a few seconds and remembers where the window was', async () => {
    await app.send('moveWindow', { bounds: { x: 210, y: 140, width: 1000, height: 700 } });
    const started = Date.now();
    await app.send('clickMenuItem', { labels: ['Quit'] }).catch(() => undefined);
    const code = await app.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    const stored = JSON.parse(await readFile(join(userDataDir(env), 'shell.json'), 'utf8'));
    expect(stored.windowBounds).toEqual({ x: 210, y: 140, width: 1000, height: 700 });
  });
});
