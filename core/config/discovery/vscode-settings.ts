/**
 * VS Code-family user settings (JSONC). The Claude Code extension checks
 * `claudeCode.environmentVariables` for credentials before it starts the CLI,
 * so a gateway set only in ~/.claude/settings.json still shows the login
 * prompt in VS Code unless `claudeCode.disableLoginPrompt` is true.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Located, VsCodeSettings } from '../raw-sources';
import type { SourceFile } from '../../types';
import { objectProperties, parseJsonDocument, type JsonDocument } from './json-document';
import type { VsCodeUserDir } from './paths';
import { readTextFile } from './read-text-file';

const MAX_PROFILES = 50;
/** VS Code settings can carry large language-specific blocks; 2 MiB is still generous. */
const MAX_VSCODE_BYTES = 2 * 1024 * 1024;

function findSetting(document: JsonDocument, dotted: string): Node | undefined {
  const [section, key] = dotted.split('.');
  const top = objectProperties(document.root);
  // Flat `"claudeCode.environmentVariables"` (the usual form) wins over nested `"claudeCode": {...}`.
  const flat = top.filter((p) => p.key === dotted).pop();
  if (flat) return flat.valueNode;
  const nested = top.filter((p) => p.key === section).pop();
  return objectProperties(nested?.valueNode).filter((p) => p.key === key).pop()?.valueNode;
}

function stringProperty(node: Node, name: string): string | null {
  const value = objectProperties(node).filter((p) => p.key === name).pop()?.valueNode;
  return value?.type === 'string' && typeof value.value === 'string' ? value.value : null;
}

/** Extracts the claudeCode.* settings from a VS Code settings.json text. */
export function parseVsCodeSettings(text: string, product: string, path: string): Omit<VsCodeSettings, 'file'> & { problem?: string } {
  const document = parseJsonDocument(text, { strict: false });
  const environmentVariables: Record<string, Located<string>> = {};
  const list = findSetting(document, 'claudeCode.environmentVariables');
  if (list?.type === 'array') {
    for (const entry of list.children ?? []) {
      if (entry.type !== 'object') continue;
      const name = stringProperty(entry, 'name');
      const value = stringProperty(entry, 'value');
      if (name === null || value === null) continue;
      environmentVariables[name] = { value, source: { kind: 'vscode-settings', path, line: document.lineOf(entry.offset) } };
    }
  }
  const disable = findSetting(document, 'claudeCode.disableLoginPrompt');
  const disableLoginPrompt = disable?.type === 'boolean' ? (disable.value as boolean) : null;
  const first = document.errors[0];
  // VS Code keeps whatever it can read from a file with errors, so we do too, but say so.
  const problem = first ? `${path} has a JSON error at line ${first.line}, column ${first.column}: ${first.message}. VS Code may ignore part of it.` : undefined;
  return { product, path, environmentVariables, disableLoginPrompt, ...(problem ? { problem } : {}) };
}

async function readOne(product: string, path: string): Promise<{ file: SourceFile; settings: VsCodeSettings | null }> {
  const read = await readTextFile(path, { maxBytes: MAX_VSCODE_BYTES, allowBom: true, allowEmpty: true });
  if (read.state !== 'loaded') {
    const file: SourceFile = { kind: 'vscode-settings', path, state: read.state, watch: true, ...(read.problem ? { problem: read.problem } : {}) };
    return { file, settings: read.state === 'missing' ? null : { product, path, file, environmentVariables: {}, disableLoginPrompt: null } };
  }
  const { problem, ...parsed } = parseVsCodeSettings(read.text, product, path);
  const file: SourceFile = { kind: 'vscode-settings', path, state: 'loaded', watch: true, ...(problem ? { problem } : {}) };
  return { file, settings: { ...parsed, file } };
}

async function profileIds(profilesDir: string): Promise<string[]> {
  try {
    const entries = await readdir(profilesDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort()
      .slice(0, MAX_PROFILES);
  } catch {
    return [];
  }
}

/**
 * Reads each product's User/settings.json and every User/profiles/<id>/settings.json.
 * `settings` lists the files that exist; `files` every file consulted.
 */
export async function readVsCodeSettings(dirs: VsCodeUserDir[]): Promise<{ settings: VsCodeSettings[]; files: SourceFile[] }> {
  const settings: VsCodeSettings[] = [];
  const files: SourceFile[] = [];
  for (const { product, userDir } of dirs) {
    const main = await readOne(product, join(userDir, 'settings.json'));
    files.push(main.file);
    if (main.settings) settings.push(main.settings);
    for (const id of await profileIds(join(userDir, 'profiles'))) {
      const profile = await readOne(`${product} (profile ${id})`, join(userDir, 'profiles', id, 'settings.json'));
      if (profile.file.state === 'missing') continue;
      files.push(profile.file);
      if (profile.settings) settings.push(profile.settings);
    }
  }
  return { settings, files };
}
