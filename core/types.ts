/**
 * The data model shared by every part of Gateway Doctor.
 *
 * Everything in this file is JSON-safe and secret-free: it is what crosses the
 * contract (IPC, HTTP, CLI --json). Types that hold raw secrets live next to
 * the code that needs them (core/config/resolved.ts) and never cross it.
 *
 * Field names here are public API (schemas "gateway-doctor/status@1" and
 * "gateway-doctor/check@1"): add fields freely, never rename or remove one.
 */

import type { FindingId, Severity } from './diagnosis/catalog';

export type { FindingId };

export type Platform = 'darwin' | 'linux' | 'win32';

// ---------------------------------------------------------------------------
// Sources and provenance
// ---------------------------------------------------------------------------

export type SourceKind =
  | 'managed-file'
  | 'managed-dropin'
  | 'managed-policy'
  | 'user-settings'
  | 'project-settings'
  | 'local-settings'
  | 'shell-env'
  | 'shell-profile'
  | 'vscode-settings'
  | 'claude-state'
  /** Claude Desktop's own third-party inference configuration (plist, registry or Claude-3p files). */
  | 'desktop-config';

/** Where a value came from. `line` is 1-based. */
export interface Source {
  kind: SourceKind;
  path: string;
  line?: number;
}

/** One place Claude Code reads configuration from, and what we made of it. */
export interface SourceFile {
  kind: SourceKind;
  path: string;
  /**
   * loaded: parsed and used; missing: does not exist (normal);
   * invalid: exists but Claude Code ignores it (see `problem`);
   * untrusted: parsed, but its env is not applied at interactive start-up;
   * unreadable: permission error, folder in its place, symlink loop, etc.
   */
  state: 'loaded' | 'missing' | 'invalid' | 'untrusted' | 'unreadable';
  problem?: string;
  /** For watching: true when the file may appear later. */
  watch: boolean;
}

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

/** Defined with the catalogue it grades (core/diagnosis/catalog.ts). */
export type { Severity };

/** Where a machine-readable fix writes. */
export type FixTarget =
  | 'user-settings'
  | 'local-settings'
  | 'project-settings'
  | 'vscode-settings'
  | 'shell-profile'
  | 'gitignore';

/** One step of a machine-readable fix. Secret values are never included. */
export interface FixStep {
  action: 'set-env' | 'unset-env' | 'move-env' | 'set-key' | 'comment-out' | 'add-ignore';
  /** The environment variable or settings key. */
  variable?: string;
  /** The value to set; omitted (with valueIsSecret) when it is a credential. */
  value?: string;
  valueIsSecret?: boolean;
  /** For move-env: the variable it moves to. */
  toVariable?: string;
  target: FixTarget;
  /** The concrete file, when known. */
  path?: string;
}

export interface MachineFix {
  /** Fix ids match finding ids: `gateway-doctor fix <id>`. */
  id: FindingId;
  summary: string;
  steps: FixStep[];
}

export interface Finding {
  /** Stable, public id, e.g. "credential-wrong-header" (a key of the catalogue, core/diagnosis/catalog.ts). */
  id: FindingId;
  severity: Severity;
  /** One line. */
  title: string;
  /** The cause, in plain words, naming the file/variable involved. */
  detail: string;
  /** The fix, in plain words. */
  fix: string;
  /** Exact manual steps, when there is no one-click fix or as an alternative. */
  steps?: string[];
  /** The file (and line) the finding is about. */
  source?: Source;
  /** Present when the fix engine can apply this finding's fix. */
  machineFix?: MachineFix;
  /** Link to the relevant docs page (https only). */
  docs?: string;
}

// ---------------------------------------------------------------------------
// Resolution (gateway-doctor/status@1)
// ---------------------------------------------------------------------------

