/**
 * Minimal edits to JSON and JSONC files. Every change is computed by
 * jsonc-parser's `modify` and applied with `applyEdits`, so the bytes outside
 * the edited value (comments, key order, indentation, unknown keys, line
 * endings) stay exactly as the user wrote them. Nothing here re-serialises a
 * whole file from a parsed object.
 */
import { applyEdits, modify, parseTree, printParseErrorCode, type FormattingOptions, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

/** Strict JSON (Claude Code settings) or JSONC (VS Code settings: comments and trailing commas allowed). */
export type JsonDialect = 'json' | 'jsonc';

export class JsonEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonEditError';
  }
}

/** Detects indentation and line endings from the file itself, so inserted lines look like their neighbours. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabSize = 2;
  let insertSpaces = true;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([ \t]+)\S/.exec(line);
    if (!match) continue;
    const indent = match[1];
    if (indent.startsWith('\t')) {
      insertSpaces = false;
      tabSize = 1;
    } else {
      tabSize = indent.length;
    }
    break;
  }
  return { tabSize, insertSpaces, eol, insertFinalNewline: false };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses a file for editing and refuses (with the file and line) when it is not
 * valid for its dialect: we never "repair" a user's file.
 */
export function parseForEdit(text: string, path: string, dialect: JsonDialect): Node | null {
  if (text.trim() === '') return null;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: dialect === 'jsonc', disallowComments: dialect === 'json', allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0];
    const what = printParseErrorCode(first.error);
    const hint = dialect === 'json' ? ' Claude Code settings must be strict JSON (no comments, no trailing commas).' : '';
    throw new JsonEditError(`${path} is not valid ${dialect === 'json' ? 'JSON' : 'JSONC'} (line ${lineOf(text, first.offset)}: ${what}), so Gateway Doctor will not edit it. Fix the file first.${hint}`);
  }
  if (!tree || tree.type !== 'object') {
    throw new JsonEditError(`${path} does not hold a JSON object at the top level, so Gateway Doctor will not edit it.`);
  }
  return tree;
}

function findNode(tree: Node | null, path: JSONPath): Node | undefined {
  let node: Node | undefined = tree ?? undefined;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      if (node.type !== 'array') return undefined;
      node = node.children?.[segment];
    } else {
      if (node.type !== 'object') return undefined;
      const prop = node.children?.find((p) => p.children?.[0]?.value === segment);
      node = prop?.children?.[1];
    }
  }
  return node;
}

/** Reads a value from the parsed file (undefined when absent). */
export function readJsonValue(text: string, path: string, dialect: JsonDialect, at: JSONPath): unknown {
  const tree = parseForEdit(text, path, dialect);
  const node = findNode(tree, at);
  if (!node) return undefined;
  return nodeValue(node);
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) out[String(prop.children?.[0]?.value)] = prop.children?.[1] ? nodeValue(prop.children[1]) : undefined;
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** The property names of the object at `at`, in file order ([] when absent). */
export function objectKeys(text: string, path: string, dialect: JsonDialect, at: JSONPath): string[] {
  const node = findNode(parseForEdit(text, path, dialect), at);
  if (!node || node.type !== 'object') return [];
  return (node.children ?? []).map((p) => String(p.children?.[0]?.value));
}

/** What a brand-new settings file looks like: `{\n  "env": {...}\n}\n`. */
export function newSettingsText(env: Record<string, string>): string {
  return JSON.stringify({ env }, null, 2) + '\n';
}

export interface SetOptions {
  /** Insert a new property at this index among its siblings (to restore a remembered position). */
  insertAt?: number;
}

/**
 * Sets `at` to `value` with a minimal edit. Parent objects are created as
 * needed; a parent that exists but is not an object is refused by name.
 */
export function setJsonValue(text: string, path: string, dialect: JsonDialect, at: JSONPath, value: unknown, options: SetOptions = {}): string {
  const tree = parseForEdit(text, path, dialect);
  if (tree === null) {
    // Empty or missing file: start from the canonical shape.
    return setJsonValue('{}\n', path, dialect, at, value, options);
  }
  for (let i = 1; i < at.length; i++) {
    const parent = findNode(tree, at.slice(0, i));
    if (parent && parent.type !== 'object' && parent.type !== 'array') {
      throw new JsonEditError(`${path}: "${at.slice(0, i).join('.')}" is not an object, so Gateway Doctor will not edit it. Fix the file first.`);
    }
  }
  const formattingOptions = detectFormatting(text);
  const edits = modify(text, at, value, {
    formattingOptions,
    ...(options.insertAt !== undefined ? { getInsertionIndex: (props: string[]) => Math.min(Math.max(0, options.insertAt ?? props.length), props.length) } : {}),
  });
  return applyEdits(text, edits);
}

/** Removes `at` with a minimal edit; unchanged text when it is absent. */
export function removeJsonValue(text: string, path: string, dialect: JsonDialect, at: JSONPath): string {
  const tree = parseForEdit(text, path, dialect);
  if (!findNode(tree, at)) return text;
  return applyEdits(text, modify(text, at, undefined, { formattingOptions: detectFormatting(text) }));
}
