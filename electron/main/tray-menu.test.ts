import { describe, expect, it } from 'vitest';
import type { MonitorState } from '../../core/types';
import { finding, profile, snapshot } from './test-fixtures';
import { buildTrayMenu, findMenuItem, isSnoozed, snoozeUntil, truncateLabel, type MenuItemSpec } from './tray-menu';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');
const labels = (items: MenuItemSpec[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
const item = (items: MenuItemSpec[], id: string): MenuItemSpec => {
  const found = findMenuItem(items, id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
};

describe('buildTrayMenu: status line per state', () => {
  const cases: Array<[MonitorState, number | null, string]> = [
    ['healthy', 182, 'Gateway healthy, 182 ms'],
    ['degraded', 2350.4, 'Gateway degraded, 2350 ms'],
    ['down', 120, 'Gateway down'],
    ['offline', null, 'Offline: this machine has no network'],
    ['unconfigured', null, 'No gateway configured'],
    ['pending', null, 'Checking the gateway…'],
  ];
  for (const [state, latencyMs, expected] of cases) {
    it(`${state}: "${expected}"`, () => {
      const menu = buildTrayMenu({ snapshot: snapshot({ state, latencyMs, headline: `Headline for ${state}` }), platform: 'linux', now: NOW });
      expect(menu[0]).toMatchObject({ id: 'status', label: expected, enabled: false });
      expect(item(menu, 'headline').label).toBe(`Headline for ${state}`);
    });
  }

  it('reads as a sentence without the icon: the cause of a down gateway, once, not repeated by the headline', () => {
    const cause = finding('gateway-refused', 'error', 'Nothing answered at the gateway address (connection refused)');
    const down = buildTrayMenu({ snapshot: snapshot({ state: 'down', cause, headline: `Gateway down: ${cause.title}` }), platform: 'linux', now: NOW });
    expect(down[0].label).toBe('Gateway down: nothing answered at the gateway address…');
    expect(findMenuItem(down, 'headline')).toBeUndefined();
    const healthy = buildTrayMenu({ snapshot: snapshot({ state: 'healthy', latencyMs: 23, headline: 'Gateway healthy' }), platform: 'linux', now: NOW });
    expect(healthy[0].label).toBe('Gateway healthy, 23 ms');
    expect(findMenuItem(healthy, 'headline')).toBeUndefined();
    const tls = finding('tls-expired', 'error', 'TLS certificate expired');
    expect(buildTrayMenu({ snapshot: snapshot({ state: 'down', cause: tls }), platform: 'linux', now: NOW })[0].label).toBe('Gateway down: TLS certificate expired');
  });

  it('shows a starting line and disables actions before the first snapshot', () => {
    const menu = buildTrayMenu({ snapshot: null, platform: 'darwin', now: NOW });
    expect(menu[0].label).toBe('Gateway Doctor is starting…');
    expect(item(menu, 'check-now').enabled).toBe(false);
    expect(item(menu, 'use-gateway').enabled).toBe(false);
    expect(item(menu, 'open-dashboard').enabled).toBe(true);
    expect(item(menu, 'quit').enabled).toBe(true);
  });
});

describe('buildTrayMenu: items', () => {
  it('has the documented items in order for a healthy gateway', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ state: 'healthy' }), platform: 'win32', startAtLogin: false, now: NOW });
    expect(labels(menu)).toEqual([
      'Gateway healthy, 182 ms',
      'Check now',
      'Use gateway',
      'Use claude.ai login',
      'Open dashboard',
      'Snooze notifications',
      'Start at login',
      'Quit',
    ]);
    expect(item(menu, 'check-now').action).toEqual({ type: 'check-now' });
    expect(item(menu, 'open-dashboard').action).toEqual({ type: 'open-dashboard' });
    expect(item(menu, 'quit').action).toEqual({ type: 'quit' });
  });

  it('offers the top finding with a Fix… that opens the dashboard at that finding (down)', () => {
    const cause = finding('credential-wrong-header', 'error', 'The gateway wants x-api-key');
    const menu = buildTrayMenu({ snapshot: snapshot({ state: 'down', cause }), platform: 'darwin', now: NOW });
    expect(item(menu, 'top-finding')).toMatchObject({ label: 'Problem: The gateway wants x-api-key', enabled: false });
    expect(item(menu, 'fix-top-finding')).toMatchObject({ label: 'Fix…', enabled: true, action: { type: 'open-dashboard', hash: 'finding=credential-wrong-header' } });
  });

  it('falls back to the first error, then the first warning, when the monitor has no cause (degraded)', () => {
    const warningOnly = buildTrayMenu({ snapshot: snapshot({ state: 'degraded', findings: [finding('info-x', 'info'), finding('slow-gateway', 'warning', 'Slow')] }), platform: 'linux', now: NOW });
    expect(item(warningOnly, 'top-finding').label).toBe('Warning: Slow');
    const withError = buildTrayMenu({ snapshot: snapshot({ state: 'degraded', findings: [finding('slow-gateway', 'warning'), finding('tls-expired', 'error', 'Expired')] }), platform: 'linux', now: NOW });
    expect(item(withError, 'fix-top-finding').action).toEqual({ type: 'open-dashboard', hash: 'finding=tls-expired' });
    const infoOnly = buildTrayMenu({ snapshot: snapshot({ findings: [finding('info-x', 'info')] }), platform: 'linux', now: NOW });
    expect(findMenuItem(infoOnly, 'top-finding')).toBeUndefined();
  });

  it('offline: no latency, Check now still enabled', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ state: 'offline', latencyMs: 50 }), platform: 'linux', now: NOW });
    expect(menu[0].label).toBe('Offline: this machine has no network');
    expect(item(menu, 'check-now').enabled).toBe(true);
  });

  it('unconfigured: Check now disabled and a set-up entry opening the profiles view', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ state: 'unconfigured', latencyMs: null }), platform: 'linux', now: NOW });
    expect(item(menu, 'check-now').enabled).toBe(false);
    expect(item(menu, 'set-up').action).toEqual({ type: 'open-dashboard', hash: 'view=profiles' });
  });

  it('pending: Check now enabled, no finding line', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ state: 'pending', latencyMs: null }), platform: 'linux', now: NOW });
    expect(item(menu, 'check-now').enabled).toBe(true);
    expect(findMenuItem(menu, 'top-finding')).toBeUndefined();
  });
});

