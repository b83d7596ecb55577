/**
 * The tray menu as a pure function of the state, so every state is unit
 * tested without Electron. The result is plain data; tray-menu-adapter.ts
 * turns it into an Electron Menu and dispatches the `action` of a clicked item.
 *
 * Switching mode from the menu never applies silently: it opens the dashboard
 * on the profiles view with the switch preview requested
 * (`#view=profiles&switch=gateway&profile=<id>` or
 * `#view=profiles&switch=claude-login`), where the user sees the diff and the
 * consequences before anything is written. A renderer that does not know the
 * `switch` parameter still lands on the profiles view.
 */
import type { DashboardSnapshot, Finding, Platform } from '../../core/types';
import { findingHash, PROFILES_HASH, SIGN_IN_HASH, switchHash, viewHash } from '../../shared/deep-link';
import { isSignInRunning } from '../../shared/sign-in-phase';
import { STATE_SENTENCES } from '../../shared/state-words';

export type SnoozePreset = '1h' | '4h' | 'tomorrow';

export type TrayAction =
  | { type: 'check-now' }
  | { type: 'open-dashboard'; hash?: string }
  | { type: 'snooze'; preset: SnoozePreset }
  | { type: 'resume-notifications' }
  | { type: 'toggle-start-at-login'; enable: boolean }
  | { type: 'quit' };

export interface MenuItemSpec {
  /** Stable id, for tests and for the adapter's lookups. */
  id: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemSpec[];
  action?: TrayAction;
}

export interface TrayMenuState {
  /** Null until the service has produced its first snapshot. */
  snapshot: DashboardSnapshot | null;
  platform: Platform;
  /** The OS login-item setting; 'unsupported' where Electron cannot set it (Linux). */
  startAtLogin?: boolean | 'unsupported';
  /** For "snoozed until"; defaults to the current time. */
  now?: number;
}

/** "Nothing answered…" → "nothing answered…", but "TLS…" stays. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/**
 * Menu labels stay one short line; macOS and GNOME otherwise widen the menu to
 * the screen. Cut at a word boundary when one is near, so the label still reads.
 */
