/**
 * createGatewayDoctor: the single implementation of the contract in api.ts.
 *
 * It owns the long-lived pieces (resolved configuration, prober with its
 * keep-alive connections, monitor, watcher, fix engine, profiles, history)
 * and turns their changes into contract events. Adapters (Electron IPC,
 * the HTTP bridge, the CLI) only translate transport.
 */
import { join } from 'node:path';
import type { ApiEvent, GatewayDoctorClient, GatewayDoctorEvents, Unsubscribe } from './api';
import { ApiError } from './api';
import { detectClaudeCode, LATEST_DOCUMENTED_VERSION, readClaudeAuthStatus, resolveConfig, secretValues, toStatusReport } from './config';
import { watchTargets } from './config/discovery';
import type { ResolvedConfig } from './config/resolved';
import { explainError } from './diagnosis/explain';
import { createFixEngine } from './fixes';
import { createConfigWatcher, createHistoryStore, createMonitor } from './monitor';
import { PreferencesFile } from './preferences';
import { createProber, REALISTIC_MAX_TOKENS } from './probe';
import { createProfileStore, describeMode } from './profiles';
import { withHelperNotice } from './profiles/helper-notice';
import { buildMarkdownReport } from './report/markdown-report';
import { claudeConfigDir } from './config/discovery/paths';
import { createSessionReader, disabledSessionsReport, readRecentSessions, type SessionReader } from './sessions';
import { accountFromStatus, createSignInManager, isSignedIn, type InteractiveSpawner } from './login';
import { systemClock, type Clock, type CommandRunner, type HostContext, type SecretStore } from './ports';
import type {
  ChangeResult,
  CheckReport,
  ClaudeAccount,
  ClaudeCodeInfo,
  DashboardSnapshot,
  Finding,
  FixPlan,
  Preferences,
  NotifyEvent,
  ProbeReport,
  SessionError,
  SessionsReport,
  StatusReport,
} from './types';
import { createCommandRunner } from './util/command-runner';
import { Redactor } from './util/secret';

export interface GatewayDoctorDeps {
  host: HostContext;
  secrets: SecretStore;
  clock?: Clock;
  runner?: CommandRunner;
  /** 'detect' runs `claude --version` / `claude auth status` once at start; 'skip' predicts from docs. */
  claude?: 'detect' | 'skip';
  /** Watch configuration files (the tray app and `watch`/`serve` do; one-shot CLI commands don't). */
  watch?: boolean;
  /** Version shown in reports. */
  appVersion?: string;
  /** Preferences for this run only, not saved (e.g. `watch --interval`). */
  preferenceOverrides?: Partial<Preferences>;
  /** Starts `claude auth login` (tests pass a spawner of their own; the default spawns the real program). */
  spawner?: InteractiveSpawner;
  /**
   * Opens a sign-in URL Claude Code printed in the default browser; resolves
   * false when none could be opened (the UI then shows the URL to copy).
   * Without it, the URL is only shown.
   */
  openSignInUrl?: (url: string) => Promise<boolean>;
  /** The Redactor to teach every secret seen (the CLI shares the one its output passes through); a new one by default. */
  redactor?: Redactor;
  /** Aborts the probes a one-shot call runs (the CLI's Ctrl-C); a started service stops them with close(). */
  signal?: AbortSignal;
  /**
   * Switch previews offer this app's own claude.ai sign-in when no login is
   * saved (default true). The CLI passes false: its previews keep Claude
   * Code's "run /login" advice, as they always have.
   */
  offerSignInInPreviews?: boolean;
}

export interface GatewayDoctorService extends GatewayDoctorClient {
  /** Starts the watcher and the monitor's timers. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** The machine woke from sleep: probe soon. */
  wake(): void;
  /** The network changed: probe soon. */
  networkChanged(): void;
  /** Every secret value the service has seen, for adapters that print. */
  readonly redactor: Redactor;
}

/** The preview's line when no claude.ai login is saved (replaces "run /login in Claude Code"). */
export const SIGN_IN_EFFECT = 'No claude.ai login is saved on this machine yet: sign in to claude.ai from Gateway Doctor (it opens your browser).';

function undetectedClaude(): ClaudeCodeInfo {
  return { installed: false, version: null, authStatus: null, behaviourVersion: LATEST_DOCUMENTED_VERSION };
}

/**
 * Configuration findings as they are (two files can each have the same
 * problem), then the probe findings whose id is new.
 */
export function mergeFindings(config: Finding[], probe: Finding[]): Finding[] {
  const seen = new Set(config.map((f) => f.id));
  return [...config, ...probe.filter((f) => !seen.has(f.id))];
}

