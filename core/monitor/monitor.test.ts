import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFinding } from '../diagnosis/make-finding';
import { DEFAULT_PREFERENCES } from '../preferences';
import { makeProbeReport } from '../testing/fixtures';
import type { NotifyEvent, Outcome, Preferences, ProbeKind, ProbeReport, StateChangeEvent } from '../types';
import { FakeClock } from '../testing/fixtures';
import { createHistoryStore, type HistoryStore } from './history-store';
import { createMonitor, nextLivenessDelayMs, type FullProbeReason, type Monitor } from './monitor';
import { DAILY_TOKEN_CAP, dailyTokenBudget, effectiveFullProbeIntervalMin } from './token-budget';

const DEFAULTS: Preferences = structuredClone(DEFAULT_PREFERENCES);

function report(kind: ProbeKind, outcome: Outcome, tokensSpent = 0): ProbeReport {
  const findings =
    outcome === 'down'
      ? [makeFinding('gateway-refused', { detail: 'Nothing answered at http://127.0.0.1:1.' })]
      : outcome === 'degraded'
        ? [makeFinding('slow-gateway', { detail: 'Slow.' })]
        : outcome === 'offline'
          ? [makeFinding('offline', { detail: 'No network.' })]
          : [];
  return makeProbeReport({
    kind,
    outcome,
    stages: { reachable: 'pass', authenticated: 'pass', modelAnswers: kind === 'liveness' ? 'skipped' : 'pass' },
    httpStatus: outcome === 'healthy' ? 200 : null,
    method: kind === 'liveness' ? 'GET' : 'POST',
    headersSent: ['authorization'],
    timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 5, totalMs: 12 },
    errorCode: outcome === 'down' ? 'ECONNREFUSED' : null,
    tokensSpent,
    findings,
  });
}

/** A scripted gateway: what it answers, how long it takes, and who asked. */
class FakeGateway {
  outcome: Outcome = 'healthy';
  delayMs = 0;
  /** When true, probes ignore their AbortSignal and never settle. */
  hang = false;
  active = 0;
  maxActive = 0;
  livenessCalls: number[] = [];
  fullCalls: Array<{ at: number; reason: FullProbeReason }> = [];
  signals: AbortSignal[] = [];

  constructor(private readonly clock: FakeClock) {}

  liveness = (signal: AbortSignal): Promise<ProbeReport> => {
    this.livenessCalls.push(this.clock.now());
    return this.answer('liveness', 0, signal);
  };

  fullProbe = (reason: FullProbeReason, signal: AbortSignal): Promise<ProbeReport> => {
    this.fullCalls.push({ at: this.clock.now(), reason });
    return this.answer('message', 1, signal);
  };

  private answer(kind: ProbeKind, tokens: number, signal: AbortSignal): Promise<ProbeReport> {
    this.signals.push(signal);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    const outcome = this.outcome;
    if (this.hang) return new Promise(() => undefined);
    return new Promise((resolve, reject) => {
      const done = () => {
        this.active--;
        resolve(report(kind, outcome, outcome === 'healthy' || outcome === 'degraded' ? tokens : 0));
      };
      let timer: unknown = null;
      signal.addEventListener('abort', () => {
        if (timer !== null) this.clock.clearTimeout(timer);
        this.active--;
        reject(new Error('aborted'));
      });
      if (this.delayMs === 0) queueMicrotask(done);
      else timer = this.clock.setTimeout(done, this.delayMs);
    });
  }
}

let dir: string;
let clock: FakeClock;
let gateway: FakeGateway;
let history: HistoryStore;
let prefs: Preferences;
let monitor: Monitor;
let changes: StateChangeEvent[];
let notes: NotifyEvent[];
let configured: boolean;

function build(): Monitor {
  const m = createMonitor({
    clock,
    liveness: gateway.liveness,
    fullProbe: gateway.fullProbe,
    history,
    preferences: () => prefs,
    isConfigured: () => configured,
  });
  m.on('stateChange', (e) => changes.push(e));
  m.on('notify', (n) => notes.push(n));
  return m;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gd-monitor-'));
  // Local midnight, so "a simulated day" is one calendar day of the budget.
  clock = new FakeClock(new Date(2025, 0, 15, 0, 0, 0, 0).getTime());
  gateway = new FakeGateway(clock);
  history = createHistoryStore({ dir, clock });
  prefs = structuredClone(DEFAULTS);
  changes = [];
  notes = [];
  configured = true;
  monitor = build();
});

