import { makeFinding } from '../diagnosis/make-finding';
import type { Clock } from '../ports';
import type { MonitorSnapshot, NotifyEvent, Preferences, ProbeKind, ProbeReport, StateChangeEvent } from '../types';
import type { HistoryStore } from './history-store';
import { applyReport, headlineFor, initialMachine, markUnconfigured, type MachineState } from './state-machine';
import {
  CONFIG_PROBE_MIN_GAP_MS,
  DAILY_TOKEN_CAP,
  EVENT_TOKEN_ALLOWANCE,
  effectiveFullProbeIntervalMin,
  startOfLocalDay,
} from './token-budget';

export type FullProbeReason = 'config-change' | 'session-error' | 'wake' | 'network-change' | 'on-demand' | 'schedule' | 'start';

export interface MonitorDeps {
  clock: Clock;
  /** Zero-token check (reachability + credential). Must honour the signal. */
  liveness: (signal: AbortSignal) => Promise<ProbeReport>;
  /** The 1-token probe. Must honour the signal. */
  fullProbe: (reason: FullProbeReason, signal: AbortSignal) => Promise<ProbeReport>;
  history: HistoryStore;
  /** Read on every scheduling decision, so preference changes apply at the next check. */
  preferences: () => Preferences;
  /** False when no gateway is configured: the monitor then probes nothing. */
  isConfigured?: () => boolean;
}

export interface ProbeEvent {
  report: ProbeReport;
  /** Why it ran: a full-probe reason, or 'liveness'. */
  reason: FullProbeReason | 'liveness';
  /** A full probe was asked for but the token budget was spent, so a liveness check ran instead. */
  fellBackToLiveness: boolean;
}

export interface MonitorEvents {
  stateChange: StateChangeEvent;
  probe: ProbeEvent;
  notify: NotifyEvent;
}

export interface TokenBudgetStatus {
  spentToday: number;
  eventSpentToday: number;
  cap: number;
  eventAllowance: number;
  /** The schedule interval in use (stretched if the preference would exceed the budget); 0 = off. */
  scheduleIntervalMin: number;
}

export interface Monitor {
  start(): void;
  /** Aborts the check in flight, clears every timer; pending checkNow() calls reject. */
  stop(): void;
  snapshot(): MonitorSnapshot;
  on<E extends keyof MonitorEvents>(event: E, listener: (payload: MonitorEvents[E]) => void): () => void;
  /** Full probe now (joins one already running). Falls back to liveness when the day's budget is spent. */
  checkNow(): Promise<ProbeReport>;
  /** The configuration changed: full probe soon (at most one per minute; liveness meanwhile). */
  configChanged(): void;
  /** A real Claude Code session recorded an API error: full probe now (at most one a minute, from the event pool). */
  sessionError(): void;
  /** The machine woke from sleep (Electron powerMonitor 'resume'). */
  wake(): void;
  /** The network changed (online/offline, new interface). */
  networkChanged(): void;
  /** Snooze notifications until a time (ms since epoch); null un-snoozes. State changes still flow. */
  snooze(untilMs: number | null): void;
  /** Preferences changed: re-plan the timers from now. */
  preferencesChanged(): void;
  /**
   * Runs an on-demand check that may cost up to `maxTokens` (the realistic
   * check), paid from the event pool. Returns null without running it when
   * the pool or the daily cap cannot cover `maxTokens`; otherwise counts the
   * report's tokensSpent and records the run in history. It does not change
   * the monitor's state.
   */
  runOnDemand(maxTokens: number, check: () => Promise<ProbeReport>): Promise<ProbeReport | null>;
  /** Tokens spent since local midnight (persisted through history, so a restart does not reset it). */
  tokensToday(): number;
  tokenBudget(): TokenBudgetStatus;
}