export function truncateLabel(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space >= max - 16 ? cut.slice(0, space).replace(/[\s,:;(-]+$/, '') : cut}…`;
}

/** Whether notifications are snoozed at `now`. An unreadable date counts as not snoozed. */
export function isSnoozed(snoozedUntil: string | null | undefined, now: number): boolean {
  if (!snoozedUntil) return false;
  const until = Date.parse(snoozedUntil);
  return Number.isFinite(until) && until > now;
}

/** "14:05" in local time, or "Tue 09:00" when not today. */
function formatClock(iso: string, now: number): string {
  const at = new Date(iso);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const today = new Date(now);
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? hhmm : `${at.toLocaleDateString('en-US', { weekday: 'short' })} ${hhmm}`;
}

/** The ISO time a snooze preset ends at; "until tomorrow" means 09:00 local tomorrow. */
export function snoozeUntil(preset: SnoozePreset, now: number): string {
  if (preset === '1h') return new Date(now + 60 * 60_000).toISOString();
  if (preset === '4h') return new Date(now + 4 * 60 * 60_000).toISOString();
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return tomorrow.toISOString();
}

/** The tray's status line and tooltip before the service's first snapshot. */
export const STARTING_LINE = 'Gateway Doctor is starting…';

/**
 * The status line: "Gateway healthy, 182 ms" (latency of the last probe), or
 * "Gateway down: nothing answered at the gateway address…" (the cause).
 */
function statusLine(snapshot: DashboardSnapshot | null): string {
  if (!snapshot) return STARTING_LINE;
  const { monitor } = snapshot;
  const sentence = STATE_SENTENCES[monitor.state];
  if (monitor.state === 'down') return monitor.cause ? `${sentence}: ${lowerFirst(monitor.cause.title)}` : sentence;
  const latency = monitor.lastProbe && (monitor.state === 'healthy' || monitor.state === 'degraded') ? monitor.lastProbe.timings.totalMs : null;
  return latency === null ? sentence : `${sentence}, ${Math.round(latency)} ms`;
}

/** The headline adds a line only when it says more than the status line. */
function headlineAddsSomething(headline: string, status: string): boolean {
  const h = headline.trim().toLowerCase();
  return h !== '' && !status.toLowerCase().startsWith(h) && !h.startsWith(status.toLowerCase());
}

/**
 * The finding the menu offers to fix: the monitor's cause, else the first
 * error, else the first warning. Info findings are not worth a menu line.
 */
function topFinding(snapshot: DashboardSnapshot | null): Finding | null {
  if (!snapshot) return null;
  if (snapshot.monitor.cause) return snapshot.monitor.cause;
  const findings = snapshot.status.findings;
  return findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warning') ?? null;
}

/**
 * The latest API error a real Claude Code session hit, as one menu line
 * ("Claude Code: Gateway rejected … in my-repo (cli), 14:05"), or null.
 */
function latestSessionErrorLine(snapshot: DashboardSnapshot | null, now: number): string | null {
  const latest = (snapshot?.sessions ?? snapshot?.status.sessions)?.recentErrors[0];
  if (!latest) return null;
  const what = latest.title ?? latest.summary;
  return truncateLabel(`Claude Code hit: ${what} in ${latest.project} (${latest.surface}), ${formatClock(latest.at, now)}`, 80);
}

const separator = (id: string): MenuItemSpec => ({ id, type: 'separator' });

function modeItems(snapshot: DashboardSnapshot | null): MenuItemSpec[] {
  if (!snapshot) {
    return [
      { id: 'use-gateway', type: 'submenu', label: 'Use gateway', enabled: false, submenu: [] },
      { id: 'use-claude-login', type: 'checkbox', label: 'Use claude.ai login', enabled: false, checked: false },
    ];
  }
  const { mode, profiles } = snapshot;
  const locked = mode.locked;
  const active = mode.active;
  const profileItems: MenuItemSpec[] = profiles.map((p) => ({
    id: `use-gateway:${p.id}`,
    type: 'checkbox',
    label: truncateLabel(p.name),
    checked: active.kind === 'gateway' && active.profileId === p.id,
    enabled: !locked,
    action: { type: 'open-dashboard', hash: switchHash('gateway', p.id) },
  }));
  if (profileItems.length === 0) {
    profileItems.push({ id: 'no-profiles', label: 'No saved profiles', enabled: false });
  }
  profileItems.push(separator('profiles-sep'), {
    id: 'manage-profiles',
    label: 'Manage profiles…',
    enabled: true,
    action: { type: 'open-dashboard', hash: PROFILES_HASH },
  });
  const lockedSuffix = locked ? ' (locked)' : '';
  const items: MenuItemSpec[] = [
    { id: 'use-gateway', type: 'submenu', label: `Use gateway${lockedSuffix}`, enabled: true, submenu: profileItems },
    {
      id: 'use-claude-login',
      type: 'checkbox',
      label: `Use claude.ai login${lockedSuffix}`,
      checked: active.kind === 'claude-login',
      enabled: !locked,
      action: { type: 'open-dashboard', hash: switchHash('claude-login') },
    },
  ];
  items.push(...accountItems(snapshot));
  if (locked) {
    items.push({ id: 'lock-reason', label: truncateLabel(`Locked: ${mode.lockReason ?? 'set by your organization’s managed settings'}`), enabled: false });
  }
  return items;
}

/**
 * "Signed in as …" when Claude Code reports a claude.ai (or Console) login;
 * "Sign in to claude.ai…" in login mode when no login is saved (it opens the
 * dashboard's sign-in, where the code field is).
 */
function accountItems(snapshot: DashboardSnapshot): MenuItemSpec[] {
  const account = snapshot.account;
  if (account && (account.kind === 'claude.ai' || account.kind === 'console')) {
    return [{ id: 'signed-in-as', label: truncateLabel(account.label), enabled: false }];
  }
  const action: TrayAction = { type: 'open-dashboard', hash: SIGN_IN_HASH };
  if (snapshot.signIn && isSignInRunning(snapshot.signIn.phase)) return [{ id: 'sign-in', label: 'Signing in… (finish in the dashboard)', enabled: true, action }];
  if (snapshot.mode.active.kind === 'claude-login' && !snapshot.status.savedLogin?.present) {
    return [{ id: 'sign-in', label: 'Sign in to claude.ai…', enabled: !snapshot.mode.locked, action }];
  }
  return [];
}

function snoozeItems(snapshot: DashboardSnapshot | null, now: number): MenuItemSpec[] {
  const until = snapshot?.monitor.snoozedUntil ?? null;
  const presets: MenuItemSpec[] = [
    { id: 'snooze:1h', label: '1 hour', enabled: true, action: { type: 'snooze', preset: '1h' } },
    { id: 'snooze:4h', label: '4 hours', enabled: true, action: { type: 'snooze', preset: '4h' } },
    { id: 'snooze:tomorrow', label: 'Until tomorrow', enabled: true, action: { type: 'snooze', preset: 'tomorrow' } },
  ];
  if (until && isSnoozed(until, now)) {
    return [
      { id: 'snoozed-until', label: `Notifications snoozed until ${formatClock(until, now)}`, enabled: false },
      { id: 'resume-notifications', label: 'Resume notifications', enabled: true, action: { type: 'resume-notifications' } },
      { id: 'snooze', type: 'submenu', label: 'Snooze notifications', enabled: true, submenu: presets },
    ];
  }
  return [{ id: 'snooze', type: 'submenu', label: 'Snooze notifications', enabled: snapshot !== null, submenu: presets }];
}

/** Builds the whole tray menu for a state. Pure: same input, same menu. */
export function buildTrayMenu(state: TrayMenuState): MenuItemSpec[] {
  const { snapshot, platform } = state;
  const now = state.now ?? Date.now();
  const status = statusLine(snapshot);
  const items: MenuItemSpec[] = [{ id: 'status', label: truncateLabel(status), enabled: false }];
  if (snapshot && headlineAddsSomething(snapshot.monitor.headline, status)) {
    items.push({ id: 'headline', label: truncateLabel(snapshot.monitor.headline), enabled: false });
  }
  const sessionLine = latestSessionErrorLine(snapshot, now);
  if (sessionLine) {
    items.push({ id: 'session-error', label: sessionLine, enabled: true, action: { type: 'open-dashboard', hash: viewHash('health') } });
  }
  items.push(
    { id: 'check-now', label: 'Check now', enabled: snapshot !== null && snapshot.monitor.state !== 'unconfigured', action: { type: 'check-now' } },
    separator('sep-mode'),
    ...modeItems(snapshot),
    separator('sep-dashboard'),
    { id: 'open-dashboard', label: 'Open dashboard', enabled: true, action: { type: 'open-dashboard' } },
  );
  const finding = topFinding(snapshot);
  if (finding) {
    items.push(
      { id: 'top-finding', label: truncateLabel(`${finding.severity === 'error' ? 'Problem' : 'Warning'}: ${finding.title}`), enabled: false },
      { id: 'fix-top-finding', label: 'Fix…', enabled: true, action: { type: 'open-dashboard', hash: findingHash(finding.id) } },
    );
  } else if (snapshot?.monitor.state === 'unconfigured') {
    items.push({ id: 'set-up', label: 'Set up a gateway…', enabled: true, action: { type: 'open-dashboard', hash: PROFILES_HASH } });
  }
  items.push(separator('sep-snooze'), ...snoozeItems(snapshot, now), separator('sep-app'));
  const login = state.startAtLogin ?? false;
  if (login !== 'unsupported') {
    items.push({ id: 'start-at-login', type: 'checkbox', label: 'Start at login', enabled: true, checked: login, action: { type: 'toggle-start-at-login', enable: !login } });
  }
  items.push({ id: 'quit', label: platform === 'darwin' ? 'Quit Gateway Doctor' : 'Quit', enabled: true, action: { type: 'quit' } });
  return items;
}

/** Finds an item anywhere in a menu by id (tests and the adapter use it). */
export function findMenuItem(items: MenuItemSpec[], id: string): MenuItemSpec | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu && findMenuItem(item.submenu, id);
    if (inner) return inner;
  }
  return undefined;
}