/** The provider routes, once: the types, the CLI's flags and the zod enums derive from it. */
export const PROVIDER_IDS = ['anthropic', 'bedrock', 'vertex', 'foundry', 'anthropic-aws', 'mantle'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Every kind of credential Claude Code can end up with. */
export const CREDENTIAL_KINDS = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper', 'CLAUDE_CODE_OAUTH_TOKEN', 'claudeai-login', 'provider', 'none'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export type CredentialHeader = 'authorization' | 'x-api-key';

export interface CredentialReport {
  kind: CredentialKind;
  /** Headers Claude Code will put it in. */
  headers: CredentialHeader[];
  source: Source | null;
  /** At most the last 4 characters; null for helpers, logins and none. */
  redacted: string | null;
  /** Human detail, e.g. "apiKeyHelper: ~/bin/get-key.sh" or "provider chain: ANTHROPIC_FOUNDRY_API_KEY". */
  detail?: string;
}

export interface ShadowedValue {
  value: string;
  source: Source;
}

export interface EnvReport {
  /** Secrets are redacted to at most their last 4 characters. */
  value: string;
  source: Source;
  shadowed: ShadowedValue[];
  /** False when Claude Code will not apply it at interactive start-up (untrusted project/local env). */
  applied: boolean;
  secret: boolean;
  /** Higher-precedence project/local values that take over once the workspace is trusted (redacted like `value`). */
  awaitingTrust?: ShadowedValue[];
}

export type SurfaceId = 'cli' | 'vscode' | 'desktop' | 'remoteControl' | 'voice' | 'githubActions' | 'agentSdk';
export type SurfaceState = 'available' | 'disabled' | 'needs-setup';

export interface SurfaceReport {
  state: SurfaceState;
  /** One sentence. */
  reason: string;
  /** Finding id whose fix would change this, if any. */
  fixFindingId?: FindingId;
}

export interface ClaudeCodeInfo {
  installed: boolean;
  version: string | null;
  /** Parsed `claude auth status` JSON, or null when not installed / it failed. */
  authStatus: Record<string, unknown> | null;
  /** The behaviour version the resolver used (installed, or latest documented). */
  behaviourVersion: string;
  /** Where the `claude` executable was found (core/config/claude-locator.ts); null when nowhere we look, absent when not looked for. */
  location?: ClaudeLocation | null;
}

/** Where `claude` was found, and how. */
export interface ClaudeLocation {
  /** The executable's path. */
  path: string;
  /** 'setting': GATEWAY_DOCTOR_CLAUDE_BIN; 'path': the app's PATH; 'install-location': a documented install folder the PATH lacked. */
  foundBy: 'setting' | 'path' | 'install-location';
  /** For people: "PATH", "native installer (~/.local/bin)", ... */
  where: string;
}

export interface StatusRows {
  settingSources: string[];
  apiProvider: string;
  anthropicBaseUrl: string | null;
  authToken: string | null;
  apiKey: string | null;
  loginMethod: string | null;
  customHeaders: string[];
  proxy: string | null;
  extraCa: string | null;
  model: string;
}

export interface StatusReport {
  schema: 'gateway-doctor/status@1';
  generatedAt: string;
  projectDir: string | null;
  provider: ProviderId;
  baseUrl: { value: string; source: Source } | null;
  credential: CredentialReport;
  customHeaders: Array<{ name: string; source: Source }>;
  env: Record<string, EnvReport>;
  surfaces: Record<SurfaceId, SurfaceReport>;
  findings: Finding[];
  claudeCode: ClaudeCodeInfo;
  /** Every file consulted, with its state. */
  sources: SourceFile[];
  /** The /status rows, as Claude Code would print them. */
  rows: StatusRows;
  model: { id: string; source: Source | null };
  /** Whether gateway model discovery is enabled and why not. */
  modelDiscovery: { enabled: boolean; reason: string };
  /** The gateway is set by managed settings, so switching is locked. */
  managedGateway: boolean;
  /** A claude.ai login is saved on this machine (presence only). */
  savedLogin: { present: boolean; expiresAt: string | null; where: string | null };
  /** What real Claude Code sessions recorded lately (from its session logs); absent when not read. */
  sessions?: SessionsReport;
}

// ---------------------------------------------------------------------------
// Real sessions (Claude Code's session logs, `<config dir>/projects/*/*.jsonl`)
// ---------------------------------------------------------------------------

/**
 * One API error a real Claude Code session recorded. Only these fields are
 * kept: never the prompt or the answer.
 */
export interface SessionError {
  /** When Claude Code recorded it (the line's timestamp). */
  at: string;
  /** The finding `explain` names for the error text (or the status code), null when none fits. */
  findingId: string | null;
  apiErrorStatus: number | null;
  /** Recorded by 2.1.332; 2.1.197 leaves it out (null). */
  apiErrorType: string | null;
  /** Claude Code's `entrypoint`: cli (interactive), claude-vscode, sdk-cli (`-p`, SDK), …; unknown values kept as they are. */
  surface: string;
  /** The session's folder under projects/ (Claude Code's encoding of the working folder). */
  project: string;
  claudeCodeVersion: string | null;
  /** Claude Code's own error text, secrets redacted, at most 300 characters. */
  summary: string;
  /** The finding's title and fix in words (null when no finding fits), so every adapter can show them. */
  title: string | null;
  fix: string | null;
}

export interface SessionsReport {
  /** False when the Preferences switch turned the reader off (then nothing is read). */
  enabled: boolean;
  /** The last successful turn (an assistant line from a real model), any surface. */
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  /** Most recent first, at most 20. */
  recentErrors: SessionError[];
  /** The same two times per surface (entrypoint). */
  surfaces: Record<string, { lastSuccessAt: string | null; lastErrorAt: string | null }>;
}

// ---------------------------------------------------------------------------
// Probe (gateway-doctor/check@1)
// ---------------------------------------------------------------------------

export type Outcome = 'healthy' | 'degraded' | 'down' | 'offline' | 'unconfigured';
export type MonitorState = Outcome | 'pending';

export type StageStatus = 'pass' | 'fail' | 'skipped' | 'unknown';

export interface ProbeStages {
  reachable: StageStatus;
  authenticated: StageStatus;
  modelAnswers: StageStatus;
}

export interface ProbeTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number;
}

