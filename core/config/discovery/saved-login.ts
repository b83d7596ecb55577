/**
 * Whether a claude.ai login is saved, and when it expires, without ever
 * holding the token: on Linux and Windows we parse .credentials.json, keep
 * `claudeAiOauth.expiresAt` and let the rest go out of scope at once; on
 * macOS we ask the Keychain whether the item exists, never for its secret.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { SavedLogin } from '../raw-sources';
import type { CommandRunner, HostContext } from '../../ports';
import type { SourceFile } from '../../types';
import { readTextFile } from './read-text-file';

const MAX_CREDENTIALS_BYTES = 1024 * 1024;
const KEYCHAIN_TIMEOUT_MS = 5_000;

/**
 * The Keychain service Claude Code uses: "Claude Code-credentials", with
 * "-<first 8 hex of sha256(NFC config dir)>" when CLAUDE_CONFIG_DIR is set.
 */
export function keychainServiceName(env: HostContext['env']): string {
  const configDir = env.CLAUDE_CONFIG_DIR;
  if (!configDir) return 'Claude Code-credentials';
  const hash = createHash('sha256').update(configDir.normalize('NFC')).digest('hex').slice(0, 8);
  return `Claude Code-credentials-${hash}`;
}

function toIso(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Claude Code stores milliseconds; tolerate seconds.
    const ms = value < 1e12 ? value * 1000 : value;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** Reads only presence and expiry from .credentials.json; the parsed object never leaves this function. */
async function fromCredentialsFile(path: string): Promise<{ file: SourceFile; login: SavedLogin | null }> {
  const read = await readTextFile(path, { maxBytes: MAX_CREDENTIALS_BYTES });
  if (read.state !== 'loaded') {
    return { file: { kind: 'claude-state', path, state: read.state, watch: true, ...(read.problem ? { problem: read.problem } : {}) }, login: null };
  }
  let present = false;
  let expiresAt: string | null = null;
  try {
    const parsed: unknown = JSON.parse(read.text);
    const oauth = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).claudeAiOauth : undefined;
    if (oauth && typeof oauth === 'object') {
      const record = oauth as Record<string, unknown>;
      present = typeof record.accessToken === 'string' && record.accessToken.length > 0;
      expiresAt = toIso(record.expiresAt);
    }
  } catch {
    // JSON.parse's message may quote the token: say only where the problem is.
    const problem = `${path} is not valid JSON, so Claude Code cannot use the saved login in it. Run /login again.`;
    return { file: { kind: 'claude-state', path, state: 'invalid', problem, watch: true }, login: null };
  }
  const file: SourceFile = { kind: 'claude-state', path, state: 'loaded', watch: true };
  return { file, login: present ? { present: true, expiresAt, where: path } : null };
}

async function inKeychain(runner: CommandRunner, host: HostContext): Promise<SavedLogin | null> {
  const service = keychainServiceName(host.env);
  const account = host.env.USER || basename(host.homeDir);
  // No -w: we ask whether the item exists, never for the secret.
  const result = await runner.run('security', ['find-generic-password', '-s', service, '-a', account], {
    timeoutMs: KEYCHAIN_TIMEOUT_MS,
    maxOutputBytes: 64 * 1024,
  });
  if (result.spawnError || result.timedOut || result.exitCode !== 0) return null;
  return { present: true, expiresAt: null, where: `macOS Keychain (${service})` };
}

/** Finds a saved claude.ai login for this host. */
export async function findSavedLogin(host: HostContext, credentialsPath: string, runner: CommandRunner): Promise<{ login: SavedLogin; files: SourceFile[] }> {
  const fromFile = await fromCredentialsFile(credentialsPath);
  if (host.platform === 'darwin') {
    const keychain = await inKeychain(runner, host);
    // Claude Code falls back to the file when the Keychain is not writable.
    const login = keychain ?? fromFile.login ?? { present: false, expiresAt: null, where: null };
    return { login, files: [fromFile.file] };
  }
  return { login: fromFile.login ?? { present: false, expiresAt: null, where: null }, files: [fromFile.file] };
}
