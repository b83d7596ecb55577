import { makeFinding } from '../diagnosis/make-finding';
import type { Finding, MonitorState, NotifyEvent, Preferences, ProbeReport, StateChangeEvent } from '../types';

/** An outage: from entering `down` until the gateway answers again. */
export interface Outage {
  startedAt: number;
  /** Notifications were snoozed or turned off when it started: it stays silent to the end. */
  silenced: boolean;
  downNotified: boolean;
}

export interface MachineState {
  state: MonitorState;
  since: number;
  /** Consecutive failed checks (down outcomes), reset by any answer. */
  consecutiveFailures: number;
  cause: Finding | null;
  outage: Outage | null;
}

export interface TransitionContext {
  now: number;
  snoozed: boolean;
  prefs: Pick<Preferences, 'failuresBeforeDown' | 'notifications'>;
  /** The latest full probe, so a zero-token liveness success does not hide what only a full probe can see. */
  lastFullProbe: ProbeReport | null;
}

export interface TransitionResult {
  machine: MachineState;
  /** Present only when the state changed. */
  event: StateChangeEvent | null;
}

export function initialMachine(now: number): MachineState {
  return { state: 'pending', since: now, consecutiveFailures: 0, cause: null, outage: null };
}

/**
 * The monitor's state machine and notification policy, pure so every rule is
 * tested without timers.
 *
 * Hysteresis: `failuresBeforeDown` consecutive failures (default 2) move to
 * `down`, so one blip never alerts; until then the previous state holds. One
 * answer (healthy or degraded) recovers.
 *
 * `offline` (this machine has no network) is its own state and never counts
 * as a gateway failure; `unconfigured` means there is nothing to check.
 *
 * Notification policy:
 * 1. An outage starts on entering `down` and ends on the next `healthy` or
 *    `degraded`. Passing through `offline` or `pending` does not end it, so
 *    down → offline → down is one outage and notifies once; entering
 *    `unconfigured` ends it silently (the user removed the gateway).
 * 2. At most one "down" notification per outage, when it starts, if
 *    notifications and onDown are on and the monitor is not snoozed.
 * 3. At most one "recovered" notification per outage, when it ends, if
 *    notifications and onRecovery are on, the monitor is not snoozed now, and
 *    the outage was not silenced (snoozed or notifications off when it
 *    started): a "back" message for a "down" the user never heard of is noise.
 *    So down → offline → healthy gives exactly one "down" and one "recovered".
 * 4. Never a notification on a transition into or out of `offline` as such.
 */
export function applyReport(m: MachineState, report: ProbeReport, ctx: TransitionContext): TransitionResult {
  const { now } = ctx;
  let next: MachineState;
  let notify: NotifyEvent | null = null;

  switch (report.outcome) {
    case 'unconfigured':
      next = { state: 'unconfigured', since: m.since, consecutiveFailures: 0, cause: unconfiguredCause(report), outage: null };
      break;
    case 'offline':
      next = { state: 'offline', since: m.since, consecutiveFailures: 0, cause: pickCause(report, 'offline'), outage: m.outage };
      break;
    case 'healthy':
    case 'degraded': {
      let state: MonitorState = report.outcome;
      let cause = report.outcome === 'degraded' ? pickCause(report, 'degraded') : null;
      // A liveness check cannot see what made the last full probe degraded
      // (beta fields rejected, discovery off...): keep that until the next full probe says otherwise.
      if (report.kind === 'liveness' && state === 'healthy' && ctx.lastFullProbe?.outcome === 'degraded' && m.outage === null && m.state === 'degraded') {
        state = 'degraded';
        cause = m.cause;
      }
      if (m.outage) {
        const o = m.outage;
        const n = ctx.prefs.notifications;
        if (!o.silenced && n.enabled && n.onRecovery && !ctx.snoozed) {
          notify = {
            kind: 'recovered',
            at: iso(now),
            title: 'Gateway is back',
            body: `The gateway answers again after ${formatDuration(now - o.startedAt)}.`,
            findingId: m.cause?.id ?? null,
          };
        }
      }
      next = { state, since: m.since, consecutiveFailures: 0, cause, outage: null };
      break;
    }
    case 'down': {
      const failures = m.consecutiveFailures + 1;
      const cause = pickCause(report, 'down');
      const threshold = Math.max(1, Math.floor(ctx.prefs.failuresBeforeDown || 1));
      if (m.state === 'down') {
        next = { ...m, consecutiveFailures: failures, cause };
      } else if (failures >= threshold) {
        let outage = m.outage;
        if (!outage) {
          const n = ctx.prefs.notifications;
          outage = { startedAt: now, silenced: ctx.snoozed || !n.enabled, downNotified: false };
          if (!outage.silenced && n.onDown) {
            notify = {
              kind: 'down',
              at: iso(now),
              title: 'Gateway down',
              body: cause ? `${cause.title}. ${cause.fix}` : 'The gateway stopped answering.',
              findingId: cause?.id ?? null,
            };
            outage = { ...outage, downNotified: true };
          }
        }
        next = { state: 'down', since: m.since, consecutiveFailures: failures, cause, outage };
      } else {
        // A single blip: remember it, change nothing the user sees.
        next = { ...m, consecutiveFailures: failures };
      }
      break;
    }
    default:
      next = m;
  }

  if (next.state === m.state) return { machine: next, event: null };
  next = { ...next, since: now };
  return {
    machine: next,
    event: { at: iso(now), from: m.state, to: next.state, cause: next.cause, notify },
  };
}

/** Moves to `unconfigured` without a probe (no gateway to check). */
export function markUnconfigured(m: MachineState, now: number): TransitionResult {
  if (m.state === 'unconfigured') return { machine: m, event: null };
  const cause = makeFinding('no-gateway-configured', { detail: 'No gateway base URL or credential is set in any source Claude Code reads.' });
  const machine: MachineState = { state: 'unconfigured', since: now, consecutiveFailures: 0, cause, outage: null };
  return { machine, event: { at: iso(now), from: m.state, to: 'unconfigured', cause, notify: null } };
}

/** One line for the tray tooltip. */
export function headlineFor(m: MachineState): string {
  switch (m.state) {
    case 'pending':
      return 'Checking the gateway…';
    case 'healthy':
      return m.consecutiveFailures > 0 ? 'Gateway healthy (re-checking after a failed check)' : 'Gateway healthy';
    case 'degraded':
      return m.cause ? `Gateway degraded: ${m.cause.title}` : 'Gateway degraded';
    case 'down':
      return m.cause ? `Gateway down: ${m.cause.title}` : 'Gateway down';
    case 'offline':
      return 'Offline: this machine has no network';
    case 'unconfigured':
      return 'No gateway configured';
  }
}

function pickCause(report: ProbeReport, outcome: 'down' | 'degraded' | 'offline'): Finding | null {
  const findings = report.findings ?? [];
  if (outcome === 'offline') {
    return findings.find((f) => f.id === 'offline') ?? makeFinding('offline', { detail: 'No network connection; the gateway will be checked again when it is back.' });
  }
  const wanted = outcome === 'down' ? ['error', 'warning', 'info'] : ['warning', 'error', 'info'];
  for (const severity of wanted) {
    const f = findings.find((x) => x.severity === severity);
    if (f) return f;
  }
  return null;
}

function unconfiguredCause(report: ProbeReport): Finding {
  return (
    report.findings?.find((f) => f.id === 'no-gateway-configured') ??
    makeFinding('no-gateway-configured', { detail: 'No gateway base URL or credential is set in any source Claude Code reads.' })
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** "45 s", "3 min", "2 h 5 min": for notification bodies. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}
