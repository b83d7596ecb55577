/**
 * The stand-in's own claims (smoke/stand-in/electron.mjs): it copies the
 * Electron 39 behaviour start-up bugs depend on. A tiny entry script, run the
 * way the built bundle is, tries each rule and prints what happened.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch } from './harness';

const ENTRY = `
import { app, BrowserWindow, Menu, Tray, ipcMain, nativeImage, powerMonitor, protocol, screen, session } from 'electron';
const results = {};
const attempt = (name, fn) => {
  try { fn(); results[name] = 'ok'; } catch (error) { results[name] = 'threw'; }
};
let entryDone = false;
attempt('tray before ready', () => new Tray(nativeImage.createEmpty()));
attempt('window before ready', () => new BrowserWindow({}));
attempt('screen before ready', () => screen.getPrimaryDisplay());
attempt('session before ready', () => session.defaultSession);
attempt('powerMonitor before ready', () => powerMonitor.on('resume', () => undefined));
attempt('protocol.handle before ready', () => protocol.handle('x', async () => new Response('')));
attempt('registerSchemesAsPrivileged before ready', () => protocol.registerSchemesAsPrivileged([{ scheme: 'x', privileges: {} }]));
app.on('ready', () => {
  results['ready after the entry module ran'] = entryDone;
  attempt('registerSchemesAsPrivileged after ready', () => protocol.registerSchemesAsPrivileged([{ scheme: 'y', privileges: {} }]));
  attempt('tray after ready', () => new Tray(nativeImage.createFromPath('/no/such/icon.png')));
  results['image of a missing file is empty'] = nativeImage.createFromPath('/no/such/icon.png').isEmpty();
  attempt('menu item with nothing', () => Menu.buildFromTemplate([{}]));
  attempt('menu item with a bad type', () => Menu.buildFromTemplate([{ label: 'x', type: 'button' }]));
  attempt('good menu', () => Menu.buildFromTemplate([{ label: 'Quit', click: () => undefined }, { type: 'separator' }]));
  ipcMain.handle('channel', async () => 1);
  attempt('second handler on a channel', () => ipcMain.handle('channel', async () => 2));
  const win = new BrowserWindow({});
  let close = 0;
  let closed = 0;
  win.on('close', () => close++);
  win.on('closed', () => closed++);
  win.destroy();
  results['destroy() events'] = { close, closed };
  console.log('RESULTS ' + JSON.stringify(results));
  app.exit(0);
});
entryDone = true;
`;

describe('the electron stand-in', () => {
  it('copies the Electron 39 rules the smoke scenarios rely on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gd-stand-in-'));
    try {
      const main = join(dir, 'entry.mjs');
      await writeFile(main, ENTRY);
      const app = await launch({ main, env: { HOME: dir, PATH: process.env.PATH ?? '' } });
      expect(await app.exited).toBe(0);
      const line = app.output().split('\n').find((l) => l.startsWith('RESULTS '));
      expect(line, app.output()).toBeDefined();
      expect(JSON.parse(line!.slice('RESULTS '.length))).toEqual({
        'tray before ready': 'threw',
        'window before ready': 'threw',
        'screen before ready': 'threw',
        'session before ready': 'threw',
        'powerMonitor before ready': 'threw',
        'protocol.handle before ready': 'threw',
        'registerSchemesAsPrivileged before ready': 'ok',
        'ready after the entry module ran': true,
        'registerSchemesAsPrivileged after ready': 'threw',
        'tray after ready': 'ok',
        'image of a missing file is empty': true,
        'menu item with nothing': 'threw',
        'menu item with a bad type': 'threw',
        'good menu': 'ok',
        'second handler on a channel': 'threw',
        'destroy() events': { close: 0, closed: 1 },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
