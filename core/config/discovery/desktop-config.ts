/**
 * Claude Desktop's own third-party inference configuration. Desktop reads
 * neither ANTHROPIC_BASE_URL nor settings.json (claude-code-facts §6.3): it
 * reads `inferenceProvider`, `inferenceGatewayBaseUrl` (https only),
 * `inferenceGatewayApiKey`, `inferenceGatewayAuthScheme` and
 * `inferenceGatewayHeaders` from, in order:
 *
 * 1. managed configuration (macOS managed-preferences plist, Windows policy
 *    registry key), which wins over local files;
 * 2. the configLibrary written by Developer → Configure Third-Party Inference
 *    (`Claude-3p/configLibrary/_meta.json` plus `<id>.json`);
 * 3. the older `Claude-3p/claude_desktop_config.json` (key `enterpriseConfig`).
 *
 * Linux has no Claude Desktop, so the answer there is null. The API key is
 * never kept: only whether one is present. Header values are never kept.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostContext } from '../../ports';
import type { Source, SourceFile } from '../../types';
import type { DesktopConfig } from '../raw-sources';
import { desktopManagedPlistPaths, type DesktopPolicyReader, type DesktopPolicyValue } from './desktop-policy-reader';
import { describeType, parseJsonDocument } from './json-document';
import { readTextFile } from './read-text-file';

const API_KEY = 'inferenceGatewayApiKey';
const AUTH_SCHEMES = ['bearer', 'x-api-key', 'sso'];
/** `_meta.json` fields that may name the applied entry (UNCONFIRMED, see `appliedEntryId`). */
const META_ID_FIELDS = ['appliedId', 'activeId', 'selected'] as const;

