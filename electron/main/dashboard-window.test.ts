import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SECURE_WEB_PREFERENCES } from './security';

const created: Array<{ options: Record<string, unknown>; win: FakeWindow }> = [];
class FakeWindow extends EventEmitter {
  destroyed = false;
  loaded: string[] = [];
  shown = 0;
  focused = 0;
  inactive = 0;
  constructor(options: Record<string, unknown>) {
    super();
    created.push({ options, win: this });
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.shown++;
  }
  showInactive() {
    this.inactive++;
  }
  focus() {
    this.focused++;
  }
  destroy() {
    this.destroyed = true;
    this.emit('closed');
  }
  getNormalBounds() {
    return { x: 10.4, y: 20, width: 900, height: 700 };
  }
}

vi.mock('electron', () => ({
  app: { focus: vi.fn() },
  BrowserWindow: FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1440, height: 900 } }] },
}));

// electron-store is loaded by Node (not Vite), so it would load the real electron package.
vi.mock('electron-store', () => ({ default: class {} }));

const { createDashboardController } = await import('./dashboard-window');

function fakeStore() {
  const data: Record<string, unknown> = { windowBounds: null };
  return { data, get: (k: string) => data[k], set: (k: string, v: unknown) => void (data[k] = v) };
}

describe('dashboard window', () => {
  beforeEach(() => void (created.length = 0));

  it('is created on demand with the checklist webPreferences written out, and destroyed when closed', () => {
    const store = fakeStore();
    const dashboard = createDashboardController({ preloadPath: '/app/out/preload/index.cjs', devServerUrl: null, store: store as never, log: () => undefined });
    expect(created).toHaveLength(0);
    dashboard.open('finding=tls-expired');
    expect(created).toHaveLength(1);
    const { options, win } = created[0];
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    expect(options.show).toBe(false);
    expect(win.loaded).toEqual(['app://gateway-doctor/index.html#finding=tls-expired']);
    expect(dashboard.windows()).toHaveLength(1);
    win.emit('close');
    expect(store.data.windowBounds).toEqual({ x: 10, y: 20, width: 900, height: 700 });
    win.destroy();
    expect(dashboard.windows()).toHaveLength(0);
  });

  it('reuses the one window and moves it to the new deep link', () => {
    const dashboard = createDashboardController({ preloadPath: '/p', devServerUrl: null, store: fakeStore() as never, log: () => undefined });
    dashboard.open();
    dashboard.open('view=profiles');
    expect(created).toHaveLength(1);
    expect(created[0].win.loaded).toEqual(['app://gateway-doctor/index.html', 'app://gateway-doctor/index.html#view=profiles']);
  });

  it('saves the bounds when closed for Quit, although destroy() emits no close event', () => {
    const store = fakeStore();
    const dashboard = createDashboardController({ preloadPath: '/p', devServerUrl: null, store: store as never, log: () => undefined });
    dashboard.open();
    dashboard.close();
    expect(created[0].win.destroyed).toBe(true);
    expect(store.data.windowBounds).toEqual({ x: 10, y: 20, width: 900, height: 700 });
  });

  it('does not take focus when opened without a user action', () => {
    const dashboard = createDashboardController({ preloadPath: '/p', devServerUrl: null, store: fakeStore() as never, log: () => undefined });
    dashboard.open(undefined, { focus: false });
    created[0].win.emit('ready-to-show');
    expect(created[0].win.focused).toBe(0);
    expect(created[0].win.inactive).toBe(1);
    dashboard.open('finding=x');
    expect(created[0].win.focused).toBe(1);
  });
});
