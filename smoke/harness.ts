/**
 * Runs the BUILT main bundle (package.json "main") as a child Node process
 * with the recording `electron` stand-in (smoke/stand-in/), and talks to the
 * stand-in over the fork IPC channel. Used by the smoke scenarios and the
 * start-up benchmarks (bench/startup.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface TrayRecord {
  createdAt: number;
  images: Array<{ at: number; path: string | null; empty: boolean }>;
  toolTip: string;
  menu: MenuItemRecord[];
  destroyed: boolean;
}
export interface MenuItemRecord {
  label: string | null;
  type: string;
  enabled: boolean;
  checked?: boolean;
  submenu?: MenuItemRecord[];
}
export interface WindowRecord {
  createdAt: number;
  url: string | null;
  loads: Array<{ at: number; url: string }>;
  shown: boolean;
  shownInactive: boolean;
  focused: number;
  destroyed: boolean;
  closeEvents: number;
  world: number | null;
  preloadError: string | null;
  bounds: { x: number; y: number; width: number; height: number };
  options: { webPreferences?: Record<string, unknown> };
}
export interface StandInState {
  readyAt: number | null;
  platform: string;
  calls: Array<{ at: number; name: string; detail?: unknown }>;
  singleInstanceLock: boolean | null;
  appUserModelId: string | null;
  appUserModelIdAt: number | null;
  dockHidden: boolean;
  errorBoxes: Array<{ title: string; content: string }>;
  privilegedSchemes: string[];
  protocols: string[];
  ipcChannels: string[];
  listeners: Record<string, number>;
  trays: TrayRecord[];
  windows: WindowRecord[];
  notifications: Array<{ title: string; body: string; silent: boolean; shownAt: number | null }>;
}

export interface RunningApp {
  /** Sends a command to the stand-in (see `commands` in smoke/stand-in/electron.mjs). */
  send<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T>;
  state(): Promise<StandInState>;
  /** Polls state() until `check` returns a value (not undefined/false), or fails after `timeoutMs` naming `what`. */
  waitFor<T>(what: string, check: (state: StandInState) => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number | null>;
  output(): string;
  kill(): void;
}

export const REPO_ROOT = resolve('.');
const REGISTER = join(REPO_ROOT, 'smoke', 'stand-in', 'register.mjs');

export async function mainBundlePath(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
  return join(REPO_ROOT, pkg.main);
}

export interface Sandbox {
  root: string;
  home: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** A temp home with the folders the app expects, and the env that keeps every path inside it. */
export async function sandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'gd-smoke-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(join(root, 'managed'), { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    USERPROFILE: home,
    APPDATA: join(home, 'AppData', 'Roaming'),
    XDG_CONFIG_HOME: join(home, '.config'),
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'),
    GATEWAY_DOCTOR_DATA_DIR: join(root, 'app-data'),
    // No claude unless a scenario brings one.
    GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-claude-here'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TMPDIR: tmpdir(),
  };
  return { root, home, env, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * A shell-script `claude` at `file` (it runs with a minimal PATH, where node
 * may be missing): `--version` prints `version`, `auth status` says signed
 * out; each answer comes after `delayMs` when given (a cold or slow install).
 */
export async function fakeClaudeScript(file: string, opts: { version: string; delayMs?: number }): Promise<string> {
  const sleep = opts.delayMs ? `sleep ${(opts.delayMs / 1000).toFixed(2)}\n` : '';
  await writeFile(file, `#!/bin/sh\n${sleep}if [ "$1" = "--version" ]; then echo "${opts.version} (Claude Code)"; else echo '{"loggedIn": false}'; exit 1; fi\n`);
  await chmod(file, 0o755);
  return file;
}

/** A `claude` that answers --version and `auth status` after `delayMs` (a cold or slow install). */
export function slowClaude(dir: string, delayMs: number): Promise<string> {
  return fakeClaudeScript(join(dir, 'slow-claude'), { version: '2.1.197', delayMs });
}

/** Writes settings.json pointing Claude Code at `baseUrl`, as the user guide does. */
export async function configureGateway(home: string, baseUrl: string, token: string): Promise<void> {
  await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_AUTH_TOKEN: token } }, null, 2) + '\n');
}

