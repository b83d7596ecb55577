/**
 * OS conventions, with process.platform overridden in the app process:
 * macOS reopen (`activate`), Windows toasts' AppUserModelID and tray click.
 * The gateway is configured and healthy and the app ran before, so nothing
 * opens the dashboard by itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test-gateway/server';
import { appRunner, returningUser, trayStateOf } from './harness';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ scenario: 'healthy' });
});
afterAll(() => gateway.close());

const apps = appRunner();
afterEach(() => apps.stopAll());

async function startOn(platform: NodeJS.Platform) {
  const { app: running } = await apps.start({
    platform,
    prepare: async (box) => {
      await returningUser(box, gateway.url, 'sk-smoke-0000000000000000', platform);
      return { ...box.env, GATEWAY_DOCTOR_SKIP_CLAUDE: '1' };
    },
  });
  await running.waitFor('a healthy tray', (s) => trayStateOf(s.trays[0]?.images.at(-1)?.path ?? null) === 'healthy');
  expect((await running.state()).windows).toEqual([]);
  return running;
}

describe('macOS', () => {
  it('opens the dashboard when the running app is opened again from Finder (activate)', async () => {
    const app = await startOn('darwin');
    const s = await app.state();
    expect(s.dockHidden).toBe(true);
    expect(s.trays[0].images.at(-1)?.path).toMatch(/Template\.png$/);
    await app.send('emitApp', { event: 'activate', args: [false] });
    const win = await app.waitFor('the dashboard after activate', (st) => st.windows.find((w) => w.shown));
    expect(win.focused).toBeGreaterThan(0);
  });
});

describe('Windows', () => {
  it('sets the AppUserModelID (electron-builder appId) before ready, and a tray click opens the dashboard', async () => {
    const app = await startOn('win32');
    const s = await app.state();
    expect(s.appUserModelId).toBe('dev.gateway-doctor.app');
    expect(s.appUserModelIdAt).not.toBeNull();
    expect(s.appUserModelIdAt!).toBeLessThanOrEqual(s.readyAt!);
    await app.send('clickTray');
    await app.waitFor('the dashboard after a tray click', (st) => st.windows.find((w) => w.shown));
  });
});
