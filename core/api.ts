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
  ClaudeAccount,
  DashboardSnapshot,
  ExplainResult,
  FixDestination,
  FixPlan,
  GatewayProfile,
  ModeInfo,
  HistoryRange,
  HistorySummary,
  MonitorSnapshot,
  NotifyEvent,
  Preferences,
  ProfileInput,
  SessionError,
  SignInOptions,
  SignInState,
  SignOutResult,
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
  getHistory(args: { range: HistoryRange }): Promise<HistorySummary>;
  explainError(args: { text: string }): Promise<ExplainResult>;
  /**
   * Plan the fix for a finding: preview diffs, nothing is written. `destination`:
   * where credential-in-shared-project-file moves the credential (default local-settings).
   */
  planFix(args: { findingId: string; caPath?: string; destination?: FixDestination }): Promise<FixPlan>;
  /** Plan a switch between the claude.ai login and a gateway profile. */
  planSwitch(args: { target: 'claude-login' | 'gateway'; profileId?: string; includeLocalSettings?: boolean }): Promise<FixPlan>;
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
  /** The profile with this id or, failing that, this name (any case); null when none. */
  findProfile(args: { name: string }): Promise<GatewayProfile | null>;
  /** Which mode is active, whether switching is locked, and where profile secrets are kept. */
  getMode(): Promise<ModeInfo>;
  saveProfile(args: ProfileInput): Promise<GatewayProfile>;
  removeProfile(args: { id: string }): Promise<{ removed: boolean }>;
  getPreferences(): Promise<Preferences>;
  setPreferences(args: Partial<Preferences>): Promise<Preferences>;
  /** Snooze notifications until an ISO time; null un-snoozes. */
  snooze(args: { until: string | null }): Promise<MonitorSnapshot>;
  /** Redacted Markdown diagnostics report, with an equivalent curl command. */
  getReport(): Promise<{ markdown: string }>;
  /**
   * Signs in to claude.ai (or Console) by driving `claude auth login`; joins
   * the sign-in already running. Resolves once the sign-in URL is known (and
   * opened in the browser) or the sign-in failed; progress arrives as `signIn` events.
   */
  startSignIn(args?: Pick<SignInOptions, 'method' | 'sso' | 'email'>): Promise<SignInState>;
  /** Passes the one-time code from the browser page to Claude Code (never kept or logged). */
  submitSignInCode(args: { code: string }): Promise<SignInState>;
  /** Stops the running sign-in (ends Claude Code's whole process group). */
  cancelSignIn(): Promise<SignInState>;
  /** The current (or last) sign-in's progress. */
  getSignIn(): Promise<SignInState>;
  /** "Signed in as …", from `claude auth status`. */
  getAccount(): Promise<ClaudeAccount>;
  /** `claude auth logout`. */
  signOut(): Promise<SignOutResult>;
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
  'findProfile',
  'getMode',
  'saveProfile',
  'removeProfile',
  'getPreferences',
  'setPreferences',
  'snooze',
  'getReport',
  'startSignIn',
  'submitSignInCode',
  'cancelSignIn',
  'getSignIn',
  'getAccount',
  'signOut',
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
  /** A sign-in made progress (URL known, code asked for, signed in, failed). */
  signIn: SignInState;
}

export type ApiEvent = keyof GatewayDoctorEvents;

export const API_EVENTS = ['snapshot', 'stateChange', 'notify', 'sessionError', 'signIn'] as const satisfies readonly ApiEvent[];

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

/**
 * The contract seen one method at a time: each method takes its argument and
 * returns its result. Indexing it with a generic `M` keeps argument and result
 * tied to the same method (TypeScript's correlated mapped types), which
 * indexing GatewayDoctorApi does not.
 */
type ApiFunctions = { [M in ApiMethod]: (arg: ApiArgs<M>) => Promise<ApiResult<M>> };

/** Calls one method of an implementation by name, `this` kept. */
export function callApiMethod<M extends ApiMethod>(api: GatewayDoctorApi, method: M, arg: ApiArgs<M>): Promise<ApiResult<M>> {
  const functions: ApiFunctions = api;
  return functions[method](arg);
}