export async function launch(options: { env: Record<string, string>; platform?: NodeJS.Platform; args?: string[]; main?: string }): Promise<RunningApp> {
  const main = options.main ?? process.env.SMOKE_MAIN ?? (await mainBundlePath());
  const child: ChildProcess = fork(main, options.args ?? [], {
    cwd: REPO_ROOT,
    env: { ...options.env, ...(options.platform ? { SMOKE_PLATFORM: options.platform } : {}) },
    execArgv: ['--import', REGISTER],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Bounded: a chatty app must not grow the test's memory.
    if (output.length < 200_000) output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
    if (typeof message?.id !== 'number') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new Error(message.error));
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`The app exited.\n${output.slice(-2000)}`));
    pending.clear();
  });

  const send = <T>(command: string, args?: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolveSend, reject) => {
      if (!child.connected) return reject(new Error(`The app is not running.\n${output.slice(-2000)}`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The stand-in did not answer "${command}" within 15 s.`));
      }, 15_000);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolveSend(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, command, args });
    });
  const state = () => send<StandInState>('state');

  return {
    send,
    state,
    async waitFor(what, check, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: StandInState | null = null;
      while (Date.now() < deadline) {
        last = await state();
        const value = check(last);
        if (value !== undefined && value !== false && value !== null) return value as never;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\nApp output:\n${output.slice(-3000)}`);
    },
    exited,
    output: () => output,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The state shown by a tray image file name (tray-<state>[Template][@2x].png). */
export function trayStateOf(path: string | null): string | null {
  const match = path ? /tray-([a-z]+)(?:Template)?(?:@2x)?\.png$/.exec(path) : null;
  return match ? match[1] : null;
}

/** Electron's userData folder for `platform` in the sandbox (where shell.json lives). */
export function userDataDir(env: Record<string, string>, platform: NodeJS.Platform = 'linux'): string {
  if (platform === 'darwin') return join(env.HOME, 'Library', 'Application Support', 'gateway-doctor');
  if (platform === 'win32') return join(env.APPDATA, 'gateway-doctor');
  return join(env.XDG_CONFIG_HOME, 'gateway-doctor');
}

/** Makes the sandbox look like a machine where the app ran before (shell.json exists). */
export async function markNotFirstRun(env: Record<string, string>, platform: NodeJS.Platform = 'linux'): Promise<void> {
  const dir = userDataDir(env, platform);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'shell.json'), '{}\n');
}

/** A machine where the user configured the gateway (settings.json) and the app ran before. */
export async function returningUser(box: Sandbox, gatewayUrl: string, token: string, platform: NodeJS.Platform = 'linux'): Promise<void> {
  await configureGateway(box.home, gatewayUrl, token);
  await markNotFirstRun(box.env, platform);
}

export interface AppStart {
  /** Writes what the scenario needs into the fresh sandbox; returns the app's environment when it is not the sandbox's. */
  prepare?: (box: Sandbox) => Promise<Record<string, string> | void>;
  platform?: NodeJS.Platform;
}

/**
 * Starts apps, each in a fresh sandbox, and stops them: `stopAll()` (in
 * afterEach or afterAll) kills every app, waits for it to exit and removes
 * its sandbox, also after a start that failed half way.
 */
export function appRunner(): { start(options?: AppStart): Promise<{ app: RunningApp; env: Record<string, string>; box: Sandbox }>; stopAll(): Promise<void> } {
  const started: Array<{ app: RunningApp | null; cleanup: () => Promise<void> }> = [];
  return {
    async start(options = {}) {
      const box = await sandbox();
      const entry: { app: RunningApp | null; cleanup: () => Promise<void> } = { app: null, cleanup: box.cleanup };
      started.push(entry);
      const env = (await options.prepare?.(box)) ?? box.env;
      entry.app = await launch({ env, platform: options.platform });
      return { app: entry.app, env, box };
    },
    async stopAll() {
      for (const entry of started.splice(0).reverse()) {
        entry.app?.kill();
        await entry.app?.exited;
        await entry.cleanup();
      }
    },
  };
}

/** The engine's preferences.json (GATEWAY_DOCTOR_DATA_DIR must be set in env). */
export async function writePreferences(env: Record<string, string>, prefs: Record<string, unknown>): Promise<void> {
  await mkdir(env.GATEWAY_DOCTOR_DATA_DIR, { recursive: true });
  await writeFile(join(env.GATEWAY_DOCTOR_DATA_DIR, 'preferences.json'), JSON.stringify(prefs, null, 2) + '\n');
}
