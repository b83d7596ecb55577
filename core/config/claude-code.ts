/**
 * Detects the installed Claude Code: its version (which gates every
 * prediction) and its own read-only `claude auth status` answer (the ground
 * truth the resolver is cross-checked against).
 */
import { delimiter, dirname } from 'node:path';
import type { CommandRunner, HostContext } from '../ports';
import type { ClaudeCodeInfo } from '../types';
import { locateClaude } from './claude-locator';
import { LATEST_DOCUMENTED_VERSION, parseVersion } from './resolve/version';

/** Each claude invocation is bounded; `--version` takes ~0.1 s, `auth status` ~1 s. */
export const CLAUDE_TIMEOUT_MS = 5_000;
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * The claude binary to run: where locateClaude found it, else plain `claude`
 * (left to the OS's PATH search, as before).
 */
export function claudeBinary(host: HostContext): string {
  return locateClaude(host)?.path ?? 'claude';
}

/**
 * The child's environment: the host's, with HOME pinned to the host's home
 * folder, and claude's own folder first on PATH (an npm install's `node` often
 * lives next to it, and a GUI app's PATH may lack both).
 */
function childEnv(host: HostContext, bin: string): Record<string, string | undefined> {
  const pathName = Object.keys(host.env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  const binDir = dirname(bin);
  const path = binDir && binDir !== '.' ? [binDir, host.env[pathName]].filter(Boolean).join(host.platform === 'win32' ? ';' : delimiter) : host.env[pathName];
  return { ...host.env, [pathName]: path, HOME: host.homeDir, ...(host.platform === 'win32' ? { USERPROFILE: host.homeDir } : {}) };
}

/** The JSON object in `claude auth status` output (it may be surrounded by other lines). */
export function parseAuthStatus(stdout: string): Record<string, unknown> | null {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const parsed: unknown = JSON.parse(stdout.slice(start, end + 1));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * How to run the located claude: Windows runs an npm install's claude.cmd only
 * through cmd.exe (the path is quoted, the arguments are fixed).
 */
function claudeInvocation(host: HostContext, path: string, timeoutMs = CLAUDE_TIMEOUT_MS) {
  const viaShell = host.platform === 'win32' && /\.(cmd|bat)$/i.test(path);
  const bin = viaShell ? `"${path}"` : path;
  return { bin, options: { timeoutMs, env: childEnv(host, path), cwd: host.homeDir, maxOutputBytes: MAX_OUTPUT_BYTES, ...(viaShell ? { shell: true } : {}) } };
}

/**
 * Runs `claude --version` and `claude auth status` (in parallel) with the
 * host's environment. Never throws: a missing or broken claude means "not
 * installed", and predictions then follow the latest documented version.
 */
export async function detectClaudeCode(host: HostContext, runner: CommandRunner, opts: { timeoutMs?: number; authStatus?: boolean } = {}): Promise<ClaudeCodeInfo> {
  const location = locateClaude(host);
  const notInstalled: ClaudeCodeInfo = { installed: false, version: null, authStatus: null, behaviourVersion: LATEST_DOCUMENTED_VERSION, location };
  if (!location) return notInstalled;
  const { bin, options } = claudeInvocation(host, location.path, opts.timeoutMs);
  // Both at once: each is a cold start of claude (about a second for an npm
  // install on a busy machine), and the app's first health state waits for them.
  const [versionResult, authResult] = await Promise.all([
    runner.run(bin, ['--version'], options).catch(() => null),
    opts.authStatus === false ? Promise.resolve(null) : runner.run(bin, ['auth', 'status'], options).catch(() => null),
  ]);
  const version = versionResult && versionResult.exitCode === 0 && !versionResult.spawnError ? parseVersion(versionResult.stdout) : null;
  if (!version) return notInstalled;
  return { installed: true, version, authStatus: authStatusFrom(authResult), behaviourVersion: version, location };
}

/**
 * `claude auth status` alone, for a caller that detected the version with
 * `authStatus: false` (the tray: its first health state should not wait for
 * this second, slower cold start of claude). Never throws; null when it fails.
 */
export async function readClaudeAuthStatus(host: HostContext, runner: CommandRunner, info: ClaudeCodeInfo, opts: { timeoutMs?: number } = {}): Promise<Record<string, unknown> | null> {
  const location = info.location ?? null;
  if (!info.installed || !location) return null;
  const { bin, options } = claudeInvocation(host, location.path, opts.timeoutMs);
  return authStatusFrom(await runner.run(bin, ['auth', 'status'], options).catch(() => null));
}

/** `auth status` exits 1 when not logged in, still printing JSON. */
function authStatusFrom(result: Awaited<ReturnType<CommandRunner['run']>> | null): Record<string, unknown> | null {
  return result && !result.spawnError && !result.timedOut ? parseAuthStatus(result.stdout) : null;
}