afterEach(() => {
  monitor.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SEC = 1000;
const MIN = 60 * SEC;

describe('state machine with hysteresis', () => {
  it('starts pending, then healthy after the start probe', async () => {
    expect(monitor.snapshot().state).toBe('pending');
    monitor.start();
    await clock.flush();
    expect(gateway.fullCalls.map((c) => c.reason)).toEqual(['start']);
    expect(monitor.snapshot().state).toBe('healthy');
    expect(changes.map((c) => [c.from, c.to, c.notify])).toEqual([['pending', 'healthy', null]]);
  });

  it('ignores a single failed check (no state change, no notification)', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(30 * SEC); // one failed liveness check
    expect(monitor.snapshot().consecutiveFailures).toBe(1);
    gateway.outcome = 'healthy';
    await clock.advance(5 * MIN);
    expect(monitor.snapshot().state).toBe('healthy');
    expect(changes.map((c) => c.to)).toEqual(['healthy']);
    expect(notes).toEqual([]);
  });

  it('two consecutive failures give exactly one "down" notification, recovery exactly one "recovered"', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(20 * MIN); // many failed checks
    expect(monitor.snapshot().state).toBe('down');
    expect(notes.map((n) => n.kind)).toEqual(['down']);
    expect(notes[0].findingId).toBe('gateway-refused');
    const down = changes.find((c) => c.to === 'down');
    expect(down?.cause?.id).toBe('gateway-refused');
    expect(down?.notify?.kind).toBe('down');

    gateway.outcome = 'healthy';
    await clock.advance(10 * MIN);
    expect(monitor.snapshot().state).toBe('healthy');
    expect(notes.map((n) => n.kind)).toEqual(['down', 'recovered']);
    expect(changes.map((c) => c.to)).toEqual(['healthy', 'down', 'healthy']);
  });

  it('reports a real outage within about one interval (a quick confirmation after the first failure)', async () => {
    monitor.start();
    await clock.flush();
    const stoppedAt = clock.now() + 1;
    await clock.advance(1);
    gateway.outcome = 'down';
    await clock.advance(35 * SEC);
    const down = changes.find((c) => c.to === 'down');
    expect(down).toBeDefined();
    expect(Date.parse(down!.at) - stoppedAt).toBeLessThanOrEqual(30 * SEC + DEFAULTS.probeTimeoutMs);
  });

  it('a degraded answer counts as up and recovers from down', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    gateway.outcome = 'degraded';
    await clock.advance(10 * MIN);
    expect(monitor.snapshot().state).toBe('degraded');
    expect(monitor.snapshot().cause?.id).toBe('slow-gateway');
    expect(notes.map((n) => n.kind)).toEqual(['down', 'recovered']);
  });

  it('respects failuresBeforeDown from preferences', async () => {
    prefs.failuresBeforeDown = 3;
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(30 * SEC + 2 * SEC); // 2 failures
    expect(monitor.snapshot().state).toBe('healthy');
    await clock.advance(2 * SEC); // 3rd
    expect(monitor.snapshot().state).toBe('down');
  });
});

describe('backoff while down', () => {
  it('doubles the liveness interval up to 5 minutes and resets on recovery', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(40 * MIN);
    const downAt = Date.parse(changes.find((c) => c.to === 'down')!.at);
    const after = gateway.livenessCalls.filter((t) => t > downAt);
    const gaps = after.map((t, i) => (i === 0 ? t - downAt : t - after[i - 1]));
    expect(gaps.slice(0, 6)).toEqual([30 * SEC, 60 * SEC, 120 * SEC, 240 * SEC, 300 * SEC, 300 * SEC]);

    gateway.outcome = 'healthy';
    await clock.advance(6 * MIN);
    const recoveredAt = Date.parse(changes.find((c) => c.to === 'healthy' && c.from === 'down')!.at);
    const later = gateway.livenessCalls.filter((t) => t > recoveredAt);
    expect(later[1] - later[0]).toBe(30 * SEC);
  });

  it('computes delays as a pure function', () => {
    const p = { livenessIntervalSec: 30, failuresBeforeDown: 2 };
    expect(nextLivenessDelayMs({ state: 'healthy', consecutiveFailures: 0 }, p)).toBe(30 * SEC);
    expect(nextLivenessDelayMs({ state: 'healthy', consecutiveFailures: 1 }, p)).toBe(2 * SEC);
    expect(nextLivenessDelayMs({ state: 'down', consecutiveFailures: 2 }, p)).toBe(30 * SEC);
    expect(nextLivenessDelayMs({ state: 'down', consecutiveFailures: 50 }, p)).toBe(5 * MIN);
    expect(nextLivenessDelayMs({ state: 'healthy', consecutiveFailures: 0 }, { livenessIntervalSec: 1, failuresBeforeDown: 2 })).toBe(10 * SEC);
    expect(nextLivenessDelayMs({ state: 'down', consecutiveFailures: 9 }, { livenessIntervalSec: 9999, failuresBeforeDown: 2 })).toBe(600 * SEC);
  });
});

