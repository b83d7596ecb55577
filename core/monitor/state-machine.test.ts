import { describe, expect, it } from 'vitest';
import { makeFinding } from '../diagnosis/make-finding';
import { makeProbeReport } from '../testing/fixtures';
import type { Outcome, ProbeReport } from '../types';
import { applyReport, formatDuration, headlineFor, initialMachine, type MachineState, type TransitionContext } from './state-machine';

function r(outcome: Outcome, kind: ProbeReport['kind'] = 'liveness'): ProbeReport {
  return makeProbeReport({
    kind,
    outcome,
    findings:
      outcome === 'down'
        ? [makeFinding('tls-cert-expiring', { detail: 'soon' }), makeFinding('credential-rejected', { detail: '401' })]
        : outcome === 'degraded'
          ? [makeFinding('beta-fields-rejected', { detail: 'beta' })]
          : [],
  });
}

const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  now: 1_000_000,
  snoozed: false,
  prefs: { failuresBeforeDown: 2, notifications: { enabled: true, onDown: true, onRecovery: true } },
  lastFullProbe: null,
  ...over,
});

function run(outcomes: Outcome[], c: (i: number) => Partial<TransitionContext> = () => ({})) {
  let m: MachineState = initialMachine(0);
  const events = [];
  for (const [i, o] of outcomes.entries()) {
    const res = applyReport(m, r(o), ctx({ now: 1_000_000 + i * 30_000, ...c(i) }));
    m = res.machine;
    if (res.event) events.push(res.event);
  }
  return { m, events };
}

describe('applyReport', () => {
  it('names the error finding as the cause of down, not an earlier warning', () => {
    const { m, events } = run(['healthy', 'down', 'down']);
    expect(m.cause?.id).toBe('credential-rejected');
    expect(events[1].notify?.findingId).toBe('credential-rejected');
  });

  it('a failure at start-up waits for confirmation in pending', () => {
    const { m, events } = run(['down']);
    expect(m.state).toBe('pending');
    expect(events).toEqual([]);
  });

  it('an outage that starts while snoozed stays silent through its recovery, even after the snooze ends', () => {
    const { events } = run(['healthy', 'down', 'down', 'healthy'], (i) => ({ snoozed: i < 3 }));
    expect(events.map((e) => e.to)).toEqual(['healthy', 'down', 'healthy']);
    expect(events.every((e) => e.notify === null)).toBe(true);
  });

  it('removing the gateway during an outage ends it silently', () => {
    const { events } = run(['healthy', 'down', 'down', 'unconfigured', 'healthy']);
    expect(events.map((e) => [e.to, e.notify?.kind ?? null])).toEqual([
      ['healthy', null],
      ['down', 'down'],
      ['unconfigured', null],
      ['healthy', null],
    ]);
  });

  it('keeps "degraded" from the last full probe when a liveness check succeeds', () => {
    const full = r('degraded', 'message');
    let m = applyReport(initialMachine(0), full, ctx({ lastFullProbe: full })).machine;
    expect(m.state).toBe('degraded');
    m = applyReport(m, r('healthy'), ctx({ lastFullProbe: full })).machine;
    expect(m.state).toBe('degraded');
    expect(m.cause?.id).toBe('beta-fields-rejected');
    const fullOk = r('healthy', 'message');
    m = applyReport(m, fullOk, ctx({ lastFullProbe: fullOk })).machine;
    expect(m.state).toBe('healthy');
  });

  it('the recovery notification says how long the outage lasted', () => {
    const { events } = run(['healthy', 'down', 'down', 'down', 'down', 'healthy']);
    expect(events.at(-1)?.notify?.body).toContain('2 min') // 90 s, from the confirmed failure;
  });

  it('headlines and durations read well', () => {
    expect(headlineFor(initialMachine(0))).toBe('Checking the gateway…');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 5 min');
  });
});
