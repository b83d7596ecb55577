/**
 * One Claude Code settings file, read and parsed as Claude Code does: strict
 * JSON whose top level is an object. Bad input never throws; it yields a
 * SettingsFile whose `file.state` and `file.problem` say what is wrong.
 */
import type { Located, SettingsFile } from '../raw-sources';
import type { SourceFile } from '../../types';
import { describeType, objectProperties, parseJsonDocument } from './json-document';
import { readTextFile } from './read-text-file';

type SettingsKind = SettingsFile['kind'];

/**
 * The text Claude Code makes of an env value: String(value). Observed with
 * Claude Code 2.1.197 through a loopback gateway: 12345 was sent as
 * "Bearer 12345", true as "true", null as "null", {"a":1} as
 * "[object Object]" and [1,2] as "1,2". Nothing is dropped.
 */
function claudeCodeEnvText(value: unknown): string {
  return String(value);
}

/** What Claude Code does with a value that is not a string, without quoting anything that could be a credential. */
function describeNonString(value: unknown): string {
  let becomes: string;
  if (value === null || typeof value === 'boolean') becomes = `the text "${String(value)}"`;
  else if (typeof value === 'number') becomes = 'text (the same digits)';
  else if (Array.isArray(value)) becomes = 'text (the items joined by commas)';
  else becomes = 'the text "[object Object]"';
  return `is ${describeType(value)}, not a string. Claude Code does not ignore it: it turns it into ${becomes} and uses that. Write it as a string in double quotes, or remove it.`;
}

function emptySettings(kind: SettingsKind, path: string, file: SourceFile): SettingsFile {
  return { kind, path, settings: null, env: {}, keyLines: {}, file, problems: [] };
}

/**
 * Parses settings text. `path` names the file in messages and provenance
 * (for policy sources it is a registry key or plist path). `lines: false`
 * drops line numbers, for text that is not the file the user edits.
 */
export function parseSettingsText(kind: SettingsKind, path: string, text: string, options: { watch: boolean; lines?: boolean }): SettingsFile {
  const withLines = options.lines ?? true;
  const document = parseJsonDocument(text, { strict: true });
  if (document.limit) {
    const where = withLines ? ` (line ${document.limit.line}, column ${document.limit.column})` : '';
    const problem = `${path} is ${document.limit.reason}${where}, so Gateway Doctor did not read it.`;
    return {
      ...emptySettings(kind, path, { kind, path, state: 'invalid', problem, watch: options.watch }),
      tooComplex: { message: document.limit.message, reason: document.limit.reason, line: document.limit.line, column: document.limit.column },
    };
  }
  if (document.errors.length > 0 || document.value === undefined) {
    const first = document.errors[0] ?? { message: 'invalid JSON', line: 1, column: 1 };
    const where = withLines ? ` at line ${first.line}, column ${first.column}` : '';
    const problem = `Invalid or malformed JSON in ${path}${where}: ${first.message}. Claude Code ignores this whole file.`;
    return {
      ...emptySettings(kind, path, { kind, path, state: 'invalid', problem, watch: options.watch }),
      parseError: { message: first.message, line: first.line, column: first.column },
    };
  }
  const value = document.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const problem = `${path} must contain a JSON object ({ ... }) at the top level, but it holds ${describeType(value)}. Claude Code ignores it.`;
    return emptySettings(kind, path, { kind, path, state: 'invalid', problem, watch: options.watch });
  }

  const settings = value as Record<string, unknown>;
  const result = emptySettings(kind, path, { kind, path, state: 'loaded', watch: options.watch });
  result.settings = settings;
  const source = (line: number | undefined) => (withLines && line !== undefined ? { kind, path, line } : { kind, path });

  for (const { key, keyNode } of objectProperties(document.root)) {
    if (withLines) result.keyLines[key] = document.lineOf(keyNode.offset);
  }

  if ('env' in settings) {
    const env = settings.env;
    const envLine = result.keyLines.env;
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      result.problems.push({ message: `"env" in ${path} must be an object of NAME: "value" pairs, but it is ${describeType(env)}; it is ignored.`, line: envLine });
    } else {
      const envNode = objectProperties(document.root).find((p) => p.key === 'env')?.valueNode;
      const envLines: Record<string, number> = {};
      for (const { key, keyNode } of objectProperties(envNode)) envLines[key] = document.lineOf(keyNode.offset);
      for (const [name, entry] of Object.entries(env as Record<string, unknown>)) {
        const line = withLines ? envLines[name] : undefined;
        if (typeof entry !== 'string') {
          // Name the variable and the type only: the value may be a credential.
          result.problems.push({ message: `env.${name} in ${path}${line !== undefined ? ` (line ${line})` : ''} ${describeNonString(entry)}`, line, variable: name });
        }
        result.env[name] = { value: claudeCodeEnvText(entry), source: source(line) } satisfies Located<string>;
      }
    }
  }
  return result;
}

/** Reads and parses one settings file; missing files are normal (state "missing"). */
export async function readSettingsFile(kind: SettingsKind, path: string): Promise<SettingsFile> {
  const read = await readTextFile(path);
  if (read.state !== 'loaded') {
    const file: SourceFile = { kind, path, state: read.state, watch: true, ...(read.problem ? { problem: read.problem } : {}) };
    return emptySettings(kind, path, file);
  }
  return parseSettingsText(kind, path, read.text, { watch: true });
}
