/**
 * Runs the real, npm-installed `claude` in a sealed sandbox: a fresh temp
 * HOME, CLAUDE_CONFIG_DIR, XDG_CONFIG_HOME and TMPDIR, nonessential traffic
 * off, and only PATH taken from the parent environment. The parent's
 * environment is never passed wholesale, so no real credential or config of
 * the machine running the tests can reach the child, and the child can never
 * read the real home folder's settings.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The project-local `claude` installed from npm (devDependency). */
export const CLAUDE_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'claude');

export function claudeInstalled(): boolean {
  return existsSync(CLAUDE_BIN);
}

export interface ClaudeSandbox {
  root: string;
  home: string;
  /** CLAUDE_CONFIG_DIR: user settings live in `<configDir>/settings.json`. */
  configDir: string;
  xdgConfigHome: string;
  tmpDir: string;
  /** An empty folder to start `claude` in (not a git repository). */
  projectDir: string;
  /** The base environment of every child: the sandbox folders, traffic off, PATH. */
  baseEnv: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Creates a fresh sandbox under the OS temp folder. */
export async function makeSandbox(): Promise<ClaudeSandbox> {
  const root = await mkdtemp(join(tmpdir(), 'gd-conformance-'));
  const home = join(root, 'home');
  const configDir = join(home, '.claude');
  const xdgConfigHome = join(home, '.config');
  const tmpDir = join(root, 'tmp');
  const projectDir = join(root, 'project');
  await Promise.all([configDir, xdgConfigHome, tmpDir, projectDir].map((d) => mkdir(d, { recursive: true })));
  const baseEnv: Record<string, string> = {
    HOME: home,
    CLAUDE_CONFIG_DIR: configDir,
    XDG_CONFIG_HOME: xdgConfigHome,
    TMPDIR: tmpDir,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
  };
  return {
    root,
    home,
    configDir,
    xdgConfigHome,
    tmpDir,
    projectDir,
    baseEnv,
    cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}

export interface ClaudeRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export interface RunClaudeOptions {
  /** The complete child environment (normally `sandbox.baseEnv` plus the case's variables). */
  env: Record<string, string>;
  cwd: string;
  /** Hard kill after this long (default 30 s). */
  timeoutMs?: number;
  /** Cap on captured stdout/stderr each (default 256 KiB). */
  maxOutputBytes?: number;
}

/**
 * Spawns `claude <args>` with exactly `options.env`, stdin closed, a hard
 * timeout (SIGKILL of the process) and bounded output capture.
 */
export function runClaude(args: string[], options: RunClaudeOptions): Promise<ClaudeRun> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxOut = options.maxOutputBytes ?? 256 * 1024;
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(CLAUDE_BIN, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const collect = (which: 'out' | 'err') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (which === 'out') {
        if (stdout.length < maxOut) stdout += text.slice(0, maxOut - stdout.length);
      } else if (stderr.length < maxOut) {
        stderr += text.slice(0, maxOut - stderr.length);
      }
    };
    child.stdout.on('data', collect('out'));
    child.stderr.on('data', collect('err'));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (exitCode: number | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({
        exitCode,
        stdout,
        stderr: spawnError ? `${stderr}${spawnError}` : stderr,
        timedOut,
        durationMs: Date.now() - started,
      });
    };
    child.on('error', (error) => finish(null, `spawn failed: ${error.message}`));
    child.on('close', (code) => finish(code));
  });
}

/** Runs async jobs with at most `limit` in flight, preserving result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