export interface DesktopPaths {
  /** Folder of `_meta.json` and `<id>.json` entries. */
  configLibraryDir: string;
  /** The older single file with an `enterpriseConfig` object. */
  legacyConfigFile: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** Where Desktop keeps its local configuration on `host`, or null on Linux (no Claude Desktop). */
export function desktopPaths(host: HostContext): DesktopPaths | null {
  if (host.platform === 'darwin') {
    const base = join(host.homeDir, 'Library', 'Application Support', 'Claude-3p');
    return { configLibraryDir: join(base, 'configLibrary'), legacyConfigFile: join(base, 'claude_desktop_config.json') };
  }
  if (host.platform === 'win32') {
    const local = nonEmpty(host.env.LOCALAPPDATA) ?? join(host.homeDir, 'AppData', 'Local');
    const roaming = nonEmpty(host.env.APPDATA) ?? join(host.homeDir, 'AppData', 'Roaming');
    return { configLibraryDir: join(local, 'Claude-3p', 'configLibrary'), legacyConfigFile: join(roaming, 'Claude-3p', 'claude_desktop_config.json') };
  }
  return null;
}

/** Files and folders whose change can change Desktop's answer (the registry cannot be watched). */
export function desktopWatchTargets(host: HostContext): string[] {
  const paths = desktopPaths(host);
  if (!paths) return [];
  const targets = [paths.configLibraryDir, paths.legacyConfigFile];
  if (host.platform === 'darwin') targets.push(...desktopManagedPlistPaths(host));
  return targets;
}

/** A URL fit to show: scheme, host and path, without credentials, query or fragment. */
function displayUrl(url: URL): string {
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads Desktop's keys from one source's values. `where` names the file or
 * key in every problem; no problem ever quotes the API key or a header value.
 */
function interpretDesktopValues(values: Record<string, unknown>, source: Source, origin: 'managed' | 'local', where: string): DesktopConfig {
  const problems: string[] = [];
  const text = (key: string): string | null => {
    const value = values[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
    problems.push(`${key} in ${where} is ${describeType(value)}, but Claude Desktop expects a string.`);
    return null;
  };

  const provider = text('inferenceProvider');
  const rawUrl = text('inferenceGatewayBaseUrl');
  const authScheme = text('inferenceGatewayAuthScheme');
  const apiKey = values[API_KEY];
  const hasApiKey = typeof apiKey === 'string' && apiKey.trim() !== '';
  const configured = provider === 'gateway';

  let baseUrl: string | null = null;
  if (rawUrl !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(rawUrl);
    } catch {
      problems.push(`inferenceGatewayBaseUrl in ${where} is not a valid URL.`);
    }
    if (parsed) {
      baseUrl = displayUrl(parsed);
      if (parsed.protocol !== 'https:') problems.push(`inferenceGatewayBaseUrl in ${where} is ${baseUrl}, but Claude Desktop accepts only https:// gateway URLs.`);
    }
  } else if (configured) {
    problems.push(`${where} sets inferenceProvider to gateway but has no inferenceGatewayBaseUrl.`);
  }

  if (authScheme !== null && !AUTH_SCHEMES.includes(authScheme.toLowerCase())) {
    problems.push(`inferenceGatewayAuthScheme in ${where} is "${authScheme}", but Claude Desktop accepts only ${AUTH_SCHEMES.join(', ')}.`);
  }

  // Headers are a JSON object encoded as a string; their values may be secrets, so only the shape is checked.
  const headers = values.inferenceGatewayHeaders;
  if (typeof headers === 'string' && headers.trim() !== '') {
    let decoded: unknown;
    try {
      decoded = JSON.parse(headers);
    } catch {
      decoded = undefined;
    }
    if (!isPlainObject(decoded)) problems.push(`inferenceGatewayHeaders in ${where} is not a JSON object encoded as a string.`);
  } else if (headers !== undefined && headers !== null && typeof headers !== 'string') {
    problems.push(`inferenceGatewayHeaders in ${where} is ${describeType(headers)}, but Claude Desktop expects a JSON object encoded as a string.`);
  }

  return { configured, baseUrl, source, origin, provider, hasApiKey, authScheme: authScheme?.toLowerCase() ?? null, problems };
}

/** True when a source carries any of Desktop's inference keys (a managed plist may hold unrelated policies). */
function hasInferenceKeys(values: Record<string, unknown>): boolean {
  return Object.keys(values).some((key) => key.startsWith('inference'));
}

function notConfigured(source: Source | null, origin: 'managed' | 'local' | null, problems: string[]): DesktopConfig {
  return { configured: false, baseUrl: null, source, origin, provider: null, hasApiKey: false, authScheme: null, problems };
}

function fromManaged(policies: DesktopPolicyValue[], files: SourceFile[]): DesktopConfig | null {
  for (const policy of policies) {
    const source: Source = { kind: 'desktop-config', path: policy.where };
    if (policy.values === null) {
      const problem = policy.problem ?? `${policy.where} could not be read.`;
      files.push({ kind: 'desktop-config', path: policy.where, state: 'unreadable', problem, watch: policy.label === 'plist' });
      return notConfigured(source, 'managed', [problem]);
    }
    if (!hasInferenceKeys(policy.values)) continue;
    files.push({ kind: 'desktop-config', path: policy.where, state: 'loaded', watch: policy.label === 'plist' });
    return interpretDesktopValues(policy.values, source, 'managed', policy.where);
  }
  return null;
}

type JsonRead = { state: 'missing' } | { state: 'failed'; problem: string } | { state: 'loaded'; value: Record<string, unknown> };

/** Reads a strict-JSON object file, recording it in `files`. Never throws, never quotes the content. */
async function readJsonObject(path: string, files: SourceFile[]): Promise<JsonRead> {
  const read = await readTextFile(path);
  if (read.state === 'missing') {
    files.push({ kind: 'desktop-config', path, state: 'missing', watch: true, ...(read.problem ? { problem: read.problem } : {}) });
    return { state: 'missing' };
  }
  if (read.state !== 'loaded') {
    files.push({ kind: 'desktop-config', path, state: read.state, problem: read.problem, watch: true });
    return { state: 'failed', problem: read.problem };
  }
  const doc = parseJsonDocument(read.text, { strict: true });
  const error = doc.errors[0];
  let problem: string | null = null;
  if (error) problem = `${path} is not valid JSON (${error.message} at line ${error.line}, column ${error.column}).`;
  else if (!isPlainObject(doc.value)) problem = `${path} holds ${describeType(doc.value)}, not a JSON object.`;
  if (problem) {
    files.push({ kind: 'desktop-config', path, state: 'invalid', problem, watch: true });
    return { state: 'failed', problem };
  }
  files.push({ kind: 'desktop-config', path, state: 'loaded', watch: true });
  return { state: 'loaded', value: doc.value as Record<string, unknown> };
}

/** Entry ids that are safe to turn into a file name (no separators, no "..", no hidden files). */
function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(id) && !id.includes('..');
}

/**
 * Which configLibrary entry Desktop applies. UNCONFIRMED: the field of
 * `_meta.json` that names it is not documented; we accept `appliedId`,
 * `activeId` or `selected` (a string), and otherwise the only `<id>.json` in
 * the folder when there is exactly one.
 */
export function appliedEntryId(meta: Record<string, unknown> | null, entryIds: string[]): { id: string | null; problem?: string } {
  for (const field of META_ID_FIELDS) {
    const value = meta?.[field];
    if (typeof value === 'string' && value.trim() !== '') {
      const id = value.trim().replace(/\.json$/i, '');
      return isSafeId(id) ? { id } : { id: null, problem: `_meta.json names an entry (${field}) that is not a plain file name.` };
    }
  }
  if (entryIds.length === 1) return { id: entryIds[0] };
  if (entryIds.length > 1) return { id: null, problem: `_meta.json does not say which of the ${entryIds.length} saved configurations is applied.` };
  return { id: null };
}

async function listEntryIds(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((name) => name.toLowerCase().endsWith('.json') && name !== '_meta.json')
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isSafeId)
      .sort();
  } catch {
    return [];
  }
}