/** Extra time past the probe timeout before the monitor gives up on a probe that ignores its signal. */
export const PROBE_TIMEOUT_MARGIN_MS = 2_000;
/** Backoff ceiling while down (or the liveness interval, if that is longer). */
export const MAX_BACKOFF_MS = 5 * 60_000;
/** After one failed check, confirm quickly instead of waiting a full interval, so a real outage is reported within about one interval. */
export const CONFIRM_DELAY_MS = 2_000;
/** A session in a retry loop writes an error line per attempt: one probe a minute answers them all. */
export const SESSION_ERROR_PROBE_MIN_GAP_MS = 60_000;

const REASON_PRIORITY: Record<FullProbeReason, number> = {
  'on-demand': 6,
  'config-change': 5,
  'session-error': 5,
  wake: 4,
  'network-change': 3,
  start: 2,
  schedule: 1,
};

/** Clamps the liveness interval to the product's bounds (10 s .. 10 min). */
export function livenessIntervalMs(prefs: Pick<Preferences, 'livenessIntervalSec'>): number {
  const sec = Number.isFinite(prefs.livenessIntervalSec) ? prefs.livenessIntervalSec : 30;
  return Math.min(600, Math.max(10, sec)) * 1000;
}

/**
 * The delay before the next liveness check. Healthy: the interval. One
 * unconfirmed failure: a short confirmation delay. Down: exponential backoff
 * (interval × 2^k after k failed re-checks, capped at 5 min), reset by recovery.
 */
export function nextLivenessDelayMs(machine: Pick<MachineState, 'state' | 'consecutiveFailures'>, prefs: Pick<Preferences, 'livenessIntervalSec' | 'failuresBeforeDown'>): number {
  const base = livenessIntervalMs(prefs);
  if (machine.state === 'down') {
    const threshold = Math.max(1, Math.floor(prefs.failuresBeforeDown || 1));
    const recheck = Math.max(0, machine.consecutiveFailures - threshold);
    return Math.min(Math.max(base, MAX_BACKOFF_MS), base * 2 ** Math.min(recheck, 20));
  }
  if (machine.consecutiveFailures > 0) return Math.min(base, CONFIRM_DELAY_MS);
  return base;
}

interface Waiter {
  resolve: (report: ProbeReport) => void;
  reject: (error: Error) => void;
}

interface InFlight {
  kind: 'liveness' | 'full';
  reason: FullProbeReason | 'liveness';
  controller: AbortController;
  waiters: Waiter[];
  fellBack: boolean;
  /** A scheduled slot is part of this request (the schedule must plan its next slot after it). */
  includesSchedule: boolean;
}

/**
 * The engine the tray runs all day: zero-token liveness checks on a timer,
 * the 1-token probe on events and on a schedule, one probe at a time, a state
 * machine with hysteresis (see state-machine.ts for the notification
 * policy), backoff while down, and a hard daily token budget
 * (see token-budget.ts). Time comes from the injected Clock, so all of it
 * runs on a fake clock in tests.
 */
