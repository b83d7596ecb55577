/**
 * A recording stand-in for the `electron` module, for running the BUILT main
 * bundle (out/main/index.js) under plain Node. It is not a fake Electron: it
 * copies only the Electron 39 behaviour that start-up bugs depend on, and
 * records what the app did so the smoke scenarios (smoke/*.smoke.test.ts) can
 * check it from the parent process over the fork IPC channel.
 *
 * Copied behaviour: `ready` fires only after the entry module has run;
 * Tray, BrowserWindow, screen, session, powerMonitor and protocol.handle throw
 * when used before `ready` (registerSchemesAsPrivileged throws after it);
 * nativeImage.createFromPath gives an empty image for a missing file;
 * Menu.buildFromTemplate validates its template; a second ipcMain.handle on
 * a channel throws; BrowserWindow.destroy() emits `closed` but not `close`;
 * IPC payloads are structured-cloned; the preload runs in a context whose
 * only module is `electron` (contextBridge + ipcRenderer).
 *
 * What it cannot tell is listed in docs/desktop-shell.md ("Smoke test").
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { startControlChannel } from './control.mjs';

// ---------------------------------------------------------------------------
// Recording

const t0 = performance.now();
const now = () => Math.round((performance.now() - t0) * 10) / 10;
const record = {
  readyAt: null,
  calls: [],
  singleInstanceLock: null,
  appUserModelId: null,
  appUserModelIdAt: null,
  dockHidden: false,
  focusCalls: 0,
  errorBoxes: [],
  openedExternal: [],
  loginItem: { openAtLogin: false },
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  notifications: [],
  trays: [],
  windows: [],
  ipcHandlers: new Map(),
  headerHooks: 0,
};
const call = (name, detail) => record.calls.push({ at: now(), name, ...(detail === undefined ? {} : { detail }) });

let ready = false;
const mustBeReady = (what) => {
  if (!ready) throw new Error(`${what} cannot be used before the app is ready (stand-in copies Electron 39).`);
};

// ---------------------------------------------------------------------------
// Paths

/** The app folder: the nearest package.json above the entry script (out/main/index.js). */
function findAppPath() {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}
const appPath = findAppPath();
const pkg = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8'));
const appName = pkg.productName ?? pkg.name;

function userDataPath() {
  const home = process.env.HOME ?? '';
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), appName);
}

// ---------------------------------------------------------------------------
// app

class App extends EventEmitter {
  isPackaged = false;
  commandLine = { appendSwitch: () => undefined, hasSwitch: () => false };
  dock = process.platform === 'darwin' ? { hide: () => (record.dockHidden = true), show: () => (record.dockHidden = false) } : undefined;
  #quitting = false;
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  getName() {
    return appName;
  }
  getVersion() {
    return pkg.version;
  }
  getAppPath() {
    return appPath;
  }
  getPath(name) {
    if (name === 'userData') return userDataPath();
    if (name === 'home') return process.env.HOME ?? '';
    if (name === 'temp') return process.env.TMPDIR ?? '/tmp';
    throw new Error(`stand-in: app.getPath('${name}') is not modelled`);
  }
  requestSingleInstanceLock() {
    record.singleInstanceLock = true;
    return true;
  }
  setAppUserModelId(id) {
    record.appUserModelId = id;
    record.appUserModelIdAt = now();
  }
  focus() {
    record.focusCalls++;
  }
  getLoginItemSettings() {
    return { ...record.loginItem };
  }
  setLoginItemSettings(settings) {
    record.loginItem = { ...record.loginItem, ...settings };
  }
  quit() {
    call('app.quit');
    if (this.#quitting) return;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.#quitting = true;
    for (const win of record.windows) if (!win.destroyed) win.instance.close();
    this.emit('will-quit', { preventDefault: () => undefined });
    this.exit(0);
  }
  exit(code = 0) {
    call('app.exit', code);
    report({ type: 'exit', code }).finally(() => process.exit(code));
  }
}
export const app = new App();

let markReady;
const readyPromise = new Promise((resolve) => (markReady = resolve));
// Electron emits `ready` after the entry script has run: the whole module
// graph (this module included) evaluates synchronously before a macrotask.
setTimeout(() => {
  ready = true;
  record.readyAt = now();
  app.emit('ready', {}, {});
  markReady();
}, 0);

// ---------------------------------------------------------------------------
// Images, menus, tray

class NativeImage {
  constructor(path) {
    this.path = path ?? null;
    this.empty = !path || !existsSync(path);
    this.template = false;
  }
  isEmpty() {
    return this.empty;
  }
  setTemplateImage(flag) {
    this.template = Boolean(flag);
  }
  isTemplateImage() {
    return this.template;
  }
  getSize() {
    return this.empty ? { width: 0, height: 0 } : { width: 32, height: 32 };
  }
}
export const nativeImage = {
  createFromPath: (path) => new NativeImage(path),
  createEmpty: () => new NativeImage(null),
};

const MENU_ITEM_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);

