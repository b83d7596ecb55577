/**
 * Minimal edits to JSON and JSONC files. Every change is computed by
 * jsonc-parser's `modify` and applied with `applyEdits`, so the bytes outside
 * the edited value (comments, key order, indentation, unknown keys, line
 * endings) stay exactly as the user wrote them. Nothing here re-serialises a
 * whole file from a parsed object.
 */
import { jsonLimitExceeded } from '../config/discovery/json-document';
import { applyEdits, createScanner, modify, parseTree, printParseErrorCode, type FormattingOptions, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

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
  // jsonc-parser (parseTree and modify) recurses per level: check first.
  const limit = jsonLimitExceeded(text);
  if (limit) throw new JsonEditError(`${path} is ${limit.reason} (line ${limit.line}), so Gateway Doctor will not edit it. Fix the file first.`);
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
  const parentPath = at.slice(0, -1);
  const key = at[at.length - 1];
  const parent = findNode(tree, parentPath);
  if (typeof key === 'string' && parent?.type === 'object' && !findNode(tree, at)) {
    const inserted = insertPropertyOnOwnLine(text, parent, key, value, options.insertAt);
    if (inserted !== null) return inserted;
  }
  const formattingOptions = detectFormatting(text);
  const edits = modify(text, at, value, {
    formattingOptions,
    ...(options.insertAt !== undefined ? { getInsertionIndex: (props: string[]) => Math.min(Math.max(0, options.insertAt ?? props.length), props.length) } : {}),
  });
  return applyEdits(text, edits);
}

// jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read: its stable values.
const COMMA_TOKEN = 5;
const TRIVIA_KINDS = new Set([12, 13, 14, 15]);

/** The first non-trivia token at or after `offset`: its kind and offset. */
function nextToken(text: string, offset: number): { kind: number; offset: number } {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (;;) {
    const kind = scanner.scan();
    if (TRIVIA_KINDS.has(kind)) continue;
    return { kind, offset: scanner.getTokenOffset() };
  }
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const lineEndOf = (text: string, offset: number) => {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
};
/** True when only whitespace precedes `offset` on its line. */
const startsLine = (text: string, offset: number) => /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
/** True when only whitespace or a line comment follows `offset` on its line. */
const endsLine = (text: string, offset: number) => /^[ \t]*(\/\/.*)?\r?$/.test(text.slice(offset, lineEndOf(text, offset)));

function renderValue(value: unknown, indent: string, unit: string, eol: string): string {
  const json = JSON.stringify(value, null, unit);
  return json.split('\n').join(eol + indent);
}

/**
 * Inserts a property on its own line, in the style of its siblings, without
 * reformatting anything else and without moving a neighbour's trailing
 * comment. Returns null when the object is not laid out one property per line
 * (then jsonc-parser's formatter handles it).
 */
function insertPropertyOnOwnLine(text: string, parent: Node, key: string, value: unknown, insertAt: number | undefined): string | null {
  const props = parent.children ?? [];
  if (props.length === 0) return null;
  if (!props.every((p) => startsLine(text, p.offset))) return null;
  const fmt = detectFormatting(text);
  const eol = fmt.eol ?? '\n';
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  const index = Math.min(Math.max(0, insertAt ?? props.length), props.length);
  if (index < props.length) {
    const anchor = props[index];
    const lineStart = lineStartOf(text, anchor.offset);
    const indent = text.slice(lineStart, anchor.offset);
    const line = `${indent}${JSON.stringify(key)}: ${renderValue(value, indent, unit, eol)},${eol}`;
    return text.slice(0, lineStart) + line + text.slice(lineStart);
  }
  const last = props[props.length - 1];
  const lastEnd = last.offset + last.length;
  const indent = text.slice(lineStartOf(text, last.offset), last.offset);
  const after = nextToken(text, lastEnd);
  const hasTrailingComma = after.kind === COMMA_TOKEN;
  const anchorEnd = hasTrailingComma ? after.offset + 1 : lastEnd;
  if (!endsLine(text, anchorEnd)) return null;
  let lineEnd = lineEndOf(text, anchorEnd);
  if (text[lineEnd - 1] === '\r') lineEnd -= 1;
  const entry = `${eol}${indent}${JSON.stringify(key)}: ${renderValue(value, indent, unit, eol)}${hasTrailingComma ? ',' : ''}`;
  let out = text.slice(0, lineEnd) + entry + text.slice(lineEnd);
  if (!hasTrailingComma) out = out.slice(0, lastEnd) + ',' + out.slice(lastEnd);
  return out;
}

/**
 * Removes a property (or an array element). When it sits on its own line(s) the whole line goes
 * (with its trailing comment) and the comma of the new last sibling is
 * fixed, so no other line changes; otherwise jsonc-parser cuts it out.
 */
function removeProperty(text: string, prop: Node): string {
  const parent = prop.parent;
  const siblings = parent?.children ?? [];
  const index = siblings.indexOf(prop);
  const end = prop.offset + prop.length;
  const after = nextToken(text, end);
  const hasComma = after.kind === COMMA_TOKEN;
  const removeEnd = hasComma ? after.offset + 1 : end;
  if (startsLine(text, prop.offset) && endsLine(text, removeEnd)) {
    const from = lineStartOf(text, prop.offset);
    const lineEnd = lineEndOf(text, removeEnd);
    const to = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    let out = text.slice(0, from) + text.slice(to);
    if (!hasComma && index > 0) {
      // The removed property was last: the previous one must lose its comma.
      const prev = siblings[index - 1];
      const comma = nextToken(out, prev.offset + prev.length);
      if (comma.kind === COMMA_TOKEN) out = out.slice(0, comma.offset) + out.slice(comma.offset + 1);
    }
    return out;
  }
  const path = propertyPath(prop);
  return applyEdits(text, modify(text, path, undefined, {}));
}

function propertyPath(prop: Node): JSONPath {
  const path: JSONPath = [];
  let node: Node | undefined = prop;
  while (node && node.parent) {
    if (node.type === 'property') path.unshift(String(node.children?.[0]?.value));
    else if (node.parent.type === 'array') path.unshift(node.parent.children?.indexOf(node) ?? 0);
    node = node.parent;
  }
  return path;
}

/** Removes `at` with a minimal edit; unchanged text when it is absent. */
export function removeJsonValue(text: string, path: string, dialect: JsonDialect, at: JSONPath): string {
  const tree = parseForEdit(text, path, dialect);
  const node = findNode(tree, at);
  if (!node) return text;
  if (node.parent?.type === 'property') return removeProperty(text, node.parent);
  // An array element (a VS Code environmentVariables entry) goes the same way: whole lines when it has them.
  if (node.parent?.type === 'array') return removeProperty(text, node);
  return applyEdits(text, modify(text, at, undefined, {}));
}
