/**
 * The one contract every adapter speaks: Electron IPC (main ⇄ preload ⇄
 * renderer), HTTP + SSE (browser mode, `gateway-doctor serve`), and the CLI.
 *
 * Every method takes at most one plain-object argument and returns JSON-safe,
 * secret-free data. The const lists below are checked against the interface
 * in both directions, so a method added in one place but not the other is a
 * compile error and the transports cannot drift apart.
 */
import type {
  ChangeRecord,
  ChangeResult,
  CheckReport,
  DashboardSnapshot,
  ExplainResult,
  FixDestination,
  FixPlan,
  GatewayProfile,
  HistorySummary,
  MonitorSnapshot,
  NotifyEvent,
  Preferences,
  ProfileInput,
  SessionError,
  StateChangeEvent,
  StatusReport,
} from './types';

export interface GatewayDoctorApi {
  /** Everything the dashboard shows, in one call. */
  getSnapshot(): Promise<DashboardSnapshot>;
  /** Re-resolve configuration (no network). */
  getStatus(args?: { projectDir?: string }): Promise<StatusReport>;
  /**
   * Resolve and run the full 1-token probe now (or the realistic check).
   * `timeoutMs` bounds a check that runs for this call alone (one-shot use,
   * the realistic check); the monitor's own probes keep the probeTimeoutMs preference.
   */
  checkNow(args?: { realistic?: boolean; timeoutMs?: number }): Promise<CheckReport>;
  getHistory(args: { range: '24h' | '7d' }): Promise<HistorySummary>;
  explainError(args: { text: string }): Promise<ExplainResult>;
  /**
   * Plan the fix for a finding: preview diffs, nothing is written. `destination`:
   * where credential-in-shared-project-file moves the credential (default local-settings).
   */
  planFix(args: { findingId: string; caPath?: string; destination?: FixDestination }): Promise<FixPlan>;
  /** Plan a switch between the claude.ai login and a gateway profile. */
  planSwitch(args: { target: 'claude-login' | 'gateway'; profileId?: string }): Promise<FixPlan>;
  /**
   * Apply a plan made by planFix or planSwitch (refused if a file changed since),
   * then re-check: `recheck: 'configuration'` re-resolves only (no network);
   * 'probe' (the default) also probes when a gateway is set.
   */
  applyPlan(args: { planId: string; recheck?: 'configuration' | 'probe' }): Promise<ChangeResult>;
  /** Undo a change (the most recent one by default), restoring exact bytes. */
  undoChange(args?: { changeId?: string }): Promise<ChangeResult>;
  listChanges(): Promise<ChangeRecord[]>;
  listProfiles(): Promise<GatewayProfile[]>;
  saveProfile(args: ProfileInput): Promise<GatewayProfile>;
  removeProfile(args: { id: string }): Promise<{ removed: boolean }>;
  getPreferences(): Promise<Preferences>;
  setPreferences(args: Partial<Preferences>): Promise<Preferences>;
  /** Snooze notifications until an ISO time; null un-snoozes. */
  snooze(args: { until: string | null }): Promise<MonitorSnapshot>;
  /** Redacted Markdown diagnostics report, with an equivalent curl command. */
  getReport(): Promise<{ markdown: string }>;
}

export type ApiMethod = keyof GatewayDoctorApi;

export const API_METHODS = [
  'getSnapshot',
  'getStatus',
  'checkNow',
  'getHistory',
  'explainError',
  'planFix',
  'planSwitch',
  'applyPlan',
  'undoChange',
  'listChanges',
  'listProfiles',
  'saveProfile',
  'removeProfile',
  'getPreferences',
  'setPreferences',
  'snooze',
  'getReport',
] as const satisfies readonly ApiMethod[];

// The list must name every method: this line fails to compile otherwise.
type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const _everyMethodListed: [MissingMethods] extends [never] ? true : MissingMethods = true;
void _everyMethodListed;

/** Events pushed from the core to every subscriber. */
export interface GatewayDoctorEvents {
  /** The dashboard snapshot changed (config, probe, history, prefs...). */
  snapshot: DashboardSnapshot;
  /** The monitor changed state. */
  stateChange: StateChangeEvent;
  /** The notification policy decided to notify. */
  notify: NotifyEvent;
  /** A real Claude Code session recorded an API error (appended to its session log after start-up). */
  sessionError: SessionError;
}

export type ApiEvent = keyof GatewayDoctorEvents;

export const API_EVENTS = ['snapshot', 'stateChange', 'notify', 'sessionError'] as const satisfies readonly ApiEvent[];

type MissingEvents = Exclude<ApiEvent, (typeof API_EVENTS)[number]>;
const _everyEventListed: [MissingEvents] extends [never] ? true : MissingEvents = true;
void _everyEventListed;

export type Unsubscribe = () => void;

/** What adapters hold: the contract plus a subscription to its events. */
export interface GatewayDoctorClient extends GatewayDoctorApi {
  on<E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe;
}

/** Argument and result types per method, for typed transports. */
export type ApiArgs<M extends ApiMethod> = Parameters<GatewayDoctorApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<GatewayDoctorApi[M]>>;

/** Errors that cross the contract: a code and a message in words, never a stack. */
export interface ApiErrorPayload {
  code: 'bad-request' | 'not-found' | 'conflict' | 'refused' | 'internal';
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorPayload['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toPayload(): ApiErrorPayload {
    return { code: this.code, message: this.message };
  }
}
