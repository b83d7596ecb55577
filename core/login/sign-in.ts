/**
 * Drives `claude auth login` for people who never open a terminal: starts it,
 * captures the sign-in URL it prints, opens that URL (and only that URL),
 * passes the one-time code to its standard input when asked, and finishes
 * when it exits and `claude auth status` reports the login.
 *
 * One sign-in at a time: starting while one runs joins it. Bounded (10
 * minutes) and cancellable (the whole process group is ended). The code is
 * written to Claude Code's standard input and nowhere else: it is never kept
 * in the state, logged or returned.
 */
import type { CommandRunner, HostContext } from '../ports';
import type { ClaudeAccount, SignInMethod, SignInOptions, SignInState } from '../types';
import { parseVersion } from '../config/resolve/version';
import { accountFromStatus, isSignedIn, parseStatusJson } from './account';
import { claudeAuthEnv, locateClaude, type ClaudeCommand } from './claude-command';
import { asksForCode, findSignInUrl, lastLine, saysInvalidCode, saysRefusedByPolicy, saysSuccess, saysUnknownCommand } from './dialogue';
import { cancelled, claudeNotFound, loginFailed, policyRefusal, refusedByPolicy, timedOut, unknownOutput, unsupportedVersion } from './failures';
import { isSignInRunning } from '../../shared/sign-in-phase';
import { nodeSpawner, type InteractiveProcess, type InteractiveSpawner } from './interactive-process';

export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;
/** How long to wait for the URL before deciding the output is in a format we do not know. */
const URL_WAIT_MS = 60_000;
const STATUS_TIMEOUT_MS = 15_000;
const MAX_OUTPUT_CHARS = 64 * 1024;

export interface SignInDeps {
  host: HostContext;
  runner: CommandRunner;
  spawner?: InteractiveSpawner;
  /** Opens a sign-in URL in the default browser; resolves false when no browser could be opened. */
  openUrl?: (url: string) => Promise<boolean>;
  /** The merged settings' forceLoginMethod / forceLoginOrgUUID (facts §7.1). */
  loginPolicy?: () => { forceLoginMethod?: unknown; forceLoginOrgUUID?: unknown };
  /** Where Claude Code is: one function, so a wider locator can replace it. */
  locate?: (host: HostContext) => ClaudeCommand;
  timeoutMs?: number;
  urlWaitMs?: number;
  now?: () => number;
}

export interface SignInManager {
  /** Starts a sign-in (or joins the running one); resolves once the URL is known or it failed. */
  start(options?: SignInOptions): Promise<SignInState>;
  /** Passes the one-time code to Claude Code. */
  submitCode(code: string): Promise<SignInState>;
  cancel(): Promise<SignInState>;
  state(): SignInState;
  /** Resolves when the current sign-in has finished (signed in or failed). */
  finished(): Promise<SignInState>;
  /** The account `claude auth status` reports now. */
  account(): Promise<ClaudeAccount>;
  /** `claude auth logout`. */
  signOut(): Promise<{ ok: boolean; message: string; account: ClaudeAccount }>;
  onChange(listener: (state: SignInState) => void): () => void;
  /** Cancels a running sign-in (app quit). */
  close(): Promise<void>;
}

export function idleSignIn(method: SignInMethod = 'claudeai'): SignInState {
  return { revision: 0, phase: 'idle', method, url: null, browserOpened: null, codeRequested: false, codeSubmitted: false, codeProblem: null, error: null, account: null, startedAt: null, finishedAt: null, deadline: null };
}


/** A login Claude Code saved but does not use yet (a gateway credential still wins). */
function savedButUnused(method: SignInMethod, email: string | undefined): ClaudeAccount {
  const kind = method === 'console' ? 'console' : 'claude.ai';
  const what = kind === 'console' ? 'Console' : 'claude.ai';
  const who = email ? ` as ${email}` : '';
  return { loggedIn: true, kind, email: email ?? null, orgName: null, subscriptionType: null, label: `Signed in to ${what}${who} (not used while a gateway is set)` };
}

export function loginArgs(options: SignInOptions): string[] {
  const args = ['auth', 'login', options.method === 'console' ? '--console' : '--claudeai'];
  if (options.sso) args.push('--sso');
  if (options.email) args.push('--email', options.email);
  return args;
}

