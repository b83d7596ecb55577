/**
 * The dashboard window: created on demand, destroyed when closed (no hidden
 * window kept around), at most one. Opening it again reuses it and moves it
 * to the requested deep link.
 */
import { app, BrowserWindow, screen } from 'electron';
import { dashboardUrl } from './renderer-origin';
import { boundsOnScreen, type ShellStore } from './shell-store';

export interface DashboardController {
  /** Opens (or reuses) the window at `hash`. `focus` only on a user action: never steal focus otherwise. */
  open(hash?: string, options?: { focus?: boolean }): void;
  /** The live windows (zero or one), for event forwarding. */
  windows(): BrowserWindow[];
  close(): void;
}

const DEFAULT_SIZE = { width: 1100, height: 760 };

export function createDashboardController(options: { preloadPath: string; devServerUrl: string | null; store: ShellStore; log: (m: string) => void }): DashboardController {
  let win: BrowserWindow | null = null;

  const load = (target: BrowserWindow, hash?: string) => {
    target.loadURL(dashboardUrl({ devServerUrl: options.devServerUrl, hash })).catch((error: unknown) => options.log(`Could not load the dashboard: ${(error as Error)?.message ?? error}`));
  };

  const saveBounds = (target: BrowserWindow) => {
    const b = target.getNormalBounds();
    options.store.set('windowBounds', { x: Math.round(b.x), y: Math.round(b.y), width: Math.max(480, Math.round(b.width)), height: Math.max(360, Math.round(b.height)) });
  };

  const bringToFront = (target: BrowserWindow) => {
    if (target.isMinimized()) target.restore();
    target.show();
    // A tray-only (LSUIElement) app is never the active app on macOS; a user
    // click is the one moment it may take focus.
    if (process.platform === 'darwin') app.focus({ steal: true });
    target.focus();
  };

  return {
    open(hash, { focus = true } = {}) {
      if (win && !win.isDestroyed()) {
        if (hash !== undefined) load(win, hash);
        if (focus) bringToFront(win);
        return;
      }
      const saved = options.store.get('windowBounds');
      const bounds = boundsOnScreen(saved, screen.getAllDisplays().map((d) => d.workArea), DEFAULT_SIZE);
      const created = new BrowserWindow({
        ...bounds,
        minWidth: 480,
        minHeight: 360,
        show: false,
        title: 'Gateway Doctor',
        autoHideMenuBar: true,
        // Written as a literal (not spread from a helper) so reviewers and
        // electronegativity see each setting; security.test.ts checks it
        // matches SECURE_WEB_PREFERENCES.
        webPreferences: {
          preload: options.preloadPath,
          contextIsolation: true, // checklist #3
          sandbox: true, // #4
          nodeIntegration: false, // #2
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true, // #6
          allowRunningInsecureContent: false, // #8
          experimentalFeatures: false, // #9
          disableBlinkFeatures: 'Auxclick', // middle-click cannot open a window
          webviewTag: false, // #11
          navigateOnDragDrop: false,
          spellcheck: false,
          safeDialogs: true,
        },
      });
      win = created;
      created.once('ready-to-show', () => {
        if (focus) bringToFront(created);
        else created.showInactive();
      });
      created.on('close', () => saveBounds(created));
      created.on('closed', () => {
        if (win === created) win = null;
      });
      load(created, hash);
    },
    windows() {
      return win && !win.isDestroyed() ? [win] : [];
    },
    close() {
      // destroy() emits no 'close' event: save the bounds first, or quitting
      // with the window open would forget where it was.
      if (win && !win.isDestroyed()) {
        saveBounds(win);
        win.destroy();
      }
      win = null;
    },
  };
}