export interface TlsInfo {
  subject: string;
  issuer: string;
  validTo: string;
  daysToExpiry: number;
  authorized: boolean;
  authorizationError?: string;
}

export interface DiscoveredModel {
  id: string;
  displayName: string | null;
  /** Kept by Claude Code's filter (id contains claude or anthropic). */
  inPicker: boolean;
}

export type ProbeKind = 'liveness' | 'message' | 'realistic';

/**
 * How the realistic check's streamed answer arrived (it streams like Claude
 * Code). Times are milliseconds since the request was sent.
 */
export interface ProbeStreamReport {
  /** The response Content-Type as sent. */
  contentType: string | null;
  /** How the body was framed: server-sent events, AWS event-stream (Bedrock), a plain JSON body, or something else. */
  framing: 'sse' | 'aws-event-stream' | 'json' | 'other';
  /** Event types in arrival order (runs of the same type collapsed as "type×n"), at most 40 entries. */
  events: string[];
  /** How many events of each type arrived. */
  eventCounts: Record<string, number>;
  /** Response headers arrived. */
  firstByteMs: number | null;
  firstContentDeltaMs: number | null;
  lastContentDeltaMs: number | null;
  messageStopMs: number | null;
  contentDeltas: number;
  /** Distinct network reads that carried content deltas: 1 with several deltas means they came all at once. */
  contentDeltaReads: number;
  /** Network reads of the body, and their bytes. */
  reads: number;
  bytes: number;
  /** The longest wait between two reads (or between the headers and the first read). */
  longestGapMs: number;
  /** The idle limit the check used (Claude Code's own watchdog waits 300 s). */
  idleLimitMs: number;
  /** The longest this app's own event loop was blocked while reading: a long block merges reads, so buffering is then not concluded. */
  clientStallMs: number;
  /** Why reading stopped. */
  ended: 'message_stop' | 'error-event' | 'end-of-body' | 'idle-timeout' | 'total-timeout' | 'byte-cap' | 'connection-error';
  /** Tokens as the stream's usage fields report them (null: not reported). */
  usage: { inputTokens: number | null; outputTokens: number | null };
  /** The first thing that did not parse or broke the event grammar, if any. */
  problem: string | null;
  /** An `error` event's type and message, if one arrived. */
  errorEvent: { type: string; message: string } | null;
}

