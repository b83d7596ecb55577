/**
 * The dashboard window: created on demand, destroyed when closed (no hidden
 * window kept around), at most one. Opening it again reuses it and moves it
 * to the requested deep link.
 */
import { app, BrowserWindow, screen } from 'electron';
import { dashboardUrl } from './renderer-origin';
import { secureWebPreferences } from './security';
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
        webPreferences: secureWebPreferences(options.preloadPath),
      });
      win = created;
      created.once('ready-to-show', () => {
        if (focus) bringToFront(created);
        else created.showInactive();
      });
      created.on('close', () => {
        const b = created.getNormalBounds();
        options.store.set('windowBounds', { x: Math.round(b.x), y: Math.round(b.y), width: Math.max(480, Math.round(b.width)), height: Math.max(360, Math.round(b.height)) });
      });
      created.on('closed', () => {
        if (win === created) win = null;
      });
      load(created, hash);
    },
    windows() {
      return win && !win.isDestroyed() ? [win] : [];
    },
    close() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };
}
