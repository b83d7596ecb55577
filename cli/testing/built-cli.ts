/**
 * Test-only: runs the built CLI (`node bin/gateway-doctor.js ...`) as a real
 * child process, the way a user or a script runs it. The bundle is rebuilt
 * once per test file (esbuild, well under a second) so a test never runs a
 * stale build.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_LAUNCHER = join(REPO_ROOT, 'bin', 'gateway-doctor.js');

let built = false;

/** `npm run build:cli`, once per test file. */
export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs')], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
  built = true;
}

/**
 * The environment for a CLI child: exactly `env` plus PATH, never the
 * runner's own HOME (and never VITEST, which would stop the bundle from
 * acting as an entry point).
 */
export function cliEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
}

/** Starts the built CLI with the given arguments; the caller owns the child. */
export function spawnCli(args: string[], opts: { env: Record<string, string>; cwd: string }): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI_LAUNCHER, ...args], { cwd: opts.cwd, env: cliEnv(opts.env), stdio: 'pipe' });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion, killing it after `timeoutMs`. */
export function runCli(args: string[], opts: { env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawnCli(args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
