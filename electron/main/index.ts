/**
 * Gateway Doctor's Electron main process: wiring only. Every decision lives
 * in a pure module next to this one (tray-menu, tray-icons,
 * notification-policy, ipc, security, renderer-origin...), each unit tested
 * in Node; this file connects them to Electron.
 *
 * The core (createGatewayDoctor) runs here, in the main process; the
 * dashboard is a sandboxed window that talks to it over the IPC contract.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import type { DashboardSnapshot, Platform } from '../../core/types';
import type { ContractRedactor } from '../../core/contract-call';
import { hostFromEnv } from '../../core/host';
import { createGatewayDoctor, type GatewayDoctorService } from '../../core/service';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { APP_USER_MODEL_ID } from './app-identity';
import { createDashboardController, type DashboardController } from './dashboard-window';
import { deferredClient } from './deferred-client';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { setupNotifications } from './notifications';
import { openExternal, openSignInUrl } from './open-external';
import { setupPowerEvents } from './power-state';
import { APP_SCHEME, isTrustedRendererUrl } from './renderer-origin';
import { createSafeStorageSecretStore, withFileFallback } from './safe-storage-secret-store';
import { displayPath } from '../../core/fixes/targets';
import { setupSecurity } from './security';
import { ciphertextMap, openShellStore, SHELL_STORE_NAME, type ShellStore } from './shell-store';
import { setupTray, type TrayController } from './tray';

const platform = process.platform as Platform;
const mainDir = dirname(fileURLToPath(import.meta.url)); // out/main
const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
const rendererDir = join(mainDir, '..', 'renderer');
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;

/** The service's Redactor once the service runs; before that no secret is known. */
let redactor: ContractRedactor = { scrub: (text) => text, scrubDeep: (value) => value };
const scrub = (text: string) => redactor.scrub(text);
/** What IPC holds: always the current Redactor. */
const currentRedactor: ContractRedactor = { scrub, scrubDeep: (value) => redactor.scrubDeep(value) };
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
  // Windows attributes toasts (and the user's notification setting) to the
  // installed shortcut's AppUserModelID, which is electron-builder's appId.
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  await app.whenReady();

  // Everything a user can do in the first seconds is wired before any slow
  // work: a second launch, a macOS reopen (Finder, Spotlight, Launchpad send
  // `activate`, not `second-instance`) and Quit.
  // (The controller is created below in the same synchronous run, so no
  // event can arrive while it is still null.)
  let dashboard: DashboardController | null = null;
  const openDashboard = (hash?: string, options: { focus?: boolean } = {}) => dashboard?.open(hash, options);
  let closing = false;
  let serviceReady: Promise<GatewayDoctorService> | null = null;
  let tray: TrayController | null = null;
  let power: ReturnType<typeof setupPowerEvents> | null = null;
  app.on('second-instance', () => openDashboard());
  app.on('activate', () => openDashboard());
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    power?.stop();
    tray?.destroy();
    dashboard?.close();
    const closed = serviceReady ? serviceReady.then((s) => s.close()) : Promise.resolve();
    // Bounded: a stuck close must not keep the app from quitting.
    Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))])
      .catch(() => undefined)
      .finally(() => app.exit(0));
  });

  app.dock?.hide(); // tray-only; LSUIElement in the packaged Info.plist does the same before launch

  const openLink = (url: string) => {
    openExternal(url, (u) => shell.openExternal(u)).then(
      (opened) => opened || log(`Refused to open a link that is not on the allow-list (${safeHost(url)}).`),
      () => undefined,
    );
  };
  setupSecurity({ app, session: session.defaultSession, openExternal: openLink, dev: devServerUrl !== null });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

  // The tray comes first and never waits: the service starts after it, in
  // the background (`claude --version` and `claude auth status` may take
  // seconds), and the tray, IPC and the dashboard reach it through a client
  // that waits for it.
  let settle!: { resolve: (s: GatewayDoctorService) => void; reject: (e: unknown) => void };
  serviceReady = new Promise<GatewayDoctorService>((resolve, reject) => (settle = { resolve, reject }));
  const client = deferredClient(serviceReady);
  let store: ShellStore | null = null;

  let latest: DashboardSnapshot | null = null;
  const loginSupported = platform !== 'linux';
  const startAtLogin = (): boolean | 'unsupported' => (loginSupported ? app.getLoginItemSettings().openAtLogin : 'unsupported');
  const setStartAtLogin = (enable: boolean) => {
    if (!loginSupported) return;
    app.setLoginItemSettings({ openAtLogin: enable });
    store?.set('startAtLogin', enable);
  };

  // The tray shows a null snapshot as "starting" until the service answers.
  tray = setupTray({
    iconDir: join(app.getAppPath(), 'assets', 'tray', 'png'),
    platform,
    snapshot: () => latest,
    startAtLogin,
    openDashboard: () => openDashboard(),
    actions: { service: client, openDashboard: (hash) => openDashboard(hash), setStartAtLogin, quit: () => app.quit(), now: Date.now, log },
  });

  const host = hostFromEnv(process.env);
  const userDataDir = app.getPath('userData');
  const firstRun = isFirstRun(userDataDir, host.appDataDir);
  const shellStore = openShellStore({ userDataDir, log });
  store = shellStore;
  // Without an OS-protected key (Linux without a keyring: basic_text), the 0600 fallback file, named as such.
  const secrets = withFileFallback(createSafeStorageSecretStore({ safeStorage, storage: ciphertextMap(shellStore), platform }), { safeStorage, platform, appDataDir: host.appDataDir, displayPath: (p) => displayPath(host, p) });
  // The sign-in opens only the URL Claude Code printed in the sign-in running now (checked against the service's state).
  const printedSignInUrl = async () => (await client.getSignIn()).url;
  createGatewayDoctor({
    host,
    secrets,
    claude: process.env.GATEWAY_DOCTOR_SKIP_CLAUDE ? 'skip' : 'detect',
    watch: true,
    appVersion: app.getVersion(),
    openSignInUrl: async (url) => openSignInUrl(url, await printedSignInUrl(), (u) => shell.openExternal(u)),
  }).then(settle.resolve, settle.reject);

  dashboard = createDashboardController({ preloadPath, devServerUrl, store: shellStore, log });
  registerIpcHandlers({ ipcMain, service: client, isTrustedSender: (url) => isTrustedRendererUrl(url, devServerUrl), redactor: currentRedactor, log });
  forwardEvents(client, () => dashboard?.windows() ?? [], currentRedactor);

  // A first-time user gets the dashboard: on GNOME without the AppIndicator
  // extension there is no tray to find, and nothing else says the app runs.
  const explicit = process.argv.includes('--dashboard');
  if (explicit || firstRun) openDashboard(undefined, { focus: true });

  const ready = await serviceReady;
  if (closing) return;
  redactor = ready.redactor;
  power = setupPowerEvents({ powerMonitor, isOnline: () => net.isOnline(), hooks: { wake: () => ready.wake(), networkChanged: () => ready.networkChanged() } });
  const powerState = power;
  setupNotifications({ service: ready, power: () => powerState.state.snapshot, snapshot: () => latest, openDashboard: (hash) => openDashboard(hash), log });

  // The first snapshot is taken before the monitor starts (state `pending`);
  // the dashboard opens for an unconfigured app when the first settled state arrives.
  let settled = false;
  const onSnapshot = (snapshot: DashboardSnapshot) => {
    latest = snapshot;
    // The dashboard's "Start at login" preference drives the OS setting; the
    // store keeps what was last applied, so a change made in System Settings is not undone.
    if (loginSupported && snapshot.preferences.startAtLogin !== shellStore.get('startAtLogin')) setStartAtLogin(snapshot.preferences.startAtLogin);
    tray?.update();
    if (!settled && snapshot.monitor.state !== 'pending') {
      settled = true;
      if (snapshot.monitor.state === 'unconfigured' && !explicit && !firstRun) openDashboard(undefined, { focus: false });
    }
  };
  ready.on('snapshot', onSnapshot);
  onSnapshot(await ready.getSnapshot());
  if (closing) return;
  await ready.start();
}

/** No shell store and no engine preferences yet: this is the first launch on this machine. */
function isFirstRun(userDataDir: string, appDataDir: string): boolean {
  return !existsSync(join(userDataDir, `${SHELL_STORE_NAME}.json`)) && !existsSync(join(appDataDir, 'preferences.json'));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host || 'no host';
  } catch {
    return 'unparseable URL';
  }
}