class Menu {
  constructor(items = []) {
    this.items = items;
  }
  static buildFromTemplate(template) {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    return new Menu(template.map(validateMenuItem));
  }
}
function validateMenuItem(item) {
  if (item === null || typeof item !== 'object') throw new TypeError('Invalid template for MenuItem: must be an object');
  if (item.label === undefined && item.role === undefined && item.type === undefined) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
  if (item.type !== undefined && !MENU_ITEM_TYPES.has(item.type)) throw new TypeError(`Unknown menu item type: ${item.type}`);
  if (item.label !== undefined && typeof item.label !== 'string') throw new TypeError('Invalid template for MenuItem: label must be a string');
  if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError('Invalid template for MenuItem: click must be a function');
  if (item.type === 'submenu' && item.submenu === undefined) throw new TypeError('Invalid template for MenuItem: submenu item needs a submenu');
  const submenu = item.submenu === undefined ? undefined : item.submenu instanceof Menu ? item.submenu : Menu.buildFromTemplate(item.submenu);
  return { ...item, submenu };
}
export { Menu };
export class MenuItem {}

class Tray extends EventEmitter {
  constructor(image) {
    mustBeReady('Tray');
    super();
    if (!(image instanceof NativeImage)) throw new TypeError('Tray: image must be a NativeImage');
    this.entry = { createdAt: now(), images: [{ at: now(), path: image.path, empty: image.empty }], toolTip: '', menu: null, destroyed: false, instance: this };
    record.trays.push(this.entry);
  }
  setImage(image) {
    this.#alive();
    this.entry.images.push({ at: now(), path: image.path, empty: image.empty });
  }
  setToolTip(text) {
    this.#alive();
    this.entry.toolTip = text;
  }
  setContextMenu(menu) {
    this.#alive();
    if (menu !== null && !(menu instanceof Menu)) throw new TypeError('Tray.setContextMenu: expected a Menu');
    this.entry.menu = menu;
  }
  destroy() {
    this.entry.destroyed = true;
  }
  isDestroyed() {
    return this.entry.destroyed;
  }
  #alive() {
    if (this.entry.destroyed) throw new Error('Tray is destroyed');
  }
}
export { Tray };

// ---------------------------------------------------------------------------
// screen, session, powerMonitor, protocol, net, safeStorage, shell, dialog

const DISPLAY = { id: 1, scaleFactor: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
export const screen = {
  getPrimaryDisplay: () => (mustBeReady('screen'), DISPLAY),
  getAllDisplays: () => (mustBeReady('screen'), [DISPLAY]),
};

const defaultSession = {
  webRequest: { onHeadersReceived: () => void record.headerHooks++ },
  setPermissionRequestHandler: (handler) => (record.permissionRequestHandler = handler),
  setPermissionCheckHandler: (handler) => (record.permissionCheckHandler = handler),
};
export const session = {
  get defaultSession() {
    mustBeReady('session');
    return defaultSession;
  },
};

class PowerMonitor extends EventEmitter {
  on(event, listener) {
    mustBeReady('powerMonitor');
    return super.on(event, listener);
  }
}
export const powerMonitor = new PowerMonitor();

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    mustBeReady('protocol.handle');
    if (record.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  isOnline: () => true,
  fetch: (url, init) => {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = record.protocolHandlers.get(scheme);
    return handler ? handler(new Request(url, init)) : fetch(url, init);
  },
};

// Linux without a keyring: Electron reports encryption available with the
// `basic_text` backend, which the app must refuse (safe-storage-secret-store.ts).
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => (process.platform === 'linux' ? 'basic_text' : 'unknown'),
  encryptString: (text) => Buffer.from(`enc:${text}`),
  decryptString: (buffer) => buffer.toString().replace(/^enc:/, ''),
};

export const shell = {
  openExternal: async (url) => void record.openedExternal.push(url),
  openPath: async () => '',
};

export const dialog = {
  showErrorBox: (title, content) => {
    record.errorBoxes.push({ title, content });
    process.stderr.write(`[stand-in] error box: ${title}: ${content}\n`);
  },
};

// ---------------------------------------------------------------------------
// Notifications

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options = {}) {
    super();
    this.entry = { title: options.title ?? '', body: options.body ?? '', silent: Boolean(options.silent), shownAt: null, instance: this };
  }
  show() {
    this.entry.shownAt = now();
    record.notifications.push(this.entry);
  }
  close() {
    this.emit('close', {});
  }
}
export { Notification };