export function createSignInManager(deps: SignInDeps): SignInManager {
  const spawner = deps.spawner ?? nodeSpawner;
  const locate = deps.locate ?? locateClaude;
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  const urlWaitMs = deps.urlWaitMs ?? URL_WAIT_MS;
  const listeners = new Set<(state: SignInState) => void>();

  let current: SignInState = idleSignIn();
  let proc: InteractiveProcess | null = null;
  let settleStarted: Array<() => void> = [];
  let settleFinished: Array<() => void> = [];
  let stopReason: 'cancelled' | 'timed-out' | 'unknown-output' | null = null;

  const iso = () => new Date(now()).toISOString();
  const claudeOptions = (timeout: number) => ({ timeoutMs: timeout, env: claudeAuthEnv(deps.host), cwd: deps.host.homeDir, maxOutputBytes: 64 * 1024 });

  function update(patch: Partial<SignInState>): void {
    current = { ...current, ...patch, revision: current.revision + 1 };
    if (current.phase !== 'starting') {
      const waiting = settleStarted;
      settleStarted = [];
      waiting.forEach((f) => f());
    }
    if (!isSignInRunning(current.phase)) {
      const waiting = settleFinished;
      settleFinished = [];
      waiting.forEach((f) => f());
    }
    const snapshot = current;
    for (const l of listeners) {
      try {
        l(snapshot);
      } catch {
        // A failing subscriber must not break the sign-in.
      }
    }
  }

  function fail(error: NonNullable<SignInState['error']>): void {
    update({ phase: 'failed', error, finishedAt: iso() });
  }

  async function version(command: string): Promise<string | null> {
    try {
      const r = await deps.runner.run(command, ['--version'], claudeOptions(5_000));
      return r.exitCode === 0 ? parseVersion(r.stdout) : null;
    } catch {
      return null;
    }
  }

  async function readAccount(): Promise<ClaudeAccount> {
    const { command } = locate(deps.host);
    try {
      const r = await deps.runner.run(command, ['auth', 'status', '--json'], claudeOptions(STATUS_TIMEOUT_MS));
      return accountFromStatus(r.spawnError || r.timedOut ? null : parseStatusJson(r.stdout));
    } catch {
      return accountFromStatus(null);
    }
  }

  async function onExit(result: { exitCode: number | null; spawnError?: string }, output: string, claude: ClaudeCommand, options: SignInOptions): Promise<void> {
    proc = null;
    const minutes = Math.round(timeoutMs / 60_000);
    if (stopReason === 'cancelled') return fail(cancelled());
    if (stopReason === 'timed-out') return fail(timedOut(minutes));
    if (stopReason === 'unknown-output') return fail(unknownOutput(await version(claude.command), lastLine(output)));
    if (result.spawnError) {
      if (/not found/.test(result.spawnError)) return fail(claudeNotFound(claude.lookedIn));
      return fail(loginFailed(result.spawnError));
    }
    const policy = deps.loginPolicy?.() ?? {};
    if (result.exitCode === 0 || saysSuccess(output)) {
      update({ phase: 'verifying' });
      const account = await readAccount();
      if (isSignedIn(account)) return update({ phase: 'signed-in', account, finishedAt: iso() });
      // While a gateway credential is set, `auth status` reports that credential, not the new
      // login: Claude Code's own "Login successful." is then the evidence.
      if (account.kind === 'other' && saysSuccess(output)) return update({ phase: 'signed-in', account: savedButUnused(current.method, options.email), finishedAt: iso() });
      return fail(loginFailed('Claude Code finished, but `claude auth status` reports no claude.ai login'));
    }
    if (saysRefusedByPolicy(output)) return fail(refusedByPolicy(lastLine(output), policy.forceLoginOrgUUID));
    if (!current.url && saysUnknownCommand(output)) return fail(unsupportedVersion(await version(claude.command)));
    if (!current.url) return fail(unknownOutput(await version(claude.command), lastLine(output)));
    return fail(loginFailed(lastLine(output)));
  }

  async function launch(options: SignInOptions): Promise<void> {
    const method = options.method ?? 'claudeai';
    stopReason = null;
    current = { ...idleSignIn(method), revision: current.revision + 1, phase: 'starting', startedAt: iso(), deadline: new Date(now() + timeoutMs).toISOString() };
    update({});
    const refusal = policyRefusal(method, deps.loginPolicy?.().forceLoginMethod);
    if (refusal) return fail(refusal);
    const claude = locate(deps.host);
    let output = '';
    let seenForCode = 0;
    const child = spawner.spawn(claude.command, loginArgs(options), { env: claudeAuthEnv(deps.host), cwd: deps.host.homeDir });
    proc = child;
    const deadline = setTimeout(() => {
      stopReason = 'timed-out';
      child.kill();
    }, timeoutMs);
    deadline.unref?.();
    const urlWait = setTimeout(() => {
      if (current.url || !isSignInRunning(current.phase)) return;
      stopReason = 'unknown-output';
      child.kill();
    }, urlWaitMs);
    urlWait.unref?.();

    child.onOutput((chunk) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk;
      if (!current.url) {
        // Only whole lines: a chunk may end in the middle of the URL.
        const url = findSignInUrl(output.slice(0, output.lastIndexOf('\n') + 1));
        if (url) {
          update({ phase: 'waiting', url, codeRequested: asksForCode(output) });
          if (!options.noBrowser) void openBrowser(url);
          return;
        }
      }
      if (current.url && !current.codeRequested && asksForCode(output)) update({ codeRequested: true });
      const sinceCode = output.slice(seenForCode);
      if (current.codeSubmitted && saysInvalidCode(sinceCode)) {
        seenForCode = output.length;
        update({ codeProblem: 'Claude Code did not accept that code. Copy the whole code from the browser page and paste it again.' });
      }
    });
    child.onExit((result) => {
      clearTimeout(deadline);
      clearTimeout(urlWait);
      void onExit(result, output, claude, options);
    });
  }

  async function openBrowser(url: string): Promise<void> {
    let opened = false;
    try {
      opened = deps.openUrl ? await deps.openUrl(url) : false;
    } catch {
      opened = false;
    }
    if (current.url === url) update({ browserOpened: opened });
  }

  const manager: SignInManager = {
    async start(options = {}) {
      if (!isSignInRunning(current.phase)) await launch(options);
      if (current.phase === 'starting') await new Promise<void>((resolve) => settleStarted.push(resolve));
      return current;
    },

    async submitCode(code) {
      const trimmed = code.trim();
      if (!proc || current.phase !== 'waiting') return current;
      if (!trimmed || /[\r\n]/.test(trimmed) || trimmed.length > 4096) {
        update({ codeProblem: 'Paste the code from the browser page: one line, as shown there.' });
        return current;
      }
      proc.write(`${trimmed}\n`);
      update({ codeSubmitted: true, codeProblem: null });
      return current;
    },

    async cancel() {
      if (proc && isSignInRunning(current.phase)) {
        stopReason = 'cancelled';
        const finished = manager.finished();
        proc.kill();
        await finished;
      }
      return current;
    },

    state: () => current,

    finished() {
      if (!isSignInRunning(current.phase)) return Promise.resolve(current);
      return new Promise<SignInState>((resolve) => settleFinished.push(() => resolve(current)));
    },

    account: readAccount,

    async signOut() {
      const { command, lookedIn } = locate(deps.host);
      const r = await deps.runner.run(command, ['auth', 'logout'], claudeOptions(STATUS_TIMEOUT_MS));
      const account = await readAccount();
      if (r.spawnError) return { ok: false, message: claudeNotFound(lookedIn).message, account };
      if (r.exitCode !== 0 || r.timedOut) return { ok: false, message: `Claude Code could not sign out${r.timedOut ? ' (it did not answer in time)' : `: ${lastLine(r.stderr || r.stdout)}`}.`, account };
      if (current.phase === 'signed-in') update(idleSignIn(current.method));
      return { ok: !isSignedIn(account), message: isSignedIn(account) ? 'Claude Code still reports a login after signing out.' : 'Signed out of claude.ai.', account };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      await manager.cancel();
      listeners.clear();
    },
  };
  return manager;
}