export interface ProbeReport {
  kind: ProbeKind;
  at: string;
  outcome: Outcome;
  stages: ProbeStages;
  httpStatus: number | null;
  method: string;
  /** The URL probed (never contains a secret). */
  url: string;
  /** Header names only. */
  headersSent: string[];
  timings: ProbeTimings;
  tls: TlsInfo | null;
  /** Network error code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT, ...). */
  errorCode: string | null;
  /** The gateway's own error message, if it sent one (redacted). */
  gatewayMessage: string | null;
  models: DiscoveredModel[];
  modelDiscovery: { enabled: boolean; attempted: boolean; ok: boolean; detail: string };
  tokensSpent: number;
  findings: Finding[];
  /** Present for the realistic check, which streams: how the events arrived. */
  stream?: ProbeStreamReport;
  /** Present when the credential comes from apiKeyHelper: how its run went (never its output). */
  apiKeyHelper?: { ok: boolean; durationMs: number; exitCode: number | null; timedOut: boolean; detail: string };
}

export interface CheckReport extends Omit<StatusReport, 'schema'> {
  schema: 'gateway-doctor/check@1';
  probe: ProbeReport;
}

export interface ExplainResult {
  schema: 'gateway-doctor/explain@1';
  matched: boolean;
  findingId: string | null;
  title: string | null;
  cause: string | null;
  fix: string | null;
  /** What in the text matched, for transparency. */
  matchedText: string | null;
  /** Other plausible findings. */
  alternatives: string[];
}

// ---------------------------------------------------------------------------
// Fix engine
// ---------------------------------------------------------------------------

export interface FileChangePreview {
  path: string;
  /** Unified diff with secrets redacted. */
  diff: string;
  creates: boolean;
  /** The plan removes the file (a switch back removes a file the previous switch created). */
  deletes?: boolean;
  /** sha256 of the bytes the plan was made against ('' when the file does not exist). */
  beforeHash: string;
}

/** The surfaces a switch preview lists, in this order. */
export type SwitchSurfaceId = 'cli' | 'vscode' | 'terminals' | 'desktop' | 'remoteControl' | 'voice';

/** What a switch does to one surface, before the diffs. */
export interface SwitchSurfaceChange {
  surface: SwitchSurfaceId;
  /** e.g. "VS Code extension". */
  label: string;
  /** One or two sentences: what happens to it. */
  outcome: string;
  /** The plan's files that belong to this surface. */
  files: string[];
  /** Where it keeps using the gateway after the switch (project settings, the environment...), one sentence each. */
  keepsGateway?: string[];
  /**
   * Personal project files (.claude/settings.local.json) that keep the gateway
   * and that the switch can safely edit too: planSwitch({ includeLocalSettings: true }).
   * `included` says whether this plan already does.
   */
  localSettings?: { files: string[]; included: boolean };
}

/** Where a fix that moves a credential puts it: .claude/settings.local.json or ~/.claude/settings.json. */
export type FixDestination = 'local-settings' | 'user-settings';

export interface FixPlan {
  planId: string;
  /** Finding id, or "use-gateway:<profile>" / "use-claude-login". */
  fixId: string;
  title: string;
  /** What changes in practice, in plain words. */
  effects: string[];
  warnings: string[];
  files: FileChangePreview[];
  /** Switches only: each surface and what happens to it (shown before the diffs). */
  surfaces?: SwitchSurfaceChange[];
  /** False when the fix cannot be applied; `refusal` says why. */
  canApply: boolean;
  refusal?: string;
  /**
   * Switching to the claude.ai login while none is saved: the app offers
   * "Sign in to claude.ai…" (it drives `claude auth login`) instead of
   * sending the user to a terminal.
   */
  signInOffered?: boolean;
}

export interface ChangeRecord {
  changeId: string;
  at: string;
  title: string;
  fixId: string;
  files: Array<{ path: string; beforeHash: string; afterHash: string; created: boolean }>;
  undone: boolean;
}

