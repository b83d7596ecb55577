/**
 * Claude Desktop's managed (MDM) configuration: the macOS managed-preferences
 * plist for the `com.anthropic.claudefordesktop` domain, and the Windows
 * policy key `SOFTWARE\Policies\Claude` (HKLM, then HKCU), where every value
 * is a string (claude-code-facts §6.3). Reading them needs OS tools (plutil,
 * reg), so this sits behind a port that tests fake, like the Claude Code
 * policy reader next door.
 */
import type { CommandRunner, HostContext } from '../../ports';
import { parseJsonDocument } from './json-document';
import { managedPlistPaths, queryRegistry, readPlist, readPolicySources } from './policy-reader';

/** One managed Desktop source that exists on this machine. */
export interface DesktopPolicyValue {
  label: 'plist' | 'HKLM' | 'HKCU';
  /** Registry key or plist path, for provenance and messages. */
  where: string;
  /** The policy's values by name, or null when present but unreadable (see problem). */
  values: Record<string, unknown> | null;
  problem?: string;
}

/** Reads the managed Desktop sources that exist, highest priority first. Never throws. */
export interface DesktopPolicyReader {
  read(host: HostContext): Promise<DesktopPolicyValue[]>;
}

const DESKTOP_REGISTRY_KEY = 'SOFTWARE\\Policies\\Claude';
const DESKTOP_PLIST_NAME = 'com.anthropic.claudefordesktop.plist';

/** The managed plists Desktop may read on macOS: the per-user one first, then the machine-wide one. */
export function desktopManagedPlistPaths(host: HostContext, managedPreferencesDir?: string): string[] {
  return managedPlistPaths(host, DESKTOP_PLIST_NAME, managedPreferencesDir);
}

/**
 * Every text value of a `reg query <key>` listing, by name. Desktop stores
 * all its settings as REG_SZ strings; other types are left out.
 */
export function parseRegValues(stdout: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s+(\S(?:.*?\S)?)\s+REG_(?:EXPAND_)?SZ(?:\s+(.*))?$/.exec(line);
    if (match) values[match[1]] = (match[2] ?? '').trim();
  }
  return values;
}

async function readRegistryKey(runner: CommandRunner, hive: 'HKLM' | 'HKCU'): Promise<DesktopPolicyValue | null> {
  const where = `${hive}\\${DESKTOP_REGISTRY_KEY}`;
  const query = await queryRegistry(runner, where);
  if (query.state === 'absent') return null;
  if (query.state === 'timed-out') return { label: hive, where, values: null, problem: `Reading ${where} timed out.` };
  const values = parseRegValues(query.stdout);
  return Object.keys(values).length > 0 ? { label: hive, where, values } : null;
}

async function readDesktopPlist(runner: CommandRunner, path: string): Promise<DesktopPolicyValue | null> {
  const read = await readPlist(runner, path);
  if (!read) return null;
  if (read.text === null) return { label: 'plist', where: path, values: null, ...(read.problem ? { problem: read.problem } : {}) };
  const doc = parseJsonDocument(read.text, { strict: true });
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    return { label: 'plist', where: path, values: null, problem: `${path} could not be read as a dictionary of preferences.` };
  }
  return { label: 'plist', where: path, values: doc.value as Record<string, unknown> };
}

/**
 * The default DesktopPolicyReader: nothing on Linux (there is no Claude
 * Desktop); `reg query` of HKLM then HKCU on Windows; on macOS `plutil` of
 * the per-user managed plist, else the machine-wide one.
 */
export function createDesktopPolicyReader(runner: CommandRunner, options: { managedPreferencesDir?: string } = {}): DesktopPolicyReader {
  return {
    read: (host) =>
      readPolicySources(host, {
        registry: (hive) => readRegistryKey(runner, hive),
        plist: (path) => readDesktopPlist(runner, path),
        plistPaths: desktopManagedPlistPaths(host, options.managedPreferencesDir),
      }),
  };
}
