/**
 * The VS Code side of a switch: the gateway entries of
 * `claudeCode.environmentVariables` and `claudeCode.disableLoginPrompt` in one
 * VS Code-family user settings file (JSONC). Both the usual flat keys and the
 * nested `"claudeCode": { ... }` form are edited where the user put them.
 */
import type { JSONPath } from 'jsonc-parser';
import { GATEWAY_VARIABLES, type ProfileVariable } from '../profiles/gateway-variables';
import { readJsonValue, removeJsonValue, setJsonValue } from './json-edit';
import { PlanRefusal, type PlanBuilder } from './plan-builder';
import { isSecretValue } from './secret-values';

const SECTION = 'claudeCode';
const VSCODE_ENV_KEY = 'claudeCode.environmentVariables';
const VSCODE_PROMPT_KEY = 'claudeCode.disableLoginPrompt';

/** Where `claudeCode.<key>` lives in this text: the flat key, else the nested one, else (to add it) the flat key. */
function settingPath(text: string, path: string, key: string): JSONPath {
  if (readJsonValue(text, path, 'jsonc', [`${SECTION}.${key}`]) !== undefined) return [`${SECTION}.${key}`];
  const nested = readJsonValue(text, path, 'jsonc', [SECTION]);
  if (nested && typeof nested === 'object' && !Array.isArray(nested) && (nested as Record<string, unknown>)[key] !== undefined) return [SECTION, key];
  return [`${SECTION}.${key}`];
}

interface Entry {
  index: number;
  name: string;
  value: string | null;
}

function entries(text: string, path: string): { at: JSONPath; list: Entry[] | null } {
  const at = settingPath(text, path, 'environmentVariables');
  const value = readJsonValue(text, path, 'jsonc', at);
  if (value === undefined) return { at, list: null };
  if (!Array.isArray(value)) throw new PlanRefusal(`${path}: "${VSCODE_ENV_KEY}" is not a list, so Gateway Doctor will not edit it. Fix the file first.`);
  const list: Entry[] = [];
  for (const [index, item] of value.entries()) {
    if (!item || typeof item !== 'object') continue;
    const { name, value: v } = item as { name?: unknown; value?: unknown };
    if (typeof name === 'string') list.push({ index, name, value: typeof v === 'string' ? v : null });
  }
  return { at, list };
}

/** The gateway variables this VS Code settings file sets (name → value), and disableLoginPrompt when it is true. */
export async function vscodeGatewayValues(b: PlanBuilder, path: string): Promise<Record<string, string>> {
  const f = await b.file(path, 'jsonc');
  if (f.text === null) return {};
  const out: Record<string, string> = {};
  for (const e of entries(f.text, path).list ?? []) if (GATEWAY_VARIABLES.includes(e.name) && e.value !== null) out[e.name] = e.value;
  if (readJsonValue(f.text, path, 'jsonc', settingPath(f.text, path, 'disableLoginPrompt')) === true) out[VSCODE_PROMPT_KEY] = 'true';
  return out;
}

/**
 * Removes every gateway entry and a `disableLoginPrompt: true` (which would
 * hide the login). Returns what was removed, for the preview.
 */
export async function removeGatewayFromVsCode(b: PlanBuilder, path: string): Promise<string[]> {
  const f = await b.file(path, 'jsonc');
  if (f.text === null) return [];
  let text = f.text;
  const removed: string[] = [];
  const { at, list } = entries(text, path);
  for (const e of [...(list ?? [])].reverse()) {
    if (!GATEWAY_VARIABLES.includes(e.name)) continue;
    if (e.value !== null && isSecretValue(e.name, e.value)) b.secrets.add(e.value);
    text = removeJsonValue(text, path, 'jsonc', [...at, e.index]);
    removed.unshift(e.name);
  }
  const prompt = settingPath(text, path, 'disableLoginPrompt');
  if (readJsonValue(text, path, 'jsonc', prompt) === true) {
    text = removeJsonValue(text, path, 'jsonc', prompt);
    removed.push(VSCODE_PROMPT_KEY);
  }
  f.text = text;
  return removed;
}

/**
 * Writes a profile's variables. `updateOnly` (after the exact bytes of the
 * previous gateway were put back) only corrects values the profile changed;
 * otherwise every variable is added or updated, other gateway entries are
 * removed, and `disableLoginPrompt` is set, as the gateway guide asks.
 * Returns the names written.
 */
export async function writeGatewayToVsCode(b: PlanBuilder, path: string, wanted: ProfileVariable[], options: { updateOnly: boolean }): Promise<string[]> {
  const f = await b.file(path, 'jsonc');
  let text = f.text ?? '{}\n';
  const written: string[] = [];
  const wantedNames = new Set(wanted.map((v) => v.name));
  let { at, list } = entries(text, path);
  if (!options.updateOnly && list) {
    for (const e of [...list].reverse()) {
      if (GATEWAY_VARIABLES.includes(e.name) && !wantedNames.has(e.name)) text = removeJsonValue(text, path, 'jsonc', [...at, e.index]);
    }
    ({ at, list } = entries(text, path));
  }
  for (const v of wanted) {
    if (v.secret || isSecretValue(v.name, v.value)) b.secrets.add(v.value);
    const current = list?.find((e) => e.name === v.name);
    if (current) {
      if (current.value === v.value) continue;
      text = setJsonValue(text, path, 'jsonc', [...at, current.index, 'value'], v.value);
    } else if (options.updateOnly) {
      continue;
    } else if (list === null) {
      text = setJsonValue(text, path, 'jsonc', at, [{ name: v.name, value: v.value }]);
    } else {
      text = setJsonValue(text, path, 'jsonc', [...at, -1], { name: v.name, value: v.value });
    }
    written.push(v.name);
    ({ at, list } = entries(text, path));
  }
  if (!options.updateOnly) {
    const prompt = settingPath(text, path, 'disableLoginPrompt');
    if (readJsonValue(text, path, 'jsonc', prompt) !== true) {
      text = setJsonValue(text, path, 'jsonc', prompt, true);
      written.push(VSCODE_PROMPT_KEY);
    }
  }
  f.text = text;
  return written;
}