// ---------------------------------------------------------------------------
// IPC, BrowserWindow, the preload

class IpcMain extends EventEmitter {
  handle(channel, listener) {
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers.set(channel, listener);
  }
  handleOnce(channel, listener) {
    this.handle(channel, listener);
  }
  removeHandler(channel) {
    record.ipcHandlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

/** Invokes a main-process handler as a frame at `url` would. Payloads cross as structured clones. */
async function invokeAs(frame, sender, channel, arg) {
  const handler = record.ipcHandlers.get(channel);
  if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  const event = { senderFrame: frame, sender, frameId: 1, processId: 1 };
  return structuredClone(await handler(event, structuredClone(arg)));
}

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.destroyed = false;
    this.rendererListeners = new Map();
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.win.entry.sent.push(channel);
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: 'ipc-renderer-event' }, structuredClone(payload));
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.win.entry.url ?? '';
  }
}

class BrowserWindow extends EventEmitter {
  static #all = [];
  static getAllWindows() {
    return BrowserWindow.#all.filter((w) => !w.isDestroyed());
  }
  constructor(options = {}) {
    mustBeReady('BrowserWindow');
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    this.entry = { createdAt: now(), options: structuredClone({ ...options }), url: null, loads: [], shown: false, focused: 0, shownInactive: false, destroyed: false, closeEvents: 0, sent: [], world: null, preloadError: null, instance: this };
    record.windows.push(this.entry);
    BrowserWindow.#all.push(this);
    this.webContents = new WebContents(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.entry.url = url;
    this.entry.loads.push({ at: now(), url });
    if (!this.preloadRan && this.options.webPreferences?.preload) {
      this.preloadRan = true;
      runPreload(this);
    }
    setTimeout(() => {
      if (this.entry.destroyed) return;
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }, 10);
  }
  isDestroyed() {
    return this.entry.destroyed;
  }
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.entry.shown;
  }
  restore() {}
  show() {
    this.entry.shown = true;
  }
  showInactive() {
    this.entry.shown = true;
    this.entry.shownInactive = true;
  }
  focus() {
    this.entry.focused++;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds };
  }
  /** Like Electron: `close` (preventable), then destroy. */
  close() {
    if (this.entry.destroyed) return;
    let prevented = false;
    this.entry.closeEvents++;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  /** Like Electron: no `close` event, straight to `closed`. */
  destroy() {
    if (this.entry.destroyed) return;
    this.entry.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
export { BrowserWindow };

/**
 * Runs the built preload (CommonJS) the way a sandboxed renderer does: in a
 * fresh context whose `require` knows only `electron`, with contextBridge
 * and ipcRenderer wired to this window's frame.
 */
function runPreload(win) {
  const world = {};
  const frame = { get url() {
    return win.entry.url ?? '';
  }, parent: null };
  const ipcRenderer = {
    invoke: (channel, ...args) => invokeAs(frame, win.webContents, channel, args[0]),
    on(channel, listener) {
      const set = win.webContents.rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      win.webContents.rendererListeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      win.webContents.rendererListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in world) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      world[key] = api;
    },
  };
  const rendererElectron = { contextBridge, ipcRenderer };
  const sandboxRequire = (name) => {
    if (name === 'electron') return rendererElectron;
    throw new Error(`module not found: ${name}`);
  };
  try {
    const source = readFileSync(win.options.webPreferences.preload, 'utf8');
    const context = vm.createContext({ console });
    const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, context, { filename: win.options.webPreferences.preload });
    const module = { exports: {} };
    wrapper(module.exports, sandboxRequire, module, win.options.webPreferences.preload, dirname(win.options.webPreferences.preload));
    win.entry.world = world;
  } catch (error) {
    win.entry.preloadError = String(error?.message ?? error);
  }
}

// Renderer-only modules: undefined in the main process, as in Electron.
export const contextBridge = undefined;
export const ipcRenderer = undefined;

process.type = 'browser';

// ---------------------------------------------------------------------------
// The control channel (control.mjs): the parent asks, the stand-in answers.

/** Sends a message to the parent (smoke/harness.ts); resolves once it is sent. */
function report(message) {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, () => resolve());
  });
}

startControlChannel({ record, app, net, invokeAs, report });

export default {
  app,
  BrowserWindow,
  Menu,
  MenuItem,
  Notification,
  Tray,
  dialog,
  ipcMain,
  nativeImage,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  contextBridge,
  ipcRenderer,
};
