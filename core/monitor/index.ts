/**
 * The monitor: config watcher, probe scheduler with a hysteresis state
 * machine, probe history, and the `watch --json` line format. Probes and the
 * resolver are injected, so all of it runs on a fake clock in tests.
 */
export { createConfigWatcher, type ConfigWatcher, type ConfigWatcherOptions } from './config-watcher';
export {
  createMonitor,
  livenessIntervalMs,
  nextLivenessDelayMs,
  CONFIRM_DELAY_MS,
  MAX_BACKOFF_MS,
  PROBE_TIMEOUT_MARGIN_MS,
  SESSION_ERROR_PROBE_MIN_GAP_MS,
  type FullProbeReason,
  type Monitor,
  type MonitorDeps,
  type MonitorEvents,
  type ProbeEvent,
  type TokenBudgetStatus,
} from './monitor';
export { createHistoryStore, summarize, percentile, type HistoryStore, type HistoryStoreOptions } from './history-store';
export {
  dailyTokenBudget,
  effectiveFullProbeIntervalMin,
  scheduledProbesPerDay,
  startOfLocalDay,
  DAILY_TOKEN_CAP,
  EVENT_TOKEN_ALLOWANCE,
  SCHEDULE_TOKEN_SHARE,
  CONFIG_PROBE_MIN_GAP_MS,
} from './token-budget';
export { applyReport, headlineFor, formatDuration, type MachineState, type Outage } from './state-machine';
