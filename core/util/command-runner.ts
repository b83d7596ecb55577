/**
 * The default CommandRunner: runs a program with child_process.spawn, bounded
 * in time and output size, and never throws. Everything that shells out from
 * the core (git, claude, reg, plutil, security) goes through it, so tests can
 * swap in a fake and production code cannot hang or flood memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { CommandResult, CommandRunner } from '../ports';

/** Output kept per stream when the caller gives no limit. */
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Time between the polite SIGTERM and the SIGKILL after a timeout. */
const KILL_GRACE_MS = 1000;
/**
 * After the program itself exits, how long to keep reading for output still
 * in the pipes. A leftover grandchild (`setsid daemon &`) can hold the pipes
 * open for ever, so 'close' is not waited for beyond this.
 */
const LINGER_AFTER_EXIT_MS = 500;

type RunOptions = Parameters<CommandRunner['run']>[2];

/**
 * Builds the child's environment. `options.env` *replaces* the process
 * environment (as with Node's spawn), so a test's temp HOME can never be
 * mixed with the real one; `undefined` values are dropped. PATH (and
 * Windows' SystemRoot) are inherited when the caller leaves them out, so the
 * program can still be found.
 */
export function buildChildEnv(env: RunOptions['env']): NodeJS.ProcessEnv {
  if (!env) return process.env;
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) out[name] = value;
  }
  const hasPath = Object.keys(out).some((name) => name.toUpperCase() === 'PATH');
  if (!hasPath) {
    const pathName = Object.keys(process.env).find((name) => name.toUpperCase() === 'PATH');
    if (pathName && process.env[pathName] !== undefined) out[pathName] = process.env[pathName];
  }
  if (process.platform === 'win32' && out.SystemRoot === undefined && process.env.SystemRoot) {
    out.SystemRoot = process.env.SystemRoot;
  }
  return out;
}

/** Collects a stream's bytes up to a limit, draining (and discarding) the rest so the child never blocks. */
class BoundedBuffer {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    if (this.#size >= this.limit) {
      this.truncated = true;
      return;
    }
    const room = this.limit - this.#size;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.truncated = true;
    this.#chunks.push(kept);
    this.#size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}

/** Signals the child's whole process group (it must have been spawned `detached`), or the child alone on Windows or when that fails. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) {
      // The child leads its own process group (detached), so a shell and
      // everything it started go down together.
      process.kill(-child.pid, signal);
    } else {
      child.kill(signal);
    }
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function cwdProblem(cwd: string | undefined): string | null {
  if (cwd === undefined) return null;
  try {
    if (!statSync(cwd).isDirectory()) return `working folder ${cwd} is not a folder`;
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `working folder ${cwd} is not usable (${code})`;
  }
}

/**
 * Runs one program. Resolves (never rejects) with its exit code and output;
 * `spawnError` says why it could not start, `timedOut` that it was killed
 * after `timeoutMs`. Output beyond `maxOutputBytes` per stream is dropped.
 * Resolves at `timeoutMs` at the latest, whatever the program's descendants
 * do with the pipes.
 */
function runCommand(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const started = Date.now();
  const limit = Math.max(0, options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const stdout = new BoundedBuffer(limit);
  const stderr = new BoundedBuffer(limit);
  const elapsed = () => Date.now() - started;
  const failed = (spawnError: string): CommandResult => ({
    exitCode: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    durationMs: elapsed(),
    spawnError,
  });

  const badCwd = cwdProblem(options.cwd);
  if (badCwd) return Promise.resolve(failed(`${command} could not start: ${badCwd}`));

  return new Promise<CommandResult>((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: buildChildEnv(options.env),
        shell: options.shell ?? false,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        detached: process.platform !== 'win32',
      });
    } catch (error) {
      resolve(failed(`${command} could not start: ${(error as Error).message}`));
      return;
    }

    let settled = false;
    let timedOut = false;
    let spawnError: string | undefined;
    let lingerTimer: NodeJS.Timeout | undefined;

    /** Stops reading whatever the pipes do: a grandchild in another session may hold them open. */
    const stopReading = () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    };

    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group goes: the shell and everything it started
      // (a `setsid` grandchild has left the group and cannot be reached,
      // which is why reading stops now rather than at 'close').
      killTree(child, 'SIGTERM');
      const killTimer = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
      killTimer.unref?.();
      stopReading();
      finish(null);
    }, Math.max(1, options.timeoutMs));
    timer.unref?.();

    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (lingerTimer) clearTimeout(lingerTimer);
      resolve({
        exitCode: spawnError ? null : exitCode,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        durationMs: elapsed(),
        ...(spawnError ? { spawnError } : {}),
      });
    };

    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      // 'error' fires when the program cannot be started (ENOENT, EACCES) or
      // cannot be killed; only the former matters here.
      if (child.pid === undefined || error.code === 'ENOENT' || error.code === 'EACCES') {
        spawnError = error.code === 'ENOENT' ? `${command} was not found` : `${command} could not start: ${error.message}`;
        finish(null);
      }
    });
    // 'close' waits for the output streams too, so no output is lost...
    child.on('close', (code) => finish(code));
    // ...unless something the program left behind holds them open.
    child.on('exit', (code) => {
      if (settled) return;
      lingerTimer = setTimeout(() => {
        stopReading();
        finish(code);
      }, LINGER_AFTER_EXIT_MS);
      lingerTimer.unref?.();
    });
  });
}

/** The CommandRunner the CLI and the Electron main process use. */
export function createCommandRunner(): CommandRunner {
  return { run: runCommand };
}
