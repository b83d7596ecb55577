/**
 * The tray icon: image and tooltip per state (tray-icons.ts), menu from the
 * pure builder (tray-menu.ts) through the adapter. Rebuilt on every snapshot.
 */
import { join } from 'node:path';
import { Menu, nativeImage, screen, Tray } from 'electron';
import type { DashboardSnapshot, Platform } from '../../core/types';
import { iconFor } from './tray-icons';
import { buildTrayMenu, isSnoozed, STARTING_LINE } from './tray-menu';
import { performTrayAction, toMenuTemplate, type ActionDeps } from './tray-menu-adapter';

export interface TrayController {
  update(): void;
  destroy(): void;
}

export interface TrayOptions {
  iconDir: string;
  platform: Platform;
  snapshot: () => DashboardSnapshot | null;
  startAtLogin: () => boolean | 'unsupported';
  actions: Omit<ActionDeps, 'refresh'>;
  openDashboard: () => void;
}

export function setupTray(options: TrayOptions): TrayController {
  const imageFor = (snapshot: DashboardSnapshot | null) => {
    const now = Date.now();
    const state = snapshot?.monitor.state ?? 'pending';
    const snoozed = isSnoozed(snapshot?.monitor.snoozedUntil, now);
    const scale = screen.getPrimaryDisplay()?.scaleFactor ?? 1;
    const image = nativeImage.createFromPath(join(options.iconDir, iconFor(state, { snoozed, platform: options.platform, scale })));
    if (options.platform === 'darwin') image.setTemplateImage(true);
    return image;
  };

  const tray = new Tray(imageFor(null));
  tray.setToolTip(STARTING_LINE);
  let lastKey = '';

  const update = () => {
    const snapshot = options.snapshot();
    // No snapshot yet: the service is still starting (e.g. waiting on a slow `claude`).
    const headline = snapshot ? snapshot.monitor.headline || 'Gateway Doctor' : STARTING_LINE;
    const key = `${snapshot?.monitor.state}|${isSnoozed(snapshot?.monitor.snoozedUntil, Date.now())}`;
    if (key !== lastKey) {
      tray.setImage(imageFor(snapshot));
      lastKey = key;
    }
    tray.setToolTip(headline);
    const specs = buildTrayMenu({ snapshot, platform: options.platform, startAtLogin: options.startAtLogin(), now: Date.now() });
    const deps: ActionDeps = { ...options.actions, refresh: update };
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(specs, (action) => void performTrayAction(action, deps))));
  };

  // Windows: a left click opens the dashboard (the menu stays on right click).
  // macOS shows the menu on click; Linux AppIndicator only has the menu.
  if (options.platform === 'win32') tray.on('click', () => options.openDashboard());

  update();
  return { update, destroy: () => tray.destroy() };
}
