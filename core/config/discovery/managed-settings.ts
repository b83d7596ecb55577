/**
 * Managed (enterprise) settings: managed-settings.json plus the
 * managed-settings.d/ drop-ins, merged as Claude Code merges them, and the OS
 * policy sources (macOS plist, Windows registry), chosen by Claude Code's
 * source order. Provenance is kept per key and per env variable, so a report
 * can say "ANTHROPIC_BASE_URL comes from managed-settings.d/20-gateway.json line 3".
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Located, ManagedSettings, SettingsFile } from '../raw-sources';
import type { Source, SourceFile } from '../../types';
import type { PolicyValue } from './policy-reader';
import { describeFsError } from './read-text-file';
import { parseSettingsText, readSettingsFile } from './settings-file';

/** A drop-in folder with more files than this is not a real policy; the rest are ignored. */
const MAX_DROPINS = 500;

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unionArrays(earlier: unknown[], later: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of [...earlier, ...later]) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Keys replaced whole rather than merged (at the top level, or entries of a top-level object). */
const REPLACED_WHOLE = new Set(['fallbackModel']);
const ENTRIES_REPLACED_WHOLE = new Set(['extraKnownMarketplaces']);

function mergeValue(earlier: unknown, later: unknown, replaceEntries: boolean): unknown {
  if (Array.isArray(earlier) && Array.isArray(later)) return unionArrays(earlier, later);
  if (isPlainObject(earlier) && isPlainObject(later)) {
    const out: Json = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      out[key] = replaceEntries || !(key in out) ? value : mergeValue(out[key], value, false);
    }
    return out;
  }
  return later;
}

/**
 * Merges drop-in settings the way Claude Code does: a later scalar replaces
 * an earlier one, arrays are unioned and de-duplicated, objects (such as env)
 * merge key by key; fallbackModel and same-named extraKnownMarketplaces
 * entries are replaced whole.
 */
export function mergeManagedSettings(earlier: Json, later: Json): Json {
  const out: Json = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (!(key in out) || REPLACED_WHOLE.has(key)) out[key] = value;
    else out[key] = mergeValue(out[key], value, ENTRIES_REPLACED_WHOLE.has(key));
  }
  return out;
}

async function listDropins(dir: string): Promise<{ paths: string[]; folderProblem?: SourceFile }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const described = describeFsError(dir, error);
    if (described.state === 'missing') return { paths: [] };
    const problem = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? `${dir} is a file, not a folder of drop-in settings.` : ('problem' in described && described.problem ? described.problem : `${dir} cannot be read.`);
    return { paths: [], folderProblem: { kind: 'managed-dropin', path: dir, state: 'unreadable', problem, watch: true } };
  }
  const chosen = names
    .filter((name) => !name.startsWith('.') && name.endsWith('.json'))
    .sort()
    .slice(0, MAX_DROPINS);
  return { paths: chosen.map((name) => join(dir, name)) };
}

function hasKeys(file: SettingsFile): boolean {
  return file.file.state === 'loaded' && file.settings !== null && Object.keys(file.settings).length > 0;
}

interface Layer {
  settings: Json;
  env: Record<string, Located<string>>;
  keySources: Record<string, Source>;
}

function layerOf(files: SettingsFile[]): Layer {
  const layer: Layer = { settings: {}, env: {}, keySources: {} };
  for (const file of files) {
    if (!hasKeys(file) || !file.settings) continue;
    layer.settings = mergeManagedSettings(layer.settings, file.settings);
    for (const key of Object.keys(file.settings)) {
      const line = file.keyLines[key];
      layer.keySources[key] = line !== undefined ? { kind: file.kind, path: file.path, line } : { kind: file.kind, path: file.path };
    }
    Object.assign(layer.env, file.env);
  }
  return layer;
}

function policyFile(value: PolicyValue): SettingsFile {
  if (value.text === null) {
    const file: SourceFile = { kind: 'managed-policy', path: value.where, state: 'unreadable', problem: value.problem ?? `${value.where} cannot be read.`, watch: false };
    return { kind: 'managed-policy', path: value.where, settings: null, env: {}, keyLines: {}, file, problems: [] };
  }
  // Registry values and converted plists have no lines the user could open.
  return parseSettingsText('managed-policy', value.where, value.text, { watch: false, lines: false });
}

export interface ManagedDiscovery {
  managed: ManagedSettings;
  /** Every SourceFile consulted, including the drop-in folder when it is broken. */
  sourceFiles: SourceFile[];
}

/**
 * Reads every managed source and picks what applies: MDM (plist or HKLM)
 * beats the files, HKCU applies only when nothing else supplies a key.
 * `settings` and `keySources` come from the winning source alone; `env` is
 * merged per variable across the admin sources (MDM over files, HKCU never
 * mixed in), as Claude Code does since 2.1.223. Older behaviour (winner's env
 * only) can be rebuilt from `files`.
 */
export async function discoverManagedSettings(
  paths: { managedFile: string; managedDropinDir: string },
  policies: PolicyValue[],
): Promise<ManagedDiscovery> {
  const mainFile = await readSettingsFile('managed-file', paths.managedFile);
  const { paths: dropinPaths, folderProblem } = await listDropins(paths.managedDropinDir);
  const dropins: SettingsFile[] = [];
  for (const path of dropinPaths) dropins.push(await readSettingsFile('managed-dropin', path));
  const policyFiles = policies.map(policyFile);

  const fileLayer = layerOf([mainFile, ...dropins]);
  const fileContributes = hasKeys(mainFile);
  const dropinsContribute = dropins.some(hasKeys);
  const filesLabel = fileContributes && dropinsContribute ? 'file + drop-ins' : fileContributes ? 'file' : dropinsContribute ? 'drop-ins' : null;

  const mdmIndex = policies.findIndex((value, i) => (value.label === 'plist' || value.label === 'HKLM') && hasKeys(policyFiles[i]));
  const hkcuIndex = policies.findIndex((value, i) => value.label === 'HKCU' && hasKeys(policyFiles[i]));

  let label: string | null = null;
  let winner: Layer = { settings: {}, env: {}, keySources: {} };
  let env: Record<string, Located<string>> = {};
  if (mdmIndex >= 0) {
    label = policies[mdmIndex].label;
    winner = layerOf([policyFiles[mdmIndex]]);
    env = { ...fileLayer.env, ...winner.env };
  } else if (filesLabel) {
    label = filesLabel;
    winner = fileLayer;
    env = { ...fileLayer.env };
  } else if (hkcuIndex >= 0) {
    label = 'HKCU';
    winner = layerOf([policyFiles[hkcuIndex]]);
    env = { ...winner.env };
  }

  const files = [mainFile, ...dropins, ...policyFiles];
  const sourceFiles = files.map((file) => file.file);
  if (folderProblem) sourceFiles.splice(1, 0, folderProblem);
  return {
    managed: { label, settings: winner.settings, env, keySources: winner.keySources, files },
    sourceFiles,
  };
}
