/**
 * Turns the pure menu specs (tray-menu.ts) into Electron menu templates, and
 * tray actions into calls. Both halves are plain functions over injected
 * callbacks, so clicks are tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { GatewayDoctorClient } from '../../core/api';
import { snoozeUntil, type MenuItemSpec, type TrayAction } from './tray-menu';

/** Converts specs to a `Menu.buildFromTemplate` template; clicks call `dispatch(action)`. */
export function toMenuTemplate(specs: MenuItemSpec[], dispatch: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return specs.map((spec) => {
    if (spec.type === 'separator') return { type: 'separator' };
    const item: MenuItemConstructorOptions = {
      id: spec.id,
      label: spec.label,
      enabled: spec.enabled ?? true,
      type: spec.type === 'submenu' ? 'submenu' : spec.type === 'checkbox' ? 'checkbox' : 'normal',
    };
    if (spec.type === 'checkbox') item.checked = spec.checked ?? false;
    if (spec.submenu) item.submenu = toMenuTemplate(spec.submenu, dispatch);
    const action = spec.action;
    if (action) item.click = () => dispatch(action);
    return item;
  });
}

export interface ActionDeps {
  service: Pick<GatewayDoctorClient, 'checkNow' | 'snooze' | 'setPreferences'>;
  openDashboard(hash?: string): void;
  /** Sets the OS login item (app.setLoginItemSettings) and mirrors it in the shell store. */
  setStartAtLogin(enable: boolean): void;
  quit(): void;
  /** Rebuilds the menu (a checkbox click toggles it visually before the state catches up). */
  refresh(): void;
  now(): number;
  log(message: string): void;
}

/** Performs a tray action. Errors are logged, never thrown into Electron's menu code. */
export async function performTrayAction(action: TrayAction, deps: ActionDeps): Promise<void> {
  try {
    switch (action.type) {
      case 'check-now':
        await deps.service.checkNow({});
        break;
      case 'open-dashboard':
        deps.openDashboard(action.hash);
        break;
      case 'snooze':
        await deps.service.snooze({ until: snoozeUntil(action.preset, deps.now()) });
        break;
      case 'resume-notifications':
        await deps.service.snooze({ until: null });
        break;
      case 'toggle-start-at-login':
        deps.setStartAtLogin(action.enable);
        await deps.service.setPreferences({ startAtLogin: action.enable });
        break;
      case 'quit':
        deps.quit();
        return;
    }
  } catch (error) {
    deps.log(`Tray action ${action.type} failed: ${(error as Error)?.message ?? String(error)}`);
  } finally {
    if (action.type !== 'quit') deps.refresh();
  }
}
