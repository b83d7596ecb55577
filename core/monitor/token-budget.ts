import type { Preferences } from '../types';

/**
 * The monitor's token arithmetic, kept pure so the README's promise ("at most
 * 100 tokens a day with default settings") is a tested calculation.
 *
 * Liveness checks are zero-token. A full probe costs 1 token (we count the
 * report's real `tokensSpent`). Two pools share a hard daily cap:
 *
 *   scheduled  ≤ SCHEDULE_TOKEN_SHARE (60): 24 h / interval, so the default
 *              30 min gives 48; a shorter interval is stretched until it fits.
 *   events     ≤ EVENT_TOKEN_ALLOWANCE (40): config change (at most one per
 *              minute), wake, network change, start and on-demand checks.
 *   total      ≤ DAILY_TOKEN_CAP (100), whatever happens.
 *
 * Default worst case: 48 + 40 = 88 tokens a day. When a pool is spent, the
 * full probes it would pay for fall back to zero-token liveness checks until
 * local midnight.
 */
export const DAILY_TOKEN_CAP = 100;
export const EVENT_TOKEN_ALLOWANCE = 40;
export const SCHEDULE_TOKEN_SHARE = DAILY_TOKEN_CAP - EVENT_TOKEN_ALLOWANCE;
/** A flapping config file triggers at most one full probe per minute. */
export const CONFIG_PROBE_MIN_GAP_MS = 60_000;

const MINUTES_PER_DAY = 24 * 60;

/**
 * The schedule interval actually used, in minutes (0 = schedule off). A
 * requested interval that would spend more than the schedule's share of the
 * budget is stretched, e.g. 15 min → 24 min.
 */
export function effectiveFullProbeIntervalMin(prefs: Pick<Preferences, 'fullProbeIntervalMin'>): number {
  const requested = prefs.fullProbeIntervalMin;
  if (!Number.isFinite(requested) || requested <= 0) return 0;
  const minimum = Math.ceil(MINUTES_PER_DAY / SCHEDULE_TOKEN_SHARE);
  return Math.min(MINUTES_PER_DAY, Math.max(requested, minimum));
}

/** Scheduled full probes a day at these preferences (at 1 token each). */
export function scheduledProbesPerDay(prefs: Pick<Preferences, 'fullProbeIntervalMin'>): number {
  const interval = effectiveFullProbeIntervalMin(prefs);
  return interval === 0 ? 0 : Math.floor(MINUTES_PER_DAY / interval);
}

/**
 * The most tokens the monitor can spend in one day at these preferences:
 * the scheduled probes plus the event allowance, never above the cap.
 * 88 at the defaults (30 min schedule).
 */
export function dailyTokenBudget(prefs: Pick<Preferences, 'fullProbeIntervalMin'>): number {
  return Math.min(DAILY_TOKEN_CAP, scheduledProbesPerDay(prefs) + EVENT_TOKEN_ALLOWANCE);
}

/** Local midnight at or before `ms`: the budget resets when the user's day does. */
export function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
