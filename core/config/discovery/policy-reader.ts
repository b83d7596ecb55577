/**
 * OS policy sources for managed settings: the Windows registry value
 * `Settings` under HKLM/HKCU `SOFTWARE\Policies\ClaudeCode`, and the macOS
 * managed-preferences plist for `com.anthropic.claudecode`. Reading them needs
 * OS tools (reg, plutil), so it sits behind a port that tests fake. Nothing
 * here needs administrator rights.
 */
import { basename, join } from 'node:path';
import type { CommandRunner, HostContext } from '../../ports';
import { existsSyncSafe } from './read-text-file';

/** One policy source that exists on this machine, as JSON text (or why it could not be read). */
export interface PolicyValue {
  label: 'plist' | 'HKLM' | 'HKCU';
  /** Registry key or plist path, for provenance and messages. */
  where: string;
  /** The policy as JSON text, or null when present but unreadable (see problem). */
  text: string | null;
  problem?: string;
}

/** Reads the OS policy sources that exist, highest priority first. Never throws. */
export interface PolicyReader {
  read(host: HostContext): Promise<PolicyValue[]>;
}

const TIMEOUT_MS = 5_000;
const MAX_OUTPUT = 4 * 1024 * 1024;
const REGISTRY_KEY = 'SOFTWARE\\Policies\\ClaudeCode';
export const DEFAULT_MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';
const PLIST_NAME = 'com.anthropic.claudecode.plist';

/** The per-user managed plist first, then the machine-wide one (how macOS applies a profile's preferences). */
export function managedPlistPaths(host: HostContext, plistName: string, managedPreferencesDir = DEFAULT_MANAGED_PREFERENCES_DIR): string[] {
  const user = host.env.USER || basename(host.homeDir);
  return [join(managedPreferencesDir, user, plistName), join(managedPreferencesDir, plistName)];
}

/** What `reg query` said: nothing there (or no `reg`), too slow, or its listing. */
export type RegQuery = { state: 'absent' } | { state: 'timed-out' } | { state: 'found'; stdout: string };

/** Runs `reg query <key> [args]`, bounded in time and output. */
export async function queryRegistry(runner: CommandRunner, key: string, args: string[] = []): Promise<RegQuery> {
  const result = await runner.run('reg', ['query', key, ...args], { timeoutMs: TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT });
  if (result.spawnError) return { state: 'absent' };
  if (result.timedOut) return { state: 'timed-out' };
  // reg exits 1 when the key or value does not exist: the normal case.
  if (result.exitCode !== 0) return { state: 'absent' };
  return { state: 'found', stdout: result.stdout };
}

/** How to read one policy source; each answers null when its source does not exist. */
export interface PolicySourceReaders<T> {
  registry(hive: 'HKLM' | 'HKCU'): Promise<T | null>;
  plist(path: string): Promise<T | null>;
  plistPaths: string[];
}

/**
 * The walk both managed policies take (Claude Code's and Desktop's): nothing
 * on Linux; HKLM then HKCU on Windows; on macOS the first managed plist that
 * exists. Never throws.
 */
export async function readPolicySources<T>(host: HostContext, readers: PolicySourceReaders<T>): Promise<Array<Awaited<T>>> {
  try {
    if (host.platform === 'win32') {
      const found = [await readers.registry('HKLM'), await readers.registry('HKCU')];
      return found.filter((value): value is Awaited<T> => value !== null);
    }
    if (host.platform === 'darwin') {
      for (const path of readers.plistPaths) {
        const value = await readers.plist(path);
        if (value) return [value];
      }
    }
    return [];
  } catch {
    return [];
  }
}

/** Pulls the `Settings` value out of `reg query` output (REG_SZ or REG_EXPAND_SZ). */
export function parseRegQueryOutput(stdout: string): string | null {
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s*Settings\s+REG_(?:EXPAND_)?SZ\s+(.*)$/i.exec(line);
    if (match) return match[1].trim();
  }
  return null;
}

async function readRegistry(runner: CommandRunner, hive: 'HKLM' | 'HKCU'): Promise<PolicyValue | null> {
  const key = `${hive}\\${REGISTRY_KEY}`;
  const where = `${key} (value "Settings")`;
  const query = await queryRegistry(runner, key, ['/v', 'Settings']);
  if (query.state === 'absent') return null;
  if (query.state === 'timed-out') return { label: hive, where, text: null, problem: `Reading ${where} timed out.` };
  const text = parseRegQueryOutput(query.stdout);
  if (text === null) return { label: hive, where, text: null, problem: `${where} exists but is not a text (REG_SZ) value.` };
  return { label: hive, where, text };
}

/** Converts a managed-preferences plist to JSON text with plutil; null when the file does not exist. */
export async function readPlist(runner: CommandRunner, path: string): Promise<PolicyValue | null> {
  if (!existsSyncSafe(path)) return null;
  const result = await runner.run('plutil', ['-convert', 'json', '-o', '-', path], { timeoutMs: TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT });
  if (result.spawnError) return { label: 'plist', where: path, text: null, problem: `${path} exists but plutil could not be run to read it.` };
  if (result.timedOut || result.exitCode !== 0) {
    return { label: 'plist', where: path, text: null, problem: `${path} exists but could not be converted to JSON (it may hold dates or data values).` };
  }
  return { label: 'plist', where: path, text: result.stdout };
}

/**
 * The default PolicyReader: nothing on Linux; `reg query` (HKLM, then HKCU)
 * on Windows; on macOS `plutil -convert json` of the per-user managed
 * preferences plist, else the machine-wide one.
 */
export function createPolicyReader(runner: CommandRunner, options: { managedPreferencesDir?: string } = {}): PolicyReader {
  return {
    read: (host) =>
      readPolicySources(host, {
        registry: (hive) => readRegistry(runner, hive),
        plist: (path) => readPlist(runner, path),
        plistPaths: managedPlistPaths(host, PLIST_NAME, options.managedPreferencesDir),
      }),
  };
}