/** How a transport sends one call: the method, its argument, and the result it answers. */
export type ContractSender = <M extends ApiMethod>(method: M, arg: ApiArgs<M>) => Promise<ApiResult<M>>;

/**
 * Every contract method, each sending its name and its one argument through
 * `send` (the preload's IPC, the browser client's fetch, the tray's deferred
 * client). An argument the types say a method has not is forwarded all the
 * same, so the receiving side's validation judges it, as for any other caller.
 * The compiler checks that every method is here; the transports' tests check
 * that each sends its own name.
 */
export function contractOver(send: ContractSender): GatewayDoctorApi {
  const forward =
    <M extends ApiMethod>(method: M) =>
    (...args: Parameters<GatewayDoctorApi[M]>): Promise<ApiResult<M>> =>
      send(method, args[0]);
  return {
    getSnapshot: forward('getSnapshot'),
    getStatus: forward('getStatus'),
    checkNow: forward('checkNow'),
    getHistory: forward('getHistory'),
    explainError: forward('explainError'),
    planFix: forward('planFix'),
    planSwitch: forward('planSwitch'),
    applyPlan: forward('applyPlan'),
    undoChange: forward('undoChange'),
    listChanges: forward('listChanges'),
    listProfiles: forward('listProfiles'),
    findProfile: forward('findProfile'),
    getMode: forward('getMode'),
    saveProfile: forward('saveProfile'),
    removeProfile: forward('removeProfile'),
    getPreferences: forward('getPreferences'),
    setPreferences: forward('setPreferences'),
    snooze: forward('snooze'),
    getReport: forward('getReport'),
    startSignIn: forward('startSignIn'),
    submitSignInCode: forward('submitSignInCode'),
    cancelSignIn: forward('cancelSignIn'),
    getSignIn: forward('getSignIn'),
    getAccount: forward('getAccount'),
    signOut: forward('signOut'),
  };
}

/** The error codes that cross the contract, once (the HTTP bridge maps each to a status). */
export const API_ERROR_CODES = ['bad-request', 'not-found', 'conflict', 'refused', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Errors that cross the contract: a code and a message in words, never a stack. */
export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
}

/** What a transport answers for one call: the value, or the error payload (Electron turns thrown errors into strings). */
export type ContractReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorPayload };

/**
 * An error the caller can act on. Domain errors (ProfileError: a bad
 * profile, a damaged profiles.json) extend it with their code, so every
 * transport maps them the same way instead of calling them `internal`.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The part of the Redactor (core/util/secret.ts) the error mapper needs. */
export interface MessageScrubber {
  scrub(text: string): string;
}

const FALLBACK_MESSAGE = 'Something went wrong in Gateway Doctor.';

/**
 * The one mapper from anything thrown (or an error payload from another
 * process) to `{ code, message }`: a code the contract knows (anything else
 * is `internal`) and the first line of the message, capped and scrubbed of
 * every secret the Redactor knows. Used by the IPC handlers and the HTTP bridge
 * (core/contract-call.ts), the preload and the browser-mode client.
 * Dependency-free: the preload bundles it.
 */
export function toErrorPayload(error: unknown, redactor: MessageScrubber): ApiErrorPayload {
  const maybe = error as { code?: unknown; message?: unknown } | null;
  const code = typeof maybe?.code === 'string' && (API_ERROR_CODES as readonly string[]).includes(maybe.code) ? (maybe.code as ApiErrorCode) : 'internal';
  const raw = typeof maybe?.message === 'string' && maybe.message ? maybe.message : FALLBACK_MESSAGE;
  // First line only, capped: a message is a sentence, not a dump.
  return { code, message: redactor.scrub(raw.split('\n')[0]).slice(0, 500) };
}

/** HTTP bridge: the header that carries the per-run token, and the one that carries a one-time code (browser mode). */
export const TOKEN_HEADER = 'x-gateway-doctor-token';
export const CODE_HEADER = 'x-gateway-doctor-code';