describe('notification policy', () => {
  it('does not notify while snoozed, but still reports the state changes', async () => {
    monitor.start();
    await clock.flush();
    monitor.snooze(clock.now() + 60 * MIN);
    gateway.outcome = 'down';
    await clock.advance(5 * MIN);
    gateway.outcome = 'healthy';
    await clock.advance(5 * MIN);
    expect(changes.map((c) => c.to)).toEqual(['healthy', 'down', 'healthy']);
    expect(notes).toEqual([]);
    expect(monitor.snapshot().snoozedUntil).not.toBeNull();

    // After the snooze ends, a new outage notifies again.
    await clock.advance(60 * MIN);
    expect(monitor.snapshot().snoozedUntil).toBeNull();
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    expect(notes.map((n) => n.kind)).toEqual(['down']);
  });

  it('un-snoozing with null restores notifications', async () => {
    monitor.start();
    await clock.flush();
    monitor.snooze(clock.now() + 60 * MIN);
    monitor.snooze(null);
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    expect(notes.map((n) => n.kind)).toEqual(['down']);
  });

  it('treats offline as its own state and never notifies for it', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'offline';
    await clock.advance(10 * MIN);
    expect(monitor.snapshot().state).toBe('offline');
    expect(monitor.snapshot().cause?.id).toBe('offline');
    gateway.outcome = 'healthy';
    await clock.advance(1 * MIN);
    expect(changes.map((c) => c.to)).toEqual(['healthy', 'offline', 'healthy']);
    expect(notes).toEqual([]);
  });

  it('down → offline → healthy notifies once for the outage and once for the recovery', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    gateway.outcome = 'offline';
    await clock.advance(10 * MIN);
    gateway.outcome = 'down';
    await clock.advance(10 * MIN); // back from offline into the same outage: no second "down"
    gateway.outcome = 'offline';
    await clock.advance(10 * MIN);
    gateway.outcome = 'healthy';
    await clock.advance(10 * MIN);
    expect(changes.map((c) => c.to)).toEqual(['healthy', 'down', 'offline', 'down', 'offline', 'healthy']);
    expect(notes.map((n) => n.kind)).toEqual(['down', 'recovered']);
  });

  it('obeys preferences: onDown off still tells about the recovery; notifications off tells nothing', async () => {
    prefs.notifications = { enabled: true, onDown: false, onRecovery: true };
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    gateway.outcome = 'healthy';
    await clock.advance(10 * MIN);
    expect(notes.map((n) => n.kind)).toEqual(['recovered']);

    prefs.notifications = { enabled: false, onDown: true, onRecovery: true };
    gateway.outcome = 'down';
    await clock.advance(2 * MIN);
    gateway.outcome = 'healthy';
    await clock.advance(10 * MIN);
    expect(notes.map((n) => n.kind)).toEqual(['recovered']);
  });

  it('is unconfigured (and probes nothing) when no gateway is configured', async () => {
    configured = false;
    monitor.start();
    await clock.advance(10 * MIN);
    expect(monitor.snapshot().state).toBe('unconfigured');
    expect(monitor.snapshot().cause?.id).toBe('no-gateway-configured');
    expect(gateway.livenessCalls).toEqual([]);
    expect(gateway.fullCalls).toEqual([]);
    expect(notes).toEqual([]);

    configured = true;
    monitor.configChanged();
    await clock.flush();
    expect(gateway.fullCalls.map((c) => c.reason)).toEqual(['config-change']);
    expect(monitor.snapshot().state).toBe('healthy');
  });
});