/** The notification for a kind of error a real session hit, the first time it is seen in this run. */
function sessionErrorNotification(error: SessionError): NotifyEvent {
  const where = `in ${error.project} (${error.surface})`;
  return {
    kind: 'session-error',
    at: error.at,
    title: 'Claude Code hit an error',
    body: error.title && error.fix ? `${error.title} ${where}. ${error.fix}` : `${error.summary} ${where}.`,
    findingId: error.findingId,
  };
}

type Listener<E extends ApiEvent> = (payload: GatewayDoctorEvents[E]) => void;

export async function createGatewayDoctor(deps: GatewayDoctorDeps): Promise<GatewayDoctorService> {
  const { host, secrets } = deps;
  const clock = deps.clock ?? systemClock;
  const runner = deps.runner ?? createCommandRunner();
  const redactor = deps.redactor ?? new Redactor();
  const preferences = new PreferencesFile(host.appDataDir);
  await preferences.load();
  if (deps.preferenceOverrides) preferences.setOverrides(deps.preferenceOverrides);

  // A long-running service (the tray, watch, serve) does not wait for `claude
  // auth status`, a second cold start of claude: the first health state needs
  // only the version. Its answer (the cross-check, "Signed in as …") re-resolves
  // when it arrives. One-shot commands wait, so their report is complete.
  const authInBackground = deps.claude === 'detect' && deps.watch === true;
  let claude: ClaudeCodeInfo = deps.claude === 'detect' ? await detectClaudeCode(host, runner, { authStatus: !authInBackground }) : undetectedClaude();
  const projectDir = (): string | null => preferences.current.activeProjectDir;

  const listeners = new Map<ApiEvent, Set<Listener<ApiEvent>>>();
  function emit<E extends ApiEvent>(event: E, payload: GatewayDoctorEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // A failing subscriber must not break the engine or other subscribers.
      }
    }
  }

  let resolved: ResolvedConfig = await resolveConfig(host, { projectDir: projectDir(), runner, claude });
  rememberSecrets(resolved);

  /** Every secret a resolution holds (credentials, client-key passphrase, shadowed values, header values, URL passwords). */
  function rememberSecrets(config: ResolvedConfig): void {
    for (const value of secretValues(config)) redactor.add(value);
  }

  async function reresolve(): Promise<void> {
    resolved = await resolveConfig(host, { projectDir: projectDir(), runner, claude });
    rememberSecrets(resolved);
    watcher?.update(watchTargets(host, projectDir()));
  }

  // The Redactor also learns what an apiKeyHelper prints.
  const prober = createProber({ host, runner, redactor });
  const history = createHistoryStore({ dir: join(host.appDataDir, 'history'), clock });
  const fixes = createFixEngine({ host, clock, runner, redactor, secrets });
  const profiles = createProfileStore({ host, secrets });

  // "Signed in as …": from the `claude auth status` run at start, refreshed after a sign-in or sign-out.
  let account: ClaudeAccount | null = claude.installed && !authInBackground ? accountFromStatus(claude.authStatus) : null;
  const signIn = createSignInManager({
    host,
    runner,
    spawner: deps.spawner,
    openUrl: deps.openSignInUrl,
    loginPolicy: () => ({ forceLoginMethod: resolved.mergedSettings.forceLoginMethod, forceLoginOrgUUID: resolved.mergedSettings.forceLoginOrgUUID }),
  });
  /** After a switch, `claude auth status` may name another credential: ask again (in the background). */
  function refreshAccount(): void {
    if (account === null) return; // Claude Code was not asked at start (or is not installed).
    signIn.account().then(
      (next) => {
        account = next;
        queueSnapshot();
      },
      () => undefined,
    );
  }
  signIn.onChange((state) => {
    emit('signIn', state);
    if (state.phase === 'signed-in') {
      account = state.account;
      void onConfigChange();
    }
    queueSnapshot();
  });

  const probeTimeout = () => preferences.current.probeTimeoutMs;
  const monitor = createMonitor({
    clock,
    history,
    preferences: () => preferences.current,
    isConfigured: () => resolved.route.baseUrl !== null || resolved.route.provider !== 'anthropic',
    liveness: (signal) => prober.probe(resolved, { kind: 'liveness', timeoutMs: probeTimeout(), signal }),
    fullProbe: (_reason, signal) => prober.probe(resolved, { kind: 'message', timeoutMs: probeTimeout(), signal }),
  });

  // Snapshots are coalesced: a burst of changes yields one event.
  let snapshotQueued = false;
  function queueSnapshot(): void {
    if (snapshotQueued || (listeners.get('snapshot')?.size ?? 0) === 0) return;
    snapshotQueued = true;
    setTimeout(() => {
      snapshotQueued = false;
      getSnapshot().then(
        (snapshot) => emit('snapshot', snapshot),
        () => undefined,
      );
    }, 0);
  }

  monitor.on('stateChange', (event) => {
    emit('stateChange', event);
    if (event.notify) emit('notify', event.notify);
    queueSnapshot();
  });
  monitor.on('probe', () => queueSnapshot());

  let watcher: ReturnType<typeof createConfigWatcher> | null = null;
  let started = false;

  /** The last probe a one-shot call ran (the monitor keeps its own once started). */
  let lastOneShotProbe: ProbeReport | null = null;

  /** A probe for this call alone: no monitor state, no history (one-shot use, before start()). */
  async function probeOnce(kind: 'message' | 'realistic', timeoutMs = probeTimeout()): Promise<ProbeReport> {
    const probe = await prober.probe(resolved, { kind, timeoutMs, signal: deps.signal });
    lastOneShotProbe = probe;
    return probe;
  }

  /**
   * The full 1-token probe. Once started, it goes through the monitor (state,
   * history, notifications); before that (one-shot use) it probes directly.
   */
  function fullProbeNow(): Promise<ProbeReport> {
    return started ? monitor.checkNow() : probeOnce('message');
  }
  async function onConfigChange(): Promise<void> {
    try {
      await reresolve();
    } catch {
      return; // resolution reports bad input as findings; a throw here means a bug, keep the last good state
    }
    monitor.configChanged();
    queueSnapshot();
  }

  // ------------------------------------------------------------ real sessions

  let sessionReader: SessionReader | null = null;
  /** Kinds of session error already notified in this run: one notification per kind. */
  const notifiedSessionKinds = new Set<string>();

  function sessionKind(error: SessionError): string {
    return error.findingId ?? `status:${error.apiErrorStatus ?? 'none'}`;
  }

  function onSessionError(error: SessionError): void {
    emit('sessionError', error);
    // The gateway may be failing right now: check it (the monitor pays from the event pool and rate-caps it).
    monitor.sessionError();
    const kind = sessionKind(error);
    const n = preferences.current.notifications;
    if (!notifiedSessionKinds.has(kind) && n.enabled && n.onDown && monitor.snapshot().snoozedUntil === null) {
      notifiedSessionKinds.add(kind);
      emit('notify', sessionErrorNotification(error));
    }
    queueSnapshot();
  }

  async function startSessionReader(): Promise<void> {
    if (sessionReader || !preferences.current.readSessionLogs) return;
    const reader = createSessionReader({
      configDir: claudeConfigDir(host),
      scrub: (text) => redactor.scrub(text),
      onError: onSessionError,
      onChange: queueSnapshot,
    });
    sessionReader = reader;
    await reader.start();
  }

  function stopSessionReader(): void {
    sessionReader?.stop();
    sessionReader = null;
  }

  /** The long-running reader's view, or (one-shot use) the recent tails of the logs. */
  async function sessionsReport(): Promise<SessionsReport> {
    if (!preferences.current.readSessionLogs) return disabledSessionsReport();
    if (sessionReader) return sessionReader.report();
    return readRecentSessions({ configDir: claudeConfigDir(host), scrub: (text) => redactor.scrub(text) });
  }

  function lastProbeFindings(): Finding[] {
    return (monitor.snapshot().lastFullProbe ?? lastOneShotProbe)?.findings ?? [];
  }

  async function statusWithProbe(): Promise<StatusReport> {
    const status = toStatusReport(resolved);
    return { ...status, findings: mergeFindings(status.findings, lastProbeFindings()), sessions: await sessionsReport() };
  }

  async function getSnapshot(): Promise<DashboardSnapshot> {
    const profileList = await profiles.list();
    const status = await statusWithProbe();
    return {
      status,
      sessions: status.sessions,
      monitor: monitor.snapshot(),
      history: history.summary('24h'),
      profiles: profileList,
      mode: describeMode(resolved, profileList, secrets),
      preferences: preferences.current,
      changes: await fixes.listChanges(),
      homeDir: host.homeDir,
      account,
      signIn: signIn.state(),
    };
  }

  async function toCheckReport(probe: ProbeReport): Promise<CheckReport> {
    // The check@1 field order: the status fields, then schema, probe and sessions.
    const { schema: _status, ...status } = toStatusReport(resolved);
    return { ...status, schema: 'gateway-doctor/check@1', findings: mergeFindings(status.findings, probe.findings), probe, sessions: await sessionsReport() };
  }

  /**
   * Re-resolve after a change and say whether the finding went away: against
   * the configuration alone, or (the default, when a gateway is set) with a
   * new probe too.
   */
  async function verify(fixId: string, findingsBefore: string[], recheck: 'configuration' | 'probe'): Promise<NonNullable<ChangeResult['verify']>> {
    await reresolve();
    let findings = toStatusReport(resolved).findings;
    if (recheck === 'probe' && resolved.route.baseUrl) findings = mergeFindings(findings, (await fullProbeNow()).findings);
    const findingsAfter = findings.map((f) => f.id);
    // A switch has no finding to clear; a fix is verified when its finding is gone.
    if (fixId.startsWith('use-')) return { findingsBefore, findingsAfter, resolved: true };
    const still = findings.find((f) => f.id === fixId);
    return { findingsBefore, findingsAfter, resolved: !still, ...(still ? { stillReported: still } : {}) };
  }

  /**
   * With no claude.ai login saved, the preview offers the app's own sign-in
   * (rendered as a "Sign in to claude.ai…" button) instead of sending the
   * user to /login in a terminal.
   */
  function offerSignIn(plan: FixPlan): FixPlan {
    if (deps.offerSignInInPreviews === false) return plan;
    if (resolved.savedLogin.present || (account && isSignedIn(account))) return plan;
    const effects = plan.effects.map((e) => (/run \/login/.test(e) ? SIGN_IN_EFFECT : e));
    if (!effects.includes(SIGN_IN_EFFECT)) effects.push(SIGN_IN_EFFECT);
    return { ...plan, effects, signInOffered: true };
  }

  /** The background half of Claude Code detection (see authInBackground). */
  async function readAuthStatusLater(): Promise<void> {
    const authStatus = await readClaudeAuthStatus(host, runner, claude);
    if (!started) return;
    claude = { ...claude, authStatus };
    account = accountFromStatus(authStatus);
    await reresolve().catch(() => undefined);
    queueSnapshot();
  }

  const service: GatewayDoctorService = {
    redactor,

    async start() {
      if (deps.watch) {
        watcher = createConfigWatcher({ paths: watchTargets(host, projectDir()), onChange: () => void onConfigChange() });
        // A change made right after start() must not be missed.
        await watcher.ready();
      }
      monitor.start();
      started = true;
      if (deps.watch) await startSessionReader();
      if (authInBackground && claude.installed) void readAuthStatusLater();
    },

    async close() {
      started = false;
      stopSessionReader();
      await signIn.close();
      monitor.stop();
      await watcher?.close();
      await prober.close();
      listeners.clear();
    },

    wake: () => monitor.wake(),
    networkChanged: () => monitor.networkChanged(),

    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as Listener<ApiEvent>);
      listeners.set(event, set);
      const unsubscribe: Unsubscribe = () => set.delete(listener as Listener<ApiEvent>);
      return unsubscribe;
    },

    getSnapshot,

    async getStatus(args) {
      if (args?.projectDir && args.projectDir !== projectDir()) {
        const other = await resolveConfig(host, { projectDir: args.projectDir, runner, claude });
        rememberSecrets(other);
        return toStatusReport(other);
      }
      await reresolve();
      return await statusWithProbe();
    },

    async checkNow(args) {
      await reresolve();
      const timeoutMs = args?.timeoutMs ?? probeTimeout();
      // One-shot use (a CLI command) asked for this check itself: it runs alone, outside the monitor's budget and history.
      if (!started) {
        const probe = await probeOnce(args?.realistic ? 'realistic' : 'message', timeoutMs);
        return await toCheckReport(probe);
      }
      if (args?.realistic) {
        // On demand only, and paid from the event pool: it may cost up to 32 output tokens.
        const probe = await monitor.runOnDemand(REALISTIC_MAX_TOKENS, () => prober.probe(resolved, { kind: 'realistic', timeoutMs }));
        if (!probe) {
          const budget = monitor.tokenBudget();
          throw new ApiError(
            'refused',
            `The realistic check can cost up to ${REALISTIC_MAX_TOKENS} tokens, paid from today's allowance for on-demand and event checks (${budget.eventAllowance} tokens), which has ${Math.max(0, budget.eventAllowance - budget.eventSpentToday)} left. It renews at local midnight.`,
          );
        }
        queueSnapshot();
        return await toCheckReport(probe);
      }
      const probe = await fullProbeNow();
      queueSnapshot();
      return await toCheckReport(probe);
    },

    async getHistory(args) {
      return history.summary(args.range);
    },

    async explainError(args) {
      return explainError(args.text);
    },

    async planFix(args) {
      const finding = mergeFindings(resolved.findings, lastProbeFindings()).find((f) => f.id === args.findingId);
      // Previews quote settings text: known secrets and URL passwords are hidden for every adapter.
      return redactor.scrubDeep(withHelperNotice(await fixes.planFix(resolved, args.findingId, { caPath: args.caPath, destination: args.destination, finding })));
    },

    async planSwitch(args) {
      await reresolve();
      if (args.target === 'claude-login') return redactor.scrubDeep(withHelperNotice(offerSignIn(await fixes.planSwitch(resolved, { kind: 'claude-login', includeLocalSettings: args.includeLocalSettings === true }))));
      if (!args.profileId) throw new ApiError('bad-request', 'Choose a gateway profile to switch to.');
      // The stored header and variable values go into the settings; the Redactor learns them first.
      const revealed = await profiles.reveal(args.profileId);
      if (!revealed) throw new ApiError('not-found', `No gateway profile with id "${args.profileId}".`);
      const { profile } = revealed;
      for (const value of revealed.secretValues) redactor.add(value);
      const secret = await profiles.getSecret(profile.id);
      redactor.add(secret);
      return redactor.scrubDeep(withHelperNotice(await fixes.planSwitch(resolved, { kind: 'gateway', profile, secret })));
    },

    async applyPlan(args) {
      const findingsBefore = mergeFindings(resolved.findings, lastProbeFindings()).map((f) => f.id);
      const result = await fixes.apply(args.planId);
      if (result.ok && result.change) result.verify = await verify(result.change.fixId, findingsBefore, args.recheck ?? 'probe');
      if (result.ok) refreshAccount();
      queueSnapshot();
      return result;
    },

    async undoChange(args) {
      const result = await fixes.undo(args?.changeId);
      if (result.ok) {
        await reresolve();
        refreshAccount();
      }
      queueSnapshot();
      return result;
    },

    listChanges: () => fixes.listChanges(),

    listProfiles: () => profiles.list(),

    async findProfile(args) {
      const list = await profiles.list();
      // An exact id wins over a name; names match whatever their case.
      return list.find((p) => p.id === args.name) ?? list.find((p) => p.name.toLowerCase() === args.name.toLowerCase()) ?? null;
    },

    getMode: async () => describeMode(resolved, await profiles.list(), secrets),

    async saveProfile(args) {
      redactor.add(args.secret);
      const saved = await profiles.save(args);
      queueSnapshot();
      return saved;
    },

    async removeProfile(args) {
      const removed = await profiles.remove(args.id);
      queueSnapshot();
      return { removed: Boolean(removed) };
    },

    getPreferences: async () => preferences.current,

    async setPreferences(args) {
      const before = preferences.current.activeProjectDir;
      const next = await preferences.update(args);
      monitor.preferencesChanged();
      if (!next.readSessionLogs) stopSessionReader();
      else if (started && deps.watch) await startSessionReader();
      if (next.activeProjectDir !== before) await onConfigChange();
      queueSnapshot();
      return next;
    },

    async snooze(args) {
      monitor.snooze(args.until ? Date.parse(args.until) : null);
      queueSnapshot();
      return monitor.snapshot();
    },

    async getReport() {
      const markdown = buildMarkdownReport({
        status: await statusWithProbe(),
        probe: monitor.snapshot().lastFullProbe ?? monitor.snapshot().lastProbe,
        history: history.summary('24h'),
        appVersion: deps.appVersion ?? '0.1.0',
        generatedAt: new Date(clock.now()).toISOString(),
        homeDir: host.homeDir,
      });
      return { markdown: redactor.scrub(markdown) };
    },

    startSignIn: (args) => signIn.start(args ?? {}),

    async submitSignInCode(args) {
      if (signIn.state().phase !== 'waiting') throw new ApiError('conflict', 'No sign-in is waiting for a code: start the sign-in again.');
      return signIn.submitCode(args.code);
    },

    cancelSignIn: () => signIn.cancel(),

    getSignIn: async () => signIn.state(),

    async getAccount() {
      account = await signIn.account();
      queueSnapshot();
      return account;
    },

    async signOut() {
      const result = await signIn.signOut();
      account = result.account;
      await onConfigChange();
      return result;
    },
  };

  return service;
}
