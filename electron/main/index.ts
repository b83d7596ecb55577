/**
 * Gateway Doctor's Electron main process: wiring only. Every decision lives
 * in a pure module next to this one (tray-menu, tray-icons,
 * notification-policy, ipc, security, renderer-origin...), each unit tested
 * in Node; this file connects them to Electron.
 *
 * The core (createGatewayDoctor) runs here, in the main process; the
 * dashboard is a sandboxed window that talks to it over the IPC contract.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import type { DashboardSnapshot, Platform } from '../../core/types';
import { hostFromEnv } from '../../core/host';
import { createGatewayDoctor, type GatewayDoctorService } from '../../core/service';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createDashboardController } from './dashboard-window';
import { forwardEvents, registerIpcHandlers, type IpcMainLike } from './ipc';
import { setupNotifications } from './notifications';
import { openExternal } from './open-external';
import { setupPowerEvents } from './power-state';
import { APP_SCHEME, isTrustedRendererUrl } from './renderer-origin';
import { createSafeStorageSecretStore, withFileFallback } from './safe-storage-secret-store';
import { displayPath } from '../../core/fixes/targets';
import { setupSecurity } from './security';
import { ciphertextMap, openShellStore } from './shell-store';
import { setupTray } from './tray';

const platform = process.platform as Platform;
const mainDir = dirname(fileURLToPath(import.meta.url)); // out/main
const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
const rendererDir = join(mainDir, '..', 'renderer');
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;

let scrub: (text: string) => string = (text) => text;
const log = (message: string) => console.log(`[gateway-doctor] ${scrub(message)}`);

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Single instance: a second launch opens the dashboard of the first one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((error: unknown) => {
    const message = scrub((error as Error)?.message ?? String(error));
    dialog.showErrorBox('Gateway Doctor could not start', message);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();
  app.dock?.hide(); // tray-only; LSUIElement in the packaged Info.plist does the same before launch

  const openLink = (url: string) => {
    openExternal(url, (u) => shell.openExternal(u)).then(
      (opened) => opened || log(`Refused to open a link that is not on the allow-list (${safeHost(url)}).`),
      () => undefined,
    );
  };
  setupSecurity({ app, session: session.defaultSession, openExternal: openLink, dev: devServerUrl !== null });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

  const store = openShellStore();
  const host = hostFromEnv(process.env);
  // Without an OS-protected key (Linux without a keyring: basic_text), the 0600 fallback file, named as such.
  const secrets = withFileFallback(createSafeStorageSecretStore({ safeStorage, storage: ciphertextMap(store), platform }), { safeStorage, platform, appDataDir: host.appDataDir, displayPath: (p) => displayPath(host, p) });
  const service: GatewayDoctorService = await createGatewayDoctor({ host, secrets, claude: process.env.GATEWAY_DOCTOR_SKIP_CLAUDE ? 'skip' : 'detect', watch: true, appVersion: app.getVersion() });
  scrub = (text) => service.redactor.scrub(text);

  const dashboard = createDashboardController({ preloadPath, devServerUrl, store, log });
  registerIpcHandlers({ ipcMain: ipcMain as unknown as IpcMainLike, service, isTrustedSender: (url) => isTrustedRendererUrl(url, devServerUrl), scrub, log });
  forwardEvents(service, () => dashboard.windows());

  const power = setupPowerEvents({ powerMonitor, isOnline: () => net.isOnline(), hooks: { wake: () => service.wake(), networkChanged: () => service.networkChanged() } });

  let latest: DashboardSnapshot | null = null;
  const loginSupported = platform !== 'linux';
  const startAtLogin = (): boolean | 'unsupported' => (loginSupported ? app.getLoginItemSettings().openAtLogin : 'unsupported');
  const setStartAtLogin = (enable: boolean) => {
    if (!loginSupported) return;
    app.setLoginItemSettings({ openAtLogin: enable });
    store.set('startAtLogin', enable);
  };

  const tray = setupTray({
    iconDir: join(app.getAppPath(), 'assets', 'tray', 'png'),
    platform,
    snapshot: () => latest,
    startAtLogin,
    openDashboard: () => dashboard.open(),
    actions: { service, openDashboard: (hash) => dashboard.open(hash), setStartAtLogin, quit: () => app.quit(), now: Date.now, log },
  });

  setupNotifications({ service, power: () => power.state.snapshot, snapshot: () => latest, openDashboard: (hash) => dashboard.open(hash), log });

  const onSnapshot = (snapshot: DashboardSnapshot) => {
    latest = snapshot;
    // The dashboard's "Start at login" preference drives the OS setting; the
    // store keeps what was last applied, so a change made in System Settings is not undone.
    if (loginSupported && snapshot.preferences.startAtLogin !== store.get('startAtLogin')) setStartAtLogin(snapshot.preferences.startAtLogin);
    tray.update();
  };
  service.on('snapshot', onSnapshot);
  const first = await service.getSnapshot();
  onSnapshot(first);
  await service.start();

  app.on('second-instance', () => dashboard.open());
  if (process.argv.includes('--dashboard') || first.monitor.state === 'unconfigured') dashboard.open(undefined, { focus: process.argv.includes('--dashboard') });

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    power.stop();
    tray.destroy();
    dashboard.close();
    // Bounded: a stuck close must not keep the app from quitting.
    Promise.race([service.close(), new Promise((resolve) => setTimeout(resolve, 3000))]).finally(() => app.exit(0));
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host || 'no host';
  } catch {
    return 'unparseable URL';
  }
}