describe('full probes and the token budget', () => {
  it('runs the full probe on start, config change, wake, network change, on demand and every 30 min', async () => {
    monitor.start();
    await clock.flush();
    monitor.configChanged();
    await clock.flush();
    monitor.wake();
    await clock.flush();
    monitor.networkChanged();
    await clock.flush();
    const r = await (async () => {
      const p = monitor.checkNow();
      await clock.flush();
      return p;
    })();
    expect(r.kind).toBe('message');
    await clock.advance(30 * MIN);
    expect(gateway.fullCalls.map((c) => c.reason)).toEqual(['start', 'config-change', 'wake', 'network-change', 'on-demand', 'schedule']);
    expect(monitor.tokensToday()).toBe(6);
  });

  it('spends at most 100 tokens (88 planned) over a simulated day of heavy use at default settings', async () => {
    expect(dailyTokenBudget(prefs)).toBe(88);
    monitor.start();
    for (let t = 0; t < 24 * 60 * 60 - 10; t += 10) {
      monitor.configChanged(); // a file flapping every 10 s all day
      if (t % 3600 === 0) monitor.wake();
      if (t % 1800 === 0) monitor.networkChanged();
      if (t % 900 === 0) void monitor.checkNow().catch(() => undefined);
      await clock.advance(10 * SEC);
    }
    const tokens = gateway.fullCalls.length; // 1 token each
    expect(tokens).toBeLessThanOrEqual(dailyTokenBudget(prefs));
    expect(tokens).toBeLessThanOrEqual(DAILY_TOKEN_CAP);
    expect(monitor.tokensToday()).toBe(tokens);
    // The schedule kept its share even though events spent theirs.
    expect(gateway.fullCalls.filter((c) => c.reason === 'schedule').length).toBeGreaterThanOrEqual(40);
    // Liveness kept running the whole day.
    expect(gateway.livenessCalls.length).toBeGreaterThan(2000);
  });

  it('spends 48 tokens on a quiet day (start at midnight + 47 scheduled)', async () => {
    monitor.start();
    await clock.advance(24 * 60 * MIN - 1);
    expect(gateway.fullCalls.length).toBe(48);
    expect(monitor.tokensToday()).toBe(48);
  });

  it('resets the budget at local midnight', async () => {
    monitor.start();
    await clock.advance(24 * 60 * MIN + 1);
    expect(monitor.tokensToday()).toBeLessThanOrEqual(2);
  });

  it('rate-caps config-change probes to one a minute, with liveness in between and one catch-up probe', async () => {
    monitor.start();
    await clock.flush();
    for (let i = 0; i < 10; i++) {
      monitor.configChanged();
      await clock.advance(500);
    }
    expect(gateway.fullCalls.filter((c) => c.reason === 'config-change')).toHaveLength(1);
    expect(gateway.livenessCalls.length).toBeGreaterThanOrEqual(1);
    await clock.advance(MIN);
    const configProbes = gateway.fullCalls.filter((c) => c.reason === 'config-change');
    expect(configProbes).toHaveLength(2);
    expect(configProbes[1].at - configProbes[0].at).toBeGreaterThanOrEqual(MIN);
  });

  it('a real session error probes now, at most once a minute, paid from the event pool', async () => {
    monitor.start();
    await clock.flush();
    for (let i = 0; i < 10; i++) {
      monitor.sessionError(); // a session in a retry loop
      await clock.advance(5 * SEC);
    }
    const sessionProbes = gateway.fullCalls.filter((c) => c.reason === 'session-error');
    expect(sessionProbes).toHaveLength(1);
    await clock.advance(MIN);
    monitor.sessionError();
    await clock.flush();
    expect(gateway.fullCalls.filter((c) => c.reason === 'session-error')).toHaveLength(2);
    expect(monitor.tokenBudget().eventSpentToday).toBe(3); // start + two session-error probes
  });

  it('falls back to a zero-token liveness check on demand once the day budget is spent', async () => {
    monitor.start();
    await clock.flush();
    for (let i = 0; i < 60; i++) {
      const p = monitor.checkNow();
      await clock.flush();
      await p;
    }
    const before = gateway.fullCalls.length;
    expect(before).toBe(40); // the event allowance
    const p = monitor.checkNow();
    await clock.flush();
    expect((await p).kind).toBe('liveness');
    expect(gateway.fullCalls.length).toBe(before);
  });

  it('stretches a schedule that would exceed the budget', () => {
    expect(effectiveFullProbeIntervalMin({ fullProbeIntervalMin: 5 })).toBe(24);
    expect(dailyTokenBudget({ fullProbeIntervalMin: 5 })).toBe(100);
    expect(dailyTokenBudget({ fullProbeIntervalMin: 0 })).toBe(40);
    expect(effectiveFullProbeIntervalMin({ fullProbeIntervalMin: 0 })).toBe(0);
  });

  it('does not forget the day spend across a restart', async () => {
    monitor.start();
    await clock.flush();
    for (let i = 0; i < 5; i++) {
      const p = monitor.checkNow();
      await clock.flush();
      await p;
    }
    monitor.stop();
    const again = build();
    expect(again.tokensToday()).toBe(6);
  });

  it('pays an on-demand realistic check from the event pool: reserves its maximum, keeps what it cost, and survives a restart', async () => {
    monitor.start();
    await clock.flush(); // the start probe: 1 token from the event pool
    let reservedWhileRunning = 0;
    const first = await monitor.runOnDemand(32, async () => {
      reservedWhileRunning = monitor.tokenBudget().eventSpentToday;
      return report('realistic', 'healthy', 10);
    });
    expect(first?.kind).toBe('realistic');
    expect(reservedWhileRunning).toBe(33);
    expect(monitor.tokenBudget()).toMatchObject({ spentToday: 11, eventSpentToday: 11 });
    // 11 + 32 > 40: a second one would overdraw the event pool, so it does not run.
    let ran = false;
    expect(await monitor.runOnDemand(32, async () => ((ran = true), report('realistic', 'healthy', 10)))).toBeNull();
    expect(ran).toBe(false);
    expect(monitor.snapshot().state).toBe('healthy');
    monitor.stop();
    expect(build().tokenBudget()).toMatchObject({ spentToday: 11, eventSpentToday: 11 });
  });

  it('an on-demand realistic check is kept in history for the budget, but is not an uptime sample', async () => {
    await monitor.runOnDemand(32, async () => report('realistic', 'down', 0));
    expect(history.entries().map((e) => [e.kind, e.tokens])).toEqual([['realistic', 0]]);
    expect(history.summary('24h')).toMatchObject({ uptimePct: null, samples: [] });
  });

  it('an on-demand check that throws keeps its whole reservation spent', async () => {
    await expect(monitor.runOnDemand(32, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(monitor.tokensToday()).toBe(32);
  });
});

describe('one probe at a time', () => {
  it('never overlaps probes and answers every concurrent request', async () => {
    gateway.delayMs = 3 * SEC;
    monitor.start();
    await clock.advance(1);
    const a = monitor.checkNow();
    monitor.configChanged();
    monitor.wake();
    monitor.networkChanged();
    const b = monitor.checkNow();
    await clock.advance(10 * MIN);
    await expect(a).resolves.toMatchObject({ outcome: 'healthy' });
    await expect(b).resolves.toMatchObject({ outcome: 'healthy' });
    expect(gateway.maxActive).toBe(1);
    // checkNow() joined the running start probe; everything else asked while
    // it ran became one full probe, with the most urgent reason.
    expect(gateway.fullCalls.slice(0, 2).map((c) => c.reason)).toEqual(['start', 'config-change']);
    expect(gateway.fullCalls[1].at - gateway.fullCalls[0].at).toBeGreaterThanOrEqual(3 * SEC);
  });

  it('gives up on a probe that ignores its AbortSignal after the timeout, and counts it as a failure', async () => {
    gateway.hang = true;
    monitor.start();
    await clock.advance(DEFAULTS.probeTimeoutMs + 2 * SEC);
    expect(gateway.signals[0].aborted).toBe(true);
    const snap = monitor.snapshot();
    expect(snap.consecutiveFailures).toBe(1);
    expect(snap.lastProbe?.findings[0].id).toBe('gateway-timeout');
  });

  it('stop() aborts the probe in flight, rejects waiters and clears every timer', async () => {
    gateway.delayMs = 5 * SEC;
    monitor.start();
    await clock.advance(1);
    const pending = monitor.checkNow();
    monitor.configChanged();
    monitor.stop();
    await expect(pending).rejects.toThrow(/stopped/);
    expect(gateway.signals.every((s) => s.aborted)).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(60 * MIN);
    expect(gateway.fullCalls).toHaveLength(1);
    expect(gateway.livenessCalls).toHaveLength(0);
  });
});

describe('history and events', () => {
  it('records every probe with its outcome, latency and finding ids', async () => {
    monitor.start();
    await clock.flush();
    gateway.outcome = 'down';
    await clock.advance(31 * SEC);
    const entries = history.entries();
    expect(entries[0]).toMatchObject({ kind: 'message', outcome: 'healthy', latencyMs: 12, findingIds: [] });
    expect(entries[1]).toMatchObject({ kind: 'liveness', outcome: 'down', latencyMs: null, findingIds: ['gateway-refused'] });
  });

  it('stops calling a listener after unsubscribe, and survives a throwing listener', async () => {
    const seen: string[] = [];
    const off = monitor.on('probe', (e) => seen.push(e.reason));
    monitor.on('probe', () => {
      throw new Error('listener bug');
    });
    monitor.start();
    await clock.flush();
    off();
    await clock.advance(30 * SEC);
    expect(seen).toEqual(['start']);
    expect(gateway.livenessCalls).toHaveLength(1);
  });
});
