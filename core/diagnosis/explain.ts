/**
 * `explain`: names the finding behind an error Claude Code (or a gateway)
 * printed, so a user who pastes an error gets the cause and the fix.
 */
import type { ExplainResult } from '../types';
import { redact } from '../util/secret';
import { FINDINGS, type FindingId } from './catalog';
import { ERROR_PATTERNS, type ErrorPattern } from './error-patterns';

/** Only the first 64 KiB of the text is read: errors are short, pasted logs can be huge. */
export const EXPLAIN_MAX_INPUT_CHARS = 64 * 1024;
/** matchedText is trimmed to this length. */
const MAX_MATCHED_TEXT = 200;

// eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters by definition
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

/**
 * Replaces anything that looks like a credential with its redacted form (last
 * 4 characters at most): Anthropic-style keys (`sk-…`), Bearer tokens, URL
 * passwords (`https://user:pass@host`), and
 * values following x-api-key / api-key / token / password labels. Explain
 * echoes part of its input back, and users paste errors that contain keys.
 */
export function redactSecretsInText(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s/@]+)@/gi, (_m, prefix: string, password: string) => `${prefix}:${redact(password)}@`)
    .replace(/\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{6,})/gi, (_m, scheme: string, token: string) => `${scheme} ${redact(token)}`)
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, (m) => redact(m))
    .replace(
      /\b(x-api-key|api[_-]?key|auth[_-]?token|access[_-]?token|token|password|secret)(["']?\s*[:=]\s*["']?)([A-Za-z0-9._~+/=-]{12,})/gi,
      (_m, label: string, sep: string, value: string) => `${label}${sep}${redact(value)}`,
    );
}

interface Hit {
  pattern: ErrorPattern;
  index: number;
  text: string;
}

function trimMatch(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MATCHED_TEXT ? `${oneLine.slice(0, MAX_MATCHED_TEXT - 1)}…` : oneLine;
}

/**
 * Maps error text to the best-matching finding id from the catalogue, with
 * other plausible findings as alternatives. Never throws; never returns a
 * credential that was in the text.
 */
export function explainError(text: string): ExplainResult {
  const input = redactSecretsInText(String(text ?? '').slice(0, EXPLAIN_MAX_INPUT_CHARS).replace(ANSI, ''));

  const best = new Map<FindingId, Hit>();
  for (const pattern of ERROR_PATTERNS) {
    const match = pattern.regex.exec(input);
    if (!match) continue;
    const current = best.get(pattern.findingId);
    if (!current || pattern.weight > current.pattern.weight || (pattern.weight === current.pattern.weight && match.index < current.index)) {
      best.set(pattern.findingId, { pattern, index: match.index, text: match[0] });
    }
  }

  const ranked = [...best.values()].sort((a, b) => b.pattern.weight - a.pattern.weight || a.index - b.index);
  if (ranked.length === 0) {
    return { schema: 'gateway-doctor/explain@1', matched: false, findingId: null, title: null, cause: null, fix: null, matchedText: null, alternatives: [] };
  }

  const [top, ...rest] = ranked;
  const alternatives: string[] = [];
  for (const id of [...rest.map((h) => h.pattern.findingId), ...(top.pattern.related ?? [])]) {
    if (id !== top.pattern.findingId && !alternatives.includes(id)) alternatives.push(id);
  }
  const entry = FINDINGS[top.pattern.findingId];
  return {
    schema: 'gateway-doctor/explain@1',
    matched: true,
    findingId: top.pattern.findingId,
    title: entry.title,
    cause: top.pattern.cause,
    fix: top.pattern.fix ?? entry.fix,
    matchedText: trimMatch(top.text),
    alternatives,
  };
}