export interface ChangeResult {
  ok: boolean;
  change: ChangeRecord | null;
  /** Why it was refused or failed, in words. */
  message: string;
  /** Findings after re-resolving (and re-probing, when applicable). */
  verify?: {
    findingsBefore: string[];
    findingsAfter: string[];
    resolved: boolean;
    /** The finding as reported after the change, when it is still there (its detail says why). */
    stillReported?: Finding;
  };
}

// ---------------------------------------------------------------------------
// Profiles and mode
// ---------------------------------------------------------------------------

/** The credential kinds a gateway profile can hold (a subset of CREDENTIAL_KINDS). */
export const PROFILE_CREDENTIAL_KINDS = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper', 'none'] as const satisfies readonly CredentialKind[];
export type ProfileCredentialKind = (typeof PROFILE_CREDENTIAL_KINDS)[number];

export interface GatewayProfile {
  id: string;
  name: string;
  baseUrl: string;
  credentialKind: ProfileCredentialKind;
  /** For apiKeyHelper profiles: the command. */
  apiKeyHelper?: string;
  /** "Name: Value" lines. */
  customHeaders?: string;
  provider: ProviderId;
  /** Extra variables for provider routes (workspace id, project id, region...). */
  extraEnv?: Record<string, string>;
  /** A secret is stored for this profile (it is never returned). */
  hasSecret: boolean;
}

export interface ProfileInput extends Omit<GatewayProfile, 'id' | 'hasSecret'> {
  id?: string;
  /** Write-only. Omit to keep the stored one. */
  secret?: string;
}

export interface ModeInfo {
  active:
    | { kind: 'gateway'; profileId: string | null; baseUrl: string | null; source: Source | null }
    | { kind: 'claude-login' }
    | { kind: 'unconfigured' };
  locked: boolean;
  lockReason: string | null;
  /** For each target: what switching to it means in practice. */
  consequences: { claudeLogin: string[]; gateway: string[] };
  /** Whether secrets can be stored here, and if not why. */
  secretStore: {
    available: boolean;
    description: string;
    /** os-keychain, safe-storage, file (the 0600 fallback file: permissions only) or none. */
    kind: 'os-keychain' | 'safe-storage' | 'file' | 'none';
  };
}

// ---------------------------------------------------------------------------
// Monitor
// ---------------------------------------------------------------------------

export interface Preferences {
  /** Zero-token liveness interval, 10..600 s. */
  livenessIntervalSec: number;
  /** Full 1-token probe interval, minutes (0 disables the schedule). */
  fullProbeIntervalMin: number;
  /** Probe timeout, ms. */
  probeTimeoutMs: number;
  /** Consecutive failures before "down". */
  failuresBeforeDown: number;
  notifications: { enabled: boolean; onDown: boolean; onRecovery: boolean };
  /** Read Claude Code's session logs for API errors (only the error fields, never prompts or answers). */
  readSessionLogs: boolean;
  /** Project folders to include. The first is the active one. */
  projectDirs: string[];
  activeProjectDir: string | null;
  startAtLogin: boolean;
}

export interface MonitorSnapshot {
  state: MonitorState;
  since: string;
  lastProbe: ProbeReport | null;
  lastFullProbe: ProbeReport | null;
  consecutiveFailures: number;
  nextCheckAt: string | null;
  snoozedUntil: string | null;
  /** The finding that explains the current state, if any. */
  cause: Finding | null;
  /** One-line verdict, used by the tray tooltip. */
  headline: string;
}

export interface NotifyEvent {
  /** session-error: a real Claude Code session hit a kind of error not seen before in this run. */
  kind: 'down' | 'recovered' | 'session-error';
  at: string;
  title: string;
  body: string;
  findingId: string | null;
}

export interface StateChangeEvent {
  at: string;
  from: MonitorState;
  to: MonitorState;
  cause: Finding | null;
  /** Whether this transition should notify (policy: not snoozed, not offline, one per down/recovery). */
  notify: NotifyEvent | null;
}