export function createMonitor(deps: MonitorDeps): Monitor {
  const { clock, history } = deps;
  const listeners: { [E in keyof MonitorEvents]: Set<(payload: MonitorEvents[E]) => void> } = {
    stateChange: new Set(),
    probe: new Set(),
    notify: new Set(),
  };

  let running = false;
  let machine: MachineState = initialMachine(clock.now());
  let lastProbe: ProbeReport | null = null;
  let lastFullProbe: ProbeReport | null = null;
  let snoozedUntil: number | null = null;

  let inflight: InFlight | null = null;
  let pendingFull: { reason: FullProbeReason; includesSchedule: boolean; waiters: Waiter[] } | null = null;
  let pendingLiveness = false;

  let livenessTimer: unknown = null;
  let nextLivenessAt: number | null = null;
  let scheduleTimer: unknown = null;
  let deferredConfigTimer: unknown = null;
  let kickTimer: unknown = null;
  let lastConfigProbeRequestAt = Number.NEGATIVE_INFINITY;
  let lastSessionErrorProbeAt = Number.NEGATIVE_INFINITY;

  let budgetDay = startOfLocalDay(clock.now());
  let spentToday = 0;
  let eventSpentToday = 0;
  seedBudgetFromHistory();

  // ---------------------------------------------------------------- helpers

  function prefs(): Preferences {
    return deps.preferences();
  }

  function emit<E extends keyof MonitorEvents>(event: E, payload: MonitorEvents[E]): void {
    for (const fn of [...listeners[event]]) {
      try {
        fn(payload);
      } catch {
        // A listener's failure must never stop the monitor.
      }
    }
  }

  function isSnoozed(): boolean {
    return snoozedUntil !== null && clock.now() < snoozedUntil;
  }

  function rollBudgetDay(): void {
    const today = startOfLocalDay(clock.now());
    if (today !== budgetDay) {
      budgetDay = today;
      spentToday = 0;
      eventSpentToday = 0;
    }
  }

  /** A restart must not reset the day's spend: count today's full probes from history (1 token each). */
  function seedBudgetFromHistory(): void {
    try {
      for (const e of history.entries(budgetDay)) {
        if (e.kind !== 'liveness') {
          const tokens = e.tokens ?? 1;
          spentToday += tokens;
          eventSpentToday += tokens;
        }
      }
      // We cannot tell scheduled from event probes after a restart: count them
      // against the event pool (the stricter one), bounded by its size.
      eventSpentToday = Math.min(eventSpentToday, EVENT_TOKEN_ALLOWANCE);
    } catch {
      // History is best-effort.
    }
  }

  function fullProbeAllowed(reason: FullProbeReason): boolean {
    rollBudgetDay();
    if (spentToday + 1 > DAILY_TOKEN_CAP) return false;
    if (reason === 'schedule') return true;
    return eventSpentToday + 1 <= EVENT_TOKEN_ALLOWANCE;
  }

  function clearTimer(handle: unknown): null {
    if (handle !== null) clock.clearTimeout(handle);
    return null;
  }

  function isConfigured(): boolean {
    try {
      return deps.isConfigured ? deps.isConfigured() : true;
    } catch {
      return true;
    }
  }

  function transitionTo(result: { machine: MachineState; event: StateChangeEvent | null }): void {
    machine = result.machine;
    if (result.event) {
      emit('stateChange', result.event);
      if (result.event.notify) emit('notify', result.event.notify);
    }
  }

  // ------------------------------------------------------------- scheduling

  function scheduleLiveness(delayMs: number): void {
    livenessTimer = clearTimer(livenessTimer);
    if (!running) return;
    nextLivenessAt = clock.now() + delayMs;
    livenessTimer = clock.setTimeout(() => {
      livenessTimer = null;
      nextLivenessAt = null;
      requestLiveness();
    }, delayMs);
  }

  function scheduleFullProbe(): void {
    scheduleTimer = clearTimer(scheduleTimer);
    if (!running) return;
    const intervalMin = effectiveFullProbeIntervalMin(prefs());
    if (intervalMin === 0) return;
    scheduleTimer = clock.setTimeout(() => {
      scheduleTimer = null;
      void requestFull('schedule').catch(() => undefined);
    }, intervalMin * 60_000);
  }

  /** Runs the queue on the next turn, so several requests in one tick become one probe. */
  function kick(): void {
    if (!running || kickTimer !== null) return;
    kickTimer = clock.setTimeout(() => {
      kickTimer = null;
      pump();
    }, 0);
  }

  function requestLiveness(): void {
    if (!running) return;
    pendingLiveness = true;
    kick();
  }

  function requestFull(reason: FullProbeReason): Promise<ProbeReport> {
    if (!running) return Promise.reject(new Error('The monitor is not running.'));
    return new Promise<ProbeReport>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (pendingFull) {
        pendingFull.waiters.push(waiter);
        if (REASON_PRIORITY[reason] > REASON_PRIORITY[pendingFull.reason]) pendingFull.reason = reason;
        if (reason === 'schedule') pendingFull.includesSchedule = true;
      } else {
        pendingFull = { reason, includesSchedule: reason === 'schedule', waiters: [waiter] };
      }
      kick();
    });
  }

  // ---------------------------------------------------------------- running

  function pump(): void {
    if (!running || inflight) return;
    if (!isConfigured()) {
      const waiters = pendingFull?.waiters ?? [];
      pendingFull = null;
      pendingLiveness = false;
      transitionTo(markUnconfigured(machine, clock.now()));
      const report = unconfiguredReport(clock.now());
      for (const w of waiters) w.resolve(report);
      scheduleLiveness(livenessIntervalMs(prefs()));
      return;
    }
    if (pendingFull) {
      const { reason, includesSchedule, waiters } = pendingFull;
      pendingFull = null;
      pendingLiveness = false; // the full probe answers the liveness question too
      // Pay from the event pool for the most urgent reason; a scheduled slot
      // merged into the request can pay from the schedule's pool instead.
      if (fullProbeAllowed(reason)) run('full', reason, waiters, false, includesSchedule);
      else if (includesSchedule && fullProbeAllowed('schedule')) run('full', 'schedule', waiters, false, true);
      else run('liveness', reason, waiters, true, includesSchedule);
      return;
    }
    if (pendingLiveness) {
      pendingLiveness = false;
      run('liveness', 'liveness', [], false, false);
    }
  }

  function run(kind: 'liveness' | 'full', reason: FullProbeReason | 'liveness', waiters: Waiter[], fellBack: boolean, includesSchedule: boolean): void {
    const controller = new AbortController();
    const flight: InFlight = { kind, reason, controller, waiters, fellBack, includesSchedule };
    inflight = flight;
    const p = prefs();
    const timeoutMs = Math.max(1_000, p.probeTimeoutMs || 10_000) + PROBE_TIMEOUT_MARGIN_MS;
    const startedAt = clock.now();
    let settled = false;

    const settle = (report: ProbeReport): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      if (inflight !== flight) return; // stopped meanwhile: waiters were rejected by stop()
      inflight = null;
      handleReport(flight, report);
      pump();
    };

    const timer = clock.setTimeout(() => {
      controller.abort(new Error('probe timeout'));
      settle(timeoutReport(kind, startedAt, clock.now(), timeoutMs));
    }, timeoutMs);

    let promise: Promise<ProbeReport>;
    try {
      promise = kind === 'full' ? deps.fullProbe(reason as FullProbeReason, controller.signal) : deps.liveness(controller.signal);
    } catch {
      promise = Promise.reject(new Error('probe threw'));
    }
    promise.then(
      (report) => settle(isReport(report) ? report : errorReport(kind, startedAt, clock.now())),
      () => settle(controller.signal.aborted ? timeoutReport(kind, startedAt, clock.now(), timeoutMs) : errorReport(kind, startedAt, clock.now())),
    );
  }

  function handleReport(flight: InFlight, report: ProbeReport): void {
    const now = clock.now();
    if (flight.kind === 'full') {
      rollBudgetDay();
      const spent = Math.max(0, Number(report.tokensSpent) || 0);
      spentToday += spent;
      if (flight.reason !== 'schedule') eventSpentToday += spent;
      lastFullProbe = report;
    }
    lastProbe = report;
    try {
      history.append({
        at: new Date(now).toISOString(),
        kind: report.kind,
        outcome: report.outcome,
        latencyMs: report.outcome === 'healthy' || report.outcome === 'degraded' ? Math.round(report.timings?.totalMs ?? 0) : null,
        findingIds: (report.findings ?? []).map((f) => f.id),
      });
    } catch {
      // History is best-effort.
    }
    transitionTo(applyReport(machine, report, { now, snoozed: isSnoozed(), prefs: prefs(), lastFullProbe }));
    emit('probe', { report, reason: flight.reason, fellBackToLiveness: flight.fellBack });
    for (const w of flight.waiters) w.resolve(report);
    // A real full probe restarts the schedule (no need for another so soon);
    // a scheduled slot that fell back to liveness must still plan the next one.
    if (flight.kind === 'full' || flight.includesSchedule) scheduleFullProbe();
    scheduleLiveness(nextLivenessDelayMs(machine, prefs()));
  }

  // ------------------------------------------------------------------ API

  return {
    start(): void {
      if (running) return;
      running = true;
      scheduleFullProbe();
      void requestFull('start').catch(() => undefined);
    },

    stop(): void {
      if (!running) return;
      running = false;
      livenessTimer = clearTimer(livenessTimer);
      scheduleTimer = clearTimer(scheduleTimer);
      deferredConfigTimer = clearTimer(deferredConfigTimer);
      kickTimer = clearTimer(kickTimer);
      nextLivenessAt = null;
      const stopped = new Error('The monitor stopped before the check finished.');
      if (inflight) {
        inflight.controller.abort(stopped);
        for (const w of inflight.waiters) w.reject(stopped);
        inflight = null;
      }
      if (pendingFull) for (const w of pendingFull.waiters) w.reject(stopped);
      pendingFull = null;
      pendingLiveness = false;
    },

    snapshot(): MonitorSnapshot {
      return {
        state: machine.state,
        since: new Date(machine.since).toISOString(),
        lastProbe,
        lastFullProbe,
        consecutiveFailures: machine.consecutiveFailures,
        nextCheckAt: nextLivenessAt === null ? null : new Date(nextLivenessAt).toISOString(),
        snoozedUntil: isSnoozed() && snoozedUntil !== null ? new Date(snoozedUntil).toISOString() : null,
        cause: machine.cause,
        headline: headlineFor(machine),
      };
    },

    on(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    checkNow(): Promise<ProbeReport> {
      if (running && inflight && inflight.kind === 'full') {
        const flight = inflight;
        return new Promise((resolve, reject) => flight.waiters.push({ resolve, reject }));
      }
      return requestFull('on-demand');
    },

    configChanged(): void {
      if (!running) return;
      const now = clock.now();
      const earliest = lastConfigProbeRequestAt + CONFIG_PROBE_MIN_GAP_MS;
      if (now >= earliest) {
        lastConfigProbeRequestAt = now;
        void requestFull('config-change').catch(() => undefined);
        return;
      }
      // Rate-capped: a zero-token check now, and one full probe when the minute is up.
      requestLiveness();
      if (deferredConfigTimer === null) {
        deferredConfigTimer = clock.setTimeout(() => {
          deferredConfigTimer = null;
          lastConfigProbeRequestAt = clock.now();
          void requestFull('config-change').catch(() => undefined);
        }, earliest - now);
      }
    },

    sessionError(): void {
      if (!running) return;
      const now = clock.now();
      if (now < lastSessionErrorProbeAt + SESSION_ERROR_PROBE_MIN_GAP_MS) return;
      lastSessionErrorProbeAt = now;
      void requestFull('session-error').catch(() => undefined);
    },

    wake(): void {
      if (running) void requestFull('wake').catch(() => undefined);
    },

    networkChanged(): void {
      if (running) void requestFull('network-change').catch(() => undefined);
    },

    snooze(untilMs: number | null): void {
      snoozedUntil = untilMs === null || !Number.isFinite(untilMs) ? null : untilMs;
    },

    preferencesChanged(): void {
      if (!running) return;
      scheduleFullProbe();
      if (!inflight) scheduleLiveness(nextLivenessDelayMs(machine, prefs()));
    },

    async runOnDemand(maxTokens: number, check: () => Promise<ProbeReport>): Promise<ProbeReport | null> {
      rollBudgetDay();
      const cost = Math.max(0, Math.ceil(maxTokens));
      if (spentToday + cost > DAILY_TOKEN_CAP || eventSpentToday + cost > EVENT_TOKEN_ALLOWANCE) return null;
      // Reserve first, so a full probe starting meanwhile cannot spend the same tokens.
      spentToday += cost;
      eventSpentToday += cost;
      const reservedDay = budgetDay;
      let spent = cost;
      try {
        const report = await check();
        spent = Math.min(cost, Math.max(0, Number(report.tokensSpent) || 0));
        try {
          history.append({ at: new Date(clock.now()).toISOString(), kind: report.kind, outcome: report.outcome, latencyMs: null, findingIds: (report.findings ?? []).map((f) => f.id), tokens: spent });
        } catch {
          // History is best-effort.
        }
        return report;
      } finally {
        // Settle the reservation to what the answer cost (all of it if the check failed to report);
        // past midnight the counters were reset and there is nothing to settle.
        rollBudgetDay();
        if (budgetDay === reservedDay) {
          spentToday -= cost - spent;
          eventSpentToday -= cost - spent;
        }
      }
    },

    tokensToday(): number {
      rollBudgetDay();
      return spentToday;
    },

    tokenBudget(): TokenBudgetStatus {
      rollBudgetDay();
      return {
        spentToday,
        eventSpentToday,
        cap: DAILY_TOKEN_CAP,
        eventAllowance: EVENT_TOKEN_ALLOWANCE,
        scheduleIntervalMin: effectiveFullProbeIntervalMin(prefs()),
      };
    },
  };
}

