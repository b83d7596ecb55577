/**
 * Non-env settings keys (apiKeyHelper, model, forceLoginMethod, ...) with
 * provenance. Precedence is per key: managed > local > project > user.
 */
import type { Source } from '../../types';
import type { RawSources, SettingsFile } from '../raw-sources';

export type SettingsLayer = 'managed' | 'local' | 'project' | 'user';

export interface KeyValue {
  value: unknown;
  source: Source;
  layer: SettingsLayer;
}

function fromFile(file: SettingsFile, key: string, layer: SettingsLayer): KeyValue | null {
  if (!file.settings || !Object.prototype.hasOwnProperty.call(file.settings, key)) return null;
  const line = file.keyLines[key];
  return { value: file.settings[key], source: { kind: file.kind, path: file.path, ...(line ? { line } : {}) }, layer };
}

/** Every value of a top-level key, highest precedence first. */
export function keyCandidates(raw: RawSources, key: string): KeyValue[] {
  const out: KeyValue[] = [];
  if (Object.prototype.hasOwnProperty.call(raw.managed.settings, key)) {
    const source = raw.managed.keySources[key] ?? { kind: 'managed-file', path: raw.managed.files[0]?.path ?? 'managed settings' };
    out.push({ value: raw.managed.settings[key], source, layer: 'managed' });
  }
  for (const file of raw.local) {
    const v = fromFile(file, key, 'local');
    if (v) out.push(v);
  }
  if (raw.project) {
    const v = fromFile(raw.project, key, 'project');
    if (v) out.push(v);
  }
  const v = fromFile(raw.user, key, 'user');
  if (v) out.push(v);
  return out;
}

/** The winning value of a key, or null. */
export function keyValue(raw: RawSources, key: string): KeyValue | null {
  return keyCandidates(raw, key)[0] ?? null;
}

/** The merged view of the top-level keys the probe and fixes care about. */
export function mergeSettings(raw: RawSources): Record<string, unknown> {
  const keys = new Set<string>(Object.keys(raw.managed.settings));
  for (const file of [raw.user, raw.project, ...raw.local]) if (file?.settings) for (const k of Object.keys(file.settings)) keys.add(k);
  keys.delete('env');
  const merged: Record<string, unknown> = {};
  for (const key of keys) {
    const v = keyValue(raw, key);
    if (v) merged[key] = v.value;
  }
  return merged;
}
