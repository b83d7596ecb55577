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
import { detectClaudeCode, resolveConfig, toStatusReport } from './config';
import { watchTargets } from './config/discovery';
import type { ResolvedConfig } from './config/resolved';
import { explainError } from './diagnosis/explain';
import { createFixEngine } from './fixes';
import { createConfigWatcher, createHistoryStore, createMonitor } from './monitor';
import { PreferencesFile } from './preferences';
import { createProber } from './probe';
import { createProfileStore, describeMode } from './profiles';
import { buildMarkdownReport } from './report/markdown-report';
import { systemClock, type Clock, type CommandRunner, type HostContext, type SecretStore } from './ports';
import type {
  CheckReport,
  ClaudeCodeInfo,
  DashboardSnapshot,
  Finding,
  Preferences,
  ProbeReport,
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

const LATEST_DOCUMENTED = '2.1.240';

function undetectedClaude(): ClaudeCodeInfo {
  return { installed: false, version: null, authStatus: null, behaviourVersion: LATEST_DOCUMENTED };
}

/** Config findings first, then probe findings whose id is new. */
export function mergeFindings(config: Finding[], probe: Finding[]): Finding[] {
  const seen = new Set(config.map((f) => f.id));
  return [...config, ...probe.filter((f) => !seen.has(f.id))];
}

type Listener<E extends ApiEvent> = (payload: GatewayDoctorEvents[E]) => void;

export async function createGatewayDoctor(deps: GatewayDoctorDeps): Promise<GatewayDoctorService> {
  const { host, secrets } = deps;
  const clock = deps.clock ?? systemClock;
  const runner = deps.runner ?? createCommandRunner();
  const redactor = new Redactor();
  const preferences = new PreferencesFile(host.appDataDir);
  await preferences.load();
  if (deps.preferenceOverrides) preferences.setOverrides(deps.preferenceOverrides);

  const claude: ClaudeCodeInfo = deps.claude === 'detect' ? await detectClaudeCode(host, runner) : undetectedClaude();
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

  function rememberSecrets(config: ResolvedConfig): void {
    for (const value of Object.values(config.credential.values)) redactor.add(value);
    for (const entry of Object.values(config.env)) if (entry.secret) redactor.add(entry.value);
  }

  async function reresolve(): Promise<void> {
    resolved = await resolveConfig(host, { projectDir: projectDir(), runner, claude });
    rememberSecrets(resolved);
    watcher?.update(watchTargets(host, projectDir()));
  }

  const prober = createProber({ host, runner });
  const history = createHistoryStore({ dir: join(host.appDataDir, 'history'), clock });
  const fixes = createFixEngine({ host, clock, redactor, secrets });
  const profiles = createProfileStore({ host, secrets });

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

  /**
   * The full 1-token probe. Once started, it goes through the monitor (state,
   * history, notifications); before that (one-shot use) it probes directly.
   */
  function fullProbeNow(): Promise<ProbeReport> {
    return started ? monitor.checkNow() : prober.probe(resolved, { kind: 'message', timeoutMs: probeTimeout() });
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

  function lastProbeFindings(): Finding[] {
    return monitor.snapshot().lastFullProbe?.findings ?? [];
  }

  function statusWithProbe(): StatusReport {
    const status = toStatusReport(resolved);
    return { ...status, findings: mergeFindings(status.findings, lastProbeFindings()) };
  }

  async function getSnapshot(): Promise<DashboardSnapshot> {
    const profileList = await profiles.list();
    return {
      status: statusWithProbe(),
      monitor: monitor.snapshot(),
      history: history.summary('24h'),
      profiles: profileList,
      mode: describeMode(resolved, profileList, secrets),
      preferences: preferences.current,
      changes: await fixes.listChanges(),
    };
  }

  function toCheckReport(probe: ProbeReport): CheckReport {
    const status = toStatusReport(resolved);
    return { ...status, schema: 'gateway-doctor/check@1', findings: mergeFindings(status.findings, probe.findings), probe };
  }

  /** Re-resolve (and re-probe) after a change, and say whether the finding went away. */
  async function verify(fixId: string, findingsBefore: string[]) {
    await reresolve();
    let findingsAfter = toStatusReport(resolved).findings.map((f) => f.id);
    if (resolved.route.baseUrl) {
      const probe = await fullProbeNow();
      findingsAfter = mergeFindings(toStatusReport(resolved).findings, probe.findings).map((f) => f.id);
    }
    // A switch has no finding to clear; a fix is verified when its finding is gone.
    const resolvedFinding = fixId.startsWith('use-') ? true : !findingsAfter.includes(fixId);
    return { findingsBefore, findingsAfter, resolved: resolvedFinding };
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
    },

    async close() {
      started = false;
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
      return statusWithProbe();
    },

    async checkNow(args) {
      await reresolve();
      if (args?.realistic) {
        const probe = await prober.probe(resolved, { kind: 'realistic', timeoutMs: probeTimeout() });
        queueSnapshot();
        return toCheckReport(probe);
      }
      const probe = await fullProbeNow();
      queueSnapshot();
      return toCheckReport(probe);
    },

    async getHistory(args) {
      return history.summary(args.range);
    },

    async explainError(args) {
      return explainError(args.text);
    },

    async planFix(args) {
      const finding = mergeFindings(resolved.findings, lastProbeFindings()).find((f) => f.id === args.findingId);
      return fixes.planFix(resolved, args.findingId, { caPath: args.caPath, finding });
    },

    async planSwitch(args) {
      await reresolve();
      if (args.target === 'claude-login') return fixes.planSwitch(resolved, { kind: 'claude-login', includeLocalSettings: args.includeLocalSettings === true });
      if (!args.profileId) throw new ApiError('bad-request', 'Choose a gateway profile to switch to.');
      const profile = await profiles.get(args.profileId);
      if (!profile) throw new ApiError('not-found', `No gateway profile with id "${args.profileId}".`);
      const secret = await profiles.getSecret(profile.id);
      redactor.add(secret);
      return fixes.planSwitch(resolved, { kind: 'gateway', profile, secret });
    },

    async applyPlan(args) {
      const findingsBefore = mergeFindings(resolved.findings, lastProbeFindings()).map((f) => f.id);
      const result = await fixes.apply(args.planId);
      if (result.ok && result.change) result.verify = await verify(result.change.fixId, findingsBefore);
      queueSnapshot();
      return result;
    },

    async undoChange(args) {
      const result = await fixes.undo(args?.changeId);
      if (result.ok) await reresolve();
      queueSnapshot();
      return result;
    },

    listChanges: () => fixes.listChanges(),

    listProfiles: () => profiles.list(),

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
        status: statusWithProbe(),
        probe: monitor.snapshot().lastFullProbe ?? monitor.snapshot().lastProbe,
        history: history.summary('24h'),
        appVersion: deps.appVersion ?? '0.1.0',
        generatedAt: new Date(clock.now()).toISOString(),
      });
      return { markdown: redactor.scrub(markdown) };
    },
  };

  return service;
}
