/**
 * Parses JSON the way the reader of each file does, and keeps positions.
 * Claude Code reads settings as strict JSON (a comment or trailing comma makes
 * the whole file invalid); VS Code reads its settings as JSONC. Either way we
 * need line numbers for provenance ("ANTHROPIC_BASE_URL, settings.json line 4")
 * and a precise, content-free message when parsing fails. JSON.parse's own
 * messages quote the file's text, which may hold a key, so they are never used.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/**
 * Deepest nesting any parse accepts. jsonc-parser (like getNodeValue and
 * `modify`) recurses once per level and overflows the stack at a few
 * thousand levels, which a 20 KB file of `[` reaches; no settings file,
 * VS Code settings or ~/.claude.json nests beyond a dozen.
 */
export const MAX_JSON_DEPTH = 128;
/** Largest text any parse accepts, in characters (readers cap files well below this). */
const MAX_JSON_CHARS = 64 * 1024 * 1024;

export interface JsonLimitExceeded {
  kind: 'depth' | 'size';
  /** Plain words, never the file's content: "it is <reason>". */
  message: string;
  /** What is wrong, to follow "<path> is ": "nested more than 128 levels deep". */
  reason: string;
  /** Where the limit was crossed (1-based), for depth. */
  line: number;
  column: number;
}

/**
 * Checks, without recursion and without building anything, that `text` is
 * within MAX_JSON_DEPTH and MAX_JSON_CHARS, so it can be handed to
 * jsonc-parser safely. Brackets inside strings and comments do not count.
 * Returns null when the text is within bounds.
 */
export function jsonLimitExceeded(text: string): JsonLimitExceeded | null {
  if (text.length > MAX_JSON_CHARS) {
    const reason = `larger than ${MAX_JSON_CHARS / (1024 * 1024)} MiB`;
    return { kind: 'size', message: `it is ${reason}`, reason, line: 1, column: 1 };
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > MAX_JSON_DEPTH) {
        const { line, column } = positionOf(lineStarts(text), i);
        const reason = `nested more than ${MAX_JSON_DEPTH} levels deep`;
        return { kind: 'depth', message: `it is ${reason}`, reason, line, column };
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return null;
}

export interface JsonSyntaxError {
  /** Plain words, never the file's content. */
  message: string;
  line: number;
  column: number;
}

export interface JsonDocument {
  /** The parsed value; undefined when the text is not valid for the chosen dialect. */
  value: unknown;
  root: Node | undefined;
  errors: JsonSyntaxError[];
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
  /** Set when the text was not parsed at all because it is too deep or too large (then `errors` holds the same). */
  limit?: JsonLimitExceeded;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** Offset of the comma right before `offset` (skipping whitespace), if any: the tell-tale of a trailing comma. */
function trailingCommaBefore(text: string, offset: number): number | null {
  if (text[offset] !== '}' && text[offset] !== ']') return null;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 && text[i] === ',' ? i : null;
}

const CODE_MESSAGES: Record<string, string> = {
  InvalidCommentToken: 'comments (// or /* */) are not allowed in JSON',
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "a ':' is expected",
  CommaExpected: "a ',' is expected",
  CloseBraceExpected: "a closing '}' is missing",
  CloseBracketExpected: "a closing ']' is missing",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCharacter: 'a control character (such as a raw tab or newline) inside a string',
  UnexpectedEndOfComment: 'an unterminated comment',
  UnexpectedEndOfString: 'an unterminated string',
  UnexpectedEndOfNumber: 'an unterminated number',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape sequence',
};

function describeErrors(text: string, starts: number[], raw: ParseError[]): JsonSyntaxError[] {
  const out: JsonSyntaxError[] = [];
  const seen = new Set<number>();
  for (const error of raw) {
    const code = printParseErrorCode(error.error);
    const comma = code === 'PropertyNameExpected' || code === 'ValueExpected' ? trailingCommaBefore(text, error.offset) : null;
    const offset = comma ?? error.offset;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const message = comma !== null ? 'a trailing comma is not allowed in JSON' : (CODE_MESSAGES[code] ?? 'invalid JSON');
    out.push({ message, ...positionOf(starts, offset) });
  }
  return out;
}

/**
 * Parses `text` as strict JSON (`strict: true`, Claude Code's settings) or
 * JSONC with comments and trailing commas (VS Code). In strict mode any error
 * leaves `value` undefined; in JSONC mode `value` is what could be read, as
 * VS Code does. Text beyond MAX_JSON_DEPTH or MAX_JSON_CHARS is not parsed
 * (`limit` says why).
 */
export function parseJsonDocument(text: string, options: { strict: boolean }): JsonDocument {
  const limit = jsonLimitExceeded(text);
  if (limit) {
    const error = { message: limit.message, line: limit.line, column: limit.column };
    return { value: undefined, root: undefined, errors: [error], lineOf: (offset) => positionOf(lineStarts(text), offset).line, limit };
  }
  const starts = lineStarts(text);
  const rawErrors: ParseError[] = [];
  const root = parseTree(text, rawErrors, {
    disallowComments: options.strict,
    allowTrailingComma: !options.strict,
    allowEmptyContent: false,
  });
  const errors = describeErrors(text, starts, rawErrors);
  let value: unknown;
  if (options.strict) {
    if (errors.length === 0) {
      try {
        value = JSON.parse(text);
      } catch {
        // jsonc-parser accepted something JSON.parse does not: report it without quoting the text.
        errors.push({ message: 'invalid JSON', line: 1, column: 1 });
      }
    }
  } else if (root) {
    value = getNodeValue(root);
  }
  return { value, root, errors, lineOf: (offset) => positionOf(starts, offset).line };
}

/** The property nodes of an object node, as [key, key node, value node]. */
export function objectProperties(node: Node | undefined): Array<{ key: string; keyNode: Node; valueNode: Node | undefined }> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Array<{ key: string; keyNode: Node; valueNode: Node | undefined }> = [];
  for (const property of node.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, keyNode, valueNode: property.children?.[1] });
  }
  return out;
}

/** Describes a JSON value's type in words, for "must be a string (found a number)". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}