/** The configuration from the configLibrary folder, or null when it holds none. */
async function fromConfigLibrary(dir: string, files: SourceFile[]): Promise<DesktopConfig | null> {
  const metaPath = join(dir, '_meta.json');
  const meta = await readJsonObject(metaPath, files);
  const metaSource: Source = { kind: 'desktop-config', path: metaPath };
  if (meta.state === 'failed') return notConfigured(metaSource, 'local', [meta.problem]);
  const entryIds = await listEntryIds(dir);
  const chosen = appliedEntryId(meta.state === 'loaded' ? meta.value : null, entryIds);
  if (chosen.problem) return notConfigured(metaSource, 'local', [`${chosen.problem} (${metaPath})`]);
  if (chosen.id === null) return null;

  const entryPath = join(dir, `${chosen.id}.json`);
  const entry = await readJsonObject(entryPath, files);
  const source: Source = { kind: 'desktop-config', path: entryPath };
  if (entry.state === 'missing') return notConfigured(metaSource, 'local', [`${metaPath} names the configuration "${chosen.id}", but ${entryPath} does not exist.`]);
  if (entry.state === 'failed') return notConfigured(source, 'local', [entry.problem]);
  // UNCONFIRMED: the keys are taken from the top level, or from a `config` object when the top level has none.
  const values = hasInferenceKeys(entry.value) || !isPlainObject(entry.value.config) ? entry.value : entry.value.config;
  return interpretDesktopValues(values, source, 'local', entryPath);
}

/** The configuration from the older claude_desktop_config.json (`enterpriseConfig`), or null. */
async function fromLegacyFile(path: string, files: SourceFile[]): Promise<DesktopConfig | null> {
  const read = await readJsonObject(path, files);
  const source: Source = { kind: 'desktop-config', path };
  if (read.state === 'missing') return null;
  if (read.state === 'failed') return notConfigured(source, 'local', [read.problem]);
  const enterprise = read.value.enterpriseConfig;
  if (enterprise === undefined) return null;
  if (!isPlainObject(enterprise)) return notConfigured(source, 'local', [`enterpriseConfig in ${path} is ${describeType(enterprise)}, not an object.`]);
  return interpretDesktopValues(enterprise, source, 'local', path);
}

/**
 * Finds Claude Desktop's third-party inference configuration on `host`:
 * managed first, then the configLibrary, then the older file. Returns null
 * on Linux, a not-configured answer when nothing is set, and every file
 * consulted. Never throws; bad files become problems naming the file.
 */
export async function discoverDesktopConfig(host: HostContext, reader: DesktopPolicyReader): Promise<{ desktop: DesktopConfig | null; files: SourceFile[] }> {
  const paths = desktopPaths(host);
  if (!paths) return { desktop: null, files: [] };
  const files: SourceFile[] = [];
  let policies: DesktopPolicyValue[] = [];
  try {
    policies = await reader.read(host);
  } catch {
    // A broken reader must not hide the local files.
  }
  const managed = fromManaged(policies, files);
  // Local files are still listed (and watched) when managed configuration wins.
  const local = (await fromConfigLibrary(paths.configLibraryDir, files)) ?? (await fromLegacyFile(paths.legacyConfigFile, files));
  return { desktop: managed ?? local ?? notConfigured(null, null, []), files };
}
