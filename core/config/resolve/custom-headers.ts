/**
 * ANTHROPIC_CUSTOM_HEADERS: one "Name: Value" pair per line, validated the
 * way Claude Code 2.1.227+ does (claude-code-facts §4.8). Problems name the
 * header (or its position), never a value.
 */
import type { Source } from '../../types';

export interface CustomHeadersResult {
  headers: Array<{ name: string; value: string; source: Source }>;
  /** Null when valid; otherwise which header is bad and why (no values). */
  problem: string | null;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses and validates the variable; an invalid set sends nothing, as in Claude Code. */
export function parseCustomHeaders(raw: string | undefined, source: Source | null): CustomHeadersResult {
  if (!raw || !source) return { headers: [], problem: null };
  const lines = raw.split('\n').filter((line) => line.trim() !== '');
  const headers: CustomHeadersResult['headers'] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const position = `header ${i + 1} of ${lines.length}`;
    const colon = line.indexOf(':');
    if (colon < 0) return { headers: [], problem: `${position} has no colon (expected "Name: Value")` };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!TOKEN.test(name)) return { headers: [], problem: `${position} has an invalid header name` };
    if (value.includes('\r')) return { headers: [], problem: `${position} (${name}) has a line break inside its value` };
    if (value.includes('\0')) return { headers: [], problem: `${position} (${name}) contains a NUL character` };
    for (const ch of value) {
      if (ch.codePointAt(0)! > 0xff) return { headers: [], problem: `${position} (${name}) contains a character above U+00FF` };
    }
    headers.push({ name, value, source });
  }
  return { headers, problem: null };
}

/** The variable's value with every header value hidden, for display. */
export function describeCustomHeaders(raw: string): string {
  return raw
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? '(invalid line)' : `${line.slice(0, colon).trim()}: ••••`;
    })
    .join('\n');
}
