import { describe, expect, it, vi } from 'vitest';
import { snapshot, profile } from './test-fixtures';
import { buildTrayMenu, type TrayAction } from './tray-menu';
import { performTrayAction, toMenuTemplate, type ActionDeps } from './tray-menu-adapter';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');

function deps(): ActionDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    service: {
      checkNow: vi.fn(async () => (calls.push('checkNow'), {} as never)),
      snooze: vi.fn(async (arg: { until: string | null }) => (calls.push(`snooze:${arg.until}`), {} as never)),
      setPreferences: vi.fn(async (arg: object) => (calls.push(`prefs:${JSON.stringify(arg)}`), {} as never)),
    },
    openDashboard: (hash) => void calls.push(`open:${hash ?? ''}`),
    setStartAtLogin: (enable) => void calls.push(`login:${enable}`),
    quit: () => void calls.push('quit'),
    refresh: () => void calls.push('refresh'),
    now: () => NOW,
    log: (m) => void calls.push(`log:${m}`),
  };
}

describe('toMenuTemplate', () => {
  it('keeps labels, state and structure, and clicking dispatches the action', () => {
    const specs = buildTrayMenu({ snapshot: snapshot({ profiles: [profile('work')], active: { kind: 'gateway', profileId: 'work', baseUrl: null, source: null } }), platform: 'darwin', startAtLogin: true, now: NOW });
    const actions: TrayAction[] = [];
    const template = toMenuTemplate(specs, (a) => actions.push(a));
    expect(template[0]).toMatchObject({ id: 'status', enabled: false, type: 'normal' });
    const useGateway = template.find((i) => i.id === 'use-gateway')!;
    const work = (useGateway.submenu as Array<{ id?: string; checked?: boolean; click?: () => void }>).find((i) => i.id === 'use-gateway:work')!;
    expect(work.checked).toBe(true);
    work.click!();
    template.find((i) => i.id === 'check-now')!.click!({} as never, undefined, {} as never);
    expect(actions).toEqual([{ type: 'open-dashboard', hash: 'view=profiles&switch=gateway&profile=work' }, { type: 'check-now' }]);
    expect(template.filter((i) => i.type === 'separator').length).toBeGreaterThan(0);
  });
});

describe('performTrayAction', () => {
  it('maps each action to the service or the shell, then refreshes the menu', async () => {
    const d = deps();
    await performTrayAction({ type: 'check-now' }, d);
    await performTrayAction({ type: 'snooze', preset: '1h' }, d);
    await performTrayAction({ type: 'resume-notifications' }, d);
    await performTrayAction({ type: 'open-dashboard', hash: 'finding=x' }, d);
    await performTrayAction({ type: 'toggle-start-at-login', enable: true }, d);
    await performTrayAction({ type: 'quit' }, d);
    expect(d.calls).toEqual([
      'checkNow', 'refresh',
      'snooze:2025-01-01T11:00:00.000Z', 'refresh',
      'snooze:null', 'refresh',
      'open:finding=x', 'refresh',
      'login:true', 'prefs:{"startAtLogin":true}', 'refresh',
      'quit',
    ]);
  });

  it('logs a failing action instead of throwing', async () => {
    const d = deps();
    d.service.checkNow = vi.fn(async () => {
      throw new Error('gateway unreachable');
    });
    await expect(performTrayAction({ type: 'check-now' }, d)).resolves.toBeUndefined();
    expect(d.calls).toEqual(['log:Tray action check-now failed: gateway unreachable', 'refresh']);
  });
});