export interface HistoryEntry {
  at: string;
  kind: ProbeKind;
  outcome: Outcome;
  latencyMs: number | null;
  findingIds: string[];
  /** Tokens spent, when not the 1 of a full probe (the realistic check); absent on older entries. */
  tokens?: number;
}

/** The history windows the dashboard shows. */
export const HISTORY_RANGES = ['24h', '7d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

export interface HistorySummary {
  range: HistoryRange;
  uptimePct: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  samples: Array<{ at: string; latencyMs: number | null; outcome: Outcome }>;
}

export interface DashboardSnapshot {
  status: StatusReport;
  monitor: MonitorSnapshot;
  history: HistorySummary;
  profiles: GatewayProfile[];
  mode: ModeInfo;
  preferences: Preferences;
  /** Most recent first; the first not-undone one is what Undo reverts. */
  changes: ChangeRecord[];
  /** Errors real Claude Code sessions hit (from its session logs). */
  sessions?: SessionsReport;
  /** The home folder, so the dashboard can show paths under it as `~/…` (full paths stay in tooltips). */
  homeDir: string;
  /** "Signed in as …" from `claude auth status` (null when Claude Code was not asked). */
  account?: ClaudeAccount | null;
  /** The current (or last) sign-in. */
  signIn?: SignInState;
}

// ---------------------------------------------------------------------------
// Signing in to claude.ai (driving `claude auth login`)
// ---------------------------------------------------------------------------

/** Which account `claude auth login` signs in to: a claude.ai subscription or Console (API billing). */
export type SignInMethod = 'claudeai' | 'console';

export interface SignInOptions {
  /** Default 'claudeai'. */
  method?: SignInMethod;
  /** Sign in through the organization's single sign-on (`--sso`). */
  sso?: boolean;
  /** Pre-fills the account on the sign-in page (`--email`). */
  email?: string;
  /** Do not open the browser; only show the URL (CLI `--no-browser`). */
  noBrowser?: boolean;
}

/** The logged-in account as `claude auth status --json` reports it (never a token). */
export interface ClaudeAccount {
  loggedIn: boolean;
  /** 'claude.ai' subscription, 'console' (API billing via /login), 'other' (a gateway or API key), 'none'. */
  kind: 'claude.ai' | 'console' | 'other' | 'none';
  email: string | null;
  orgName: string | null;
  subscriptionType: string | null;
  /** One line for the UI: "Signed in as ada@example.com (claude.ai, Example Org)". */
  label: string;
}

export type SignInErrorKind =
  | 'claude-not-found'
  | 'unsupported-version'
  | 'refused-by-managed-settings'
  | 'unknown-output'
  | 'login-failed'
  | 'timed-out'
  | 'cancelled';

/** A sign-in's progress; the one-time code is never part of it. */
export interface SignInState {
  /**
   * Grows with every change, across sign-ins: a reply and an event can arrive
   * in either order (the event stream and the call are separate requests), so
   * a client keeps the state with the highest revision.
   */
  revision: number;
  /**
   * idle: none yet; starting: `claude auth login` is starting; waiting: the URL
   * is known, waiting for the browser (and maybe a code); verifying: Claude Code
   * exited, reading `claude auth status`; then signed-in or failed.
   */
  phase: 'idle' | 'starting' | 'waiting' | 'verifying' | 'signed-in' | 'failed';
  method: SignInMethod;
  /** The sign-in URL Claude Code printed (the only URL the app opens for a sign-in). */
  url: string | null;
  /** null: not tried (or --no-browser); false: no browser could be opened, show the URL to copy. */
  browserOpened: boolean | null;
  /** Claude Code asked for the code ("Paste code here if prompted"). */
  codeRequested: boolean;
  /** A code was passed to Claude Code (the code itself is not kept). */
  codeSubmitted: boolean;
  /** Claude Code rejected the last code, in words. */
  codeProblem: string | null;
  error: { kind: SignInErrorKind; message: string; steps: string[] } | null;
  account: ClaudeAccount | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** When the sign-in gives up on its own. */
  deadline: string | null;
}

export interface SignOutResult {
  ok: boolean;
  message: string;
  account: ClaudeAccount;
}