describe('buildTrayMenu: mode switching', () => {
  it('no profiles: a disabled placeholder and Manage profiles…', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ profiles: [] }), platform: 'linux', now: NOW });
    const submenu = item(menu, 'use-gateway').submenu ?? [];
    expect(labels(submenu)).toEqual(['No saved profiles', 'Manage profiles…']);
    expect(item(menu, 'no-profiles').enabled).toBe(false);
    expect(item(menu, 'manage-profiles').action).toEqual({ type: 'open-dashboard', hash: 'view=profiles' });
  });

  it('several profiles: a check mark on the active one only; switching opens the preview', () => {
    const menu = buildTrayMenu({
      snapshot: snapshot({ profiles: [profile('work'), profile('lab', 'Lab gateway')], active: { kind: 'gateway', profileId: 'lab', baseUrl: 'https://lab', source: null } }),
      platform: 'darwin',
      now: NOW,
    });
    expect(item(menu, 'use-gateway:work')).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    expect(item(menu, 'use-gateway:lab')).toMatchObject({ label: 'Lab gateway', checked: true, enabled: true });
    expect(item(menu, 'use-claude-login').checked).toBe(false);
    expect(item(menu, 'use-gateway:work').action).toEqual({ type: 'open-dashboard', hash: 'view=profiles&switch=gateway&profile=work' });
  });

  it('claude.ai login active: checked, and no profile checked', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ profiles: [profile('work')], active: { kind: 'claude-login' } }), platform: 'darwin', now: NOW });
    expect(item(menu, 'use-claude-login')).toMatchObject({ checked: true, action: { type: 'open-dashboard', hash: 'view=profiles&switch=claude-login' } });
    expect(item(menu, 'use-gateway:work').checked).toBe(false);
  });

  it('locked managed gateway: switching disabled, with the reason shown', () => {
    const menu = buildTrayMenu({
      snapshot: snapshot({ profiles: [profile('work')], locked: true, lockReason: 'ANTHROPIC_BASE_URL is set in managed-settings.json', active: { kind: 'gateway', profileId: null, baseUrl: 'https://corp', source: null } }),
      platform: 'win32',
      now: NOW,
    });
    expect(item(menu, 'use-gateway').label).toBe('Use gateway (locked)');
    expect(item(menu, 'use-gateway:work').enabled).toBe(false);
    expect(item(menu, 'use-claude-login')).toMatchObject({ label: 'Use claude.ai login (locked)', enabled: false });
    expect(item(menu, 'lock-reason')).toMatchObject({ label: 'Locked: ANTHROPIC_BASE_URL is set in managed-settings.json', enabled: false });
  });

  it('profile ids are URL-encoded in the switch hash', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ profiles: [profile('a b&c')] }), platform: 'linux', now: NOW });
    expect(item(menu, 'use-gateway:a b&c').action).toEqual({ type: 'open-dashboard', hash: 'view=profiles&switch=gateway&profile=a+b%26c' });
  });
});

