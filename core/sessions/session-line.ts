/**
 * One line of a Claude Code session log, reduced to what Gateway Doctor may
 * keep: an API error (its status, type, surface, version, time and Claude
 * Code's own synthetic error text) or the time of a successful turn. Every
 * other line (prompts, answers, attachments, tool results, request shapes)
 * is skipped, most of them without being parsed at all.
 *
 * Observed format (conformance/OBSERVED.md, 2.1.197 and 2.1.332): an API
 * error is an assistant line with `"isApiErrorMessage":true` and
 * `message.model` "<synthetic>"; a successful turn is an assistant line with a
 * real model.
 */
import { FINDINGS } from '../diagnosis/catalog';
import { explainError, redactSecretsInText } from '../diagnosis/explain';
import type { SessionError } from '../types';

/** Lines longer than this are never parsed (an API-error line is about 1.3 KB; answers with big tool calls can be megabytes). */
export const MAX_PARSED_LINE_CHARS = 256 * 1024;
/** The kept error text is capped: Claude Code's messages are one or two sentences. */
export const MAX_SUMMARY_CHARS = 300;

/** Every line the reader keeps contains this; the others are skipped before they are parsed (or even decoded). */
export const LINE_MARKER = '"assistant"';

export type SessionLine =
  | { kind: 'error'; error: SessionError }
  | { kind: 'success'; at: string; surface: string };

/** `entrypoint` absent (older versions) is reported as this surface. */
export const UNKNOWN_SURFACE = 'unknown';

/** When explain recognises nothing in the text, the status code still says something. */
function findingForStatus(status: number | null): string | null {
  if (status === null) return null;
  if (status === 401 || status === 403) return 'credential-rejected';
  if (status === 404) return 'unknown-model';
  if (status === 429) return 'rate-limited';
  if (status === 529) return 'upstream-overloaded';
  if (status >= 500) return 'upstream-error';
  if (status >= 400) return 'gateway-rejected-request';
  return null;
}

function str(value: unknown, max = 200): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The synthetic error text: the first text block of the synthetic message, and only that. */
function syntheticText(message: unknown): string {
  if (!message || typeof message !== 'object') return '';
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  for (const block of content) {
    if (block && typeof block === 'object' && (block as { type?: unknown }).type === 'text') {
      const text = (block as { text?: unknown }).text;
      if (typeof text === 'string') return text;
    }
  }
  return '';
}

function summarize(text: string, scrub: (text: string) => string): string {
  const oneLine = scrub(redactSecretsInText(text.slice(0, 4 * MAX_SUMMARY_CHARS))).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SUMMARY_CHARS ? `${oneLine.slice(0, MAX_SUMMARY_CHARS - 1)}…` : oneLine;
}

/**
 * Reads one log line. Returns null for every line that is neither an API
 * error nor a successful turn, and for anything that does not parse.
 * `scrub` is the service's redactor (known secret values), applied to the
 * kept text on top of the pattern-based redaction.
 */
export function parseSessionLine(line: string, project: string, scrub: (text: string) => string = (t) => t): SessionLine | null {
  // Cheap filters first: most lines are not assistant lines, and those are never parsed.
  if (line.length > MAX_PARSED_LINE_CHARS || !line.includes(LINE_MARKER)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null; // a torn or foreign line: skip it, never fail the scan
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  if (o.type !== 'assistant') return null;
  const at = isoTime(o.timestamp);
  if (!at) return null;
  const surface = str(o.entrypoint, 64) ?? UNKNOWN_SURFACE;
  const message = o.message && typeof o.message === 'object' ? (o.message as Record<string, unknown>) : null;
  const model = message ? message.model : undefined;

  if (o.isApiErrorMessage === true) {
    // Only the synthetic message is Claude Code's error text; a real model's text would be an answer.
    const text = model === '<synthetic>' ? syntheticText(message) : '';
    const status = typeof o.apiErrorStatus === 'number' && Number.isInteger(o.apiErrorStatus) ? o.apiErrorStatus : null;
    const summary = summarize(text, scrub);
    const explained = summary ? explainError(summary) : null;
    const findingId = explained?.findingId ?? findingForStatus(status);
    const entry = findingId ? (FINDINGS as Record<string, { title: string; fix: string } | undefined>)[findingId] : undefined;
    return {
      kind: 'error',
      error: {
        at,
        findingId,
        apiErrorStatus: status,
        apiErrorType: str(o.apiErrorType, 64),
        surface,
        project,
        claudeCodeVersion: str(o.version, 32),
        summary,
        title: entry?.title ?? null,
        fix: entry?.fix ?? null,
      },
    };
  }
  if (typeof model === 'string' && model !== '<synthetic>') return { kind: 'success', at, surface };
  return null;
}