// --------------------------------------------------------- synthetic reports

function isReport(value: unknown): value is ProbeReport {
  return !!value && typeof value === 'object' && typeof (value as ProbeReport).outcome === 'string';
}

function baseReport(kind: ProbeKind, startedAt: number, now: number): ProbeReport {
  return {
    kind,
    at: new Date(startedAt).toISOString(),
    outcome: 'down',
    stages: { reachable: 'unknown', authenticated: 'unknown', modelAnswers: 'unknown' },
    httpStatus: null,
    method: '',
    url: '',
    headersSent: [],
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: Math.max(0, now - startedAt) },
    tls: null,
    errorCode: null,
    gatewayMessage: null,
    models: [],
    modelDiscovery: { enabled: false, attempted: false, ok: false, detail: 'not attempted' },
    tokensSpent: 0,
    findings: [],
  };
}

/** The probe did not settle within its timeout (+ margin): the gateway did not answer in time. */
function timeoutReport(kind: 'liveness' | 'full', startedAt: number, now: number, timeoutMs: number): ProbeReport {
  return {
    ...baseReport(kind === 'full' ? 'message' : 'liveness', startedAt, now),
    errorCode: 'MONITOR_TIMEOUT',
    findings: [makeFinding('gateway-timeout', { detail: `The check got no answer within ${Math.round(timeoutMs / 1000)} s.` })],
  };
}

/**
 * The probe function itself failed (a bug, not an answer). Counted as a
 * failed check so the monitor never reports "healthy" on no evidence; the
 * error text is not kept, since it could hold a secret.
 */
function errorReport(kind: 'liveness' | 'full', startedAt: number, now: number): ProbeReport {
  return { ...baseReport(kind === 'full' ? 'message' : 'liveness', startedAt, now), errorCode: 'PROBE_ERROR' };
}

function unconfiguredReport(now: number): ProbeReport {
  return {
    ...baseReport('liveness', now, now),
    outcome: 'unconfigured',
    stages: { reachable: 'skipped', authenticated: 'skipped', modelAnswers: 'skipped' },
    findings: [makeFinding('no-gateway-configured', { detail: 'No gateway base URL or credential is set in any source Claude Code reads.' })],
  };
}