describe('buildTrayMenu: snooze and login items', () => {
  it('not snoozed: the three presets', () => {
    const menu = buildTrayMenu({ snapshot: snapshot(), platform: 'linux', now: NOW });
    expect(labels(item(menu, 'snooze').submenu ?? [])).toEqual(['1 hour', '4 hours', 'Until tomorrow']);
    expect(item(menu, 'snooze:4h').action).toEqual({ type: 'snooze', preset: '4h' });
    expect(findMenuItem(menu, 'resume-notifications')).toBeUndefined();
  });

  it('snoozed: says until when and offers Resume notifications', () => {
    const until = new Date(NOW + 3600_000);
    const menu = buildTrayMenu({ snapshot: snapshot({ snoozedUntil: until.toISOString() }), platform: 'linux', now: NOW });
    const hhmm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    expect(item(menu, 'snoozed-until').label).toBe(`Notifications snoozed until ${hhmm}`);
    expect(item(menu, 'resume-notifications').action).toEqual({ type: 'resume-notifications' });
  });

  it('an expired snooze counts as not snoozed', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ snoozedUntil: new Date(NOW - 1000).toISOString() }), platform: 'linux', now: NOW });
    expect(findMenuItem(menu, 'resume-notifications')).toBeUndefined();
  });

  it('Start at login is a checkbox mirroring the OS setting, and hidden where unsupported', () => {
    const on = buildTrayMenu({ snapshot: snapshot(), platform: 'darwin', startAtLogin: true, now: NOW });
    expect(item(on, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: true, action: { type: 'toggle-start-at-login', enable: false } });
    const off = buildTrayMenu({ snapshot: snapshot(), platform: 'win32', startAtLogin: false, now: NOW });
    expect(item(off, 'start-at-login').action).toEqual({ type: 'toggle-start-at-login', enable: true });
    const linux = buildTrayMenu({ snapshot: snapshot(), platform: 'linux', startAtLogin: 'unsupported', now: NOW });
    expect(findMenuItem(linux, 'start-at-login')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('snoozeUntil: 1 h, 4 h, and 09:00 local tomorrow', () => {
    expect(snoozeUntil('1h', NOW)).toBe('2025-01-01T11:00:00.000Z');
    expect(snoozeUntil('4h', NOW)).toBe('2025-01-01T14:00:00.000Z');
    const tomorrow = new Date(snoozeUntil('tomorrow', NOW));
    expect(tomorrow.getHours()).toBe(9);
    expect(tomorrow.getMinutes()).toBe(0);
    expect(tomorrow.getTime()).toBeGreaterThan(NOW);
    expect(tomorrow.getTime() - NOW).toBeLessThanOrEqual(48 * 3600_000);
  });

  it('isSnoozed ignores unreadable dates', () => {
    expect(isSnoozed('not a date', NOW)).toBe(false);
    expect(isSnoozed(null, NOW)).toBe(false);
  });

  it('truncateLabel keeps labels to one short line', () => {
    expect(truncateLabel('a\nb')).toBe('a b');
    expect(truncateLabel('x'.repeat(100))).toHaveLength(60);
    expect(truncateLabel(`${'word '.repeat(20)}end`)).toBe(`${'word '.repeat(10)}word…`);
  });

  it('shows the latest error a real Claude Code session hit, and opens the health view', () => {
    const quiet = buildTrayMenu({ snapshot: snapshot(), platform: 'linux', now: NOW });
    expect(findMenuItem(quiet, 'session-error')).toBeUndefined();
    const error = (at: string, title: string, project: string) => ({
      at,
      findingId: 'beta-fields-rejected',
      apiErrorStatus: 400,
      apiErrorType: 'invalid_request_error',
      surface: 'cli',
      project,
      claudeCodeVersion: '2.1.332',
      summary: 'API Error: 400 context_management: Extra inputs are not permitted',
      title,
      fix: 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.',
    });
    const withError = snapshot();
    withError.sessions = {
      enabled: true,
      lastSuccessAt: null,
      lastErrorAt: new Date(NOW - 120_000).toISOString(),
      recentErrors: [error(new Date(NOW - 120_000).toISOString(), 'Beta fields rejected', 'my-repo'), error(new Date(NOW - 600_000).toISOString(), 'Older', 'other')],
      surfaces: {},
    };
    const item = findMenuItem(buildTrayMenu({ snapshot: withError, platform: 'linux', now: NOW }), 'session-error');
    expect(item?.label).toMatch(/^Claude Code hit: Beta fields rejected in my-repo \(cli\), \d\d:\d\d$/);
    expect(item?.action).toEqual({ type: 'open-dashboard', hash: 'view=health' });
  });
});

describe('buildTrayMenu: claude.ai sign-in', () => {
  const signedIn = { loggedIn: true, kind: 'claude.ai' as const, email: 'ada@example.com', orgName: 'Example Org', subscriptionType: 'max', label: 'Signed in as ada@example.com (claude.ai, Example Org)' };

  it('login mode without a saved login offers "Sign in to claude.ai…", opening the dashboard sign-in', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ active: { kind: 'claude-login' }, savedLogin: false }), platform: 'darwin', now: NOW });
    expect(item(menu, 'sign-in')).toMatchObject({ label: 'Sign in to claude.ai…', enabled: true, action: { type: 'open-dashboard', hash: 'view=profiles&signin=claudeai' } });
    const at = labels(menu).indexOf('Sign in to claude.ai…');
    expect(labels(menu)[at - 1]).toBe('Use claude.ai login');
  });

  it('with a login shows "Signed in as …" (and no Sign in)', () => {
    const menu = buildTrayMenu({ snapshot: snapshot({ active: { kind: 'claude-login' }, savedLogin: true, account: signedIn }), platform: 'linux', now: NOW });
    expect(item(menu, 'signed-in-as')).toMatchObject({ label: 'Signed in as ada@example.com (claude.ai, Example Org)', enabled: false });
    expect(findMenuItem(menu, 'sign-in')).toBeUndefined();
  });

  it('a gateway mode or a saved login offers no sign-in; a running sign-in says so', () => {
    expect(findMenuItem(buildTrayMenu({ snapshot: snapshot({ active: { kind: 'gateway', profileId: null, baseUrl: null, source: null } }), platform: 'linux', now: NOW }), 'sign-in')).toBeUndefined();
    expect(findMenuItem(buildTrayMenu({ snapshot: snapshot({ active: { kind: 'claude-login' }, savedLogin: true }), platform: 'linux', now: NOW }), 'sign-in')).toBeUndefined();
    const running = snapshot({ active: { kind: 'claude-login' }, signIn: { phase: 'waiting' } as NonNullable<Parameters<typeof snapshot>[0]>['signIn'] });
    expect(item(buildTrayMenu({ snapshot: running, platform: 'linux', now: NOW }), 'sign-in').label).toBe('Signing in… (finish in the dashboard)');
  });
});
