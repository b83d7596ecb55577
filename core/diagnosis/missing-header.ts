/**
 * Reads the name of a header a gateway says is missing out of its own error
 * message ("the X-Org-Route header is required", "either x-acme-config or
 * x-acme-provider header is required"), so the finding can point to
 * ANTHROPIC_CUSTOM_HEADERS with the name filled in.
 */

/** A header name as gateways write it, optionally quoted. Unquoted names need a hyphen, so "the header is required" names nothing. */
const QUOTE = `["'\`‘’“”]`;
const QUOTED = `${QUOTE}([A-Za-z][A-Za-z0-9_-]{0,63})${QUOTE}`;
const BARE = '([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)+)';
const NAME = `(?:${QUOTED}|${BARE})`;
const REQUIRED = '(?:is |are )?(?:required|missing|mandatory|not (?:set|present|provided|found))';

const EITHER = new RegExp(`\\beither (?:the )?(?:header )?${NAME} or (?:the )?(?:header )?${NAME}(?: headers?)? (?:is |are |must be )?(?:required|missing|set|provided)`, 'i');
const SINGLE: RegExp[] = [
  // "the X-Org-Route header is required"
  new RegExp(`${NAME} (?:request |http )?header ${REQUIRED}`, 'i'),
  // "header X-Org-Route is required", "header 'x-team' missing"
  new RegExp(`\\bheader:? ${NAME} ${REQUIRED}`, 'i'),
  // "Missing required header X-Org-Route", "missing header: x-team"
  new RegExp(`\\bmissing (?:required |mandatory )?(?:request |http )?header:? ${NAME}`, 'i'),
  // "required header X-Org-Route not found", "required header: x-team"
  new RegExp(`\\brequired (?:request |http )?header:? ${NAME}`, 'i'),
];

/** Headers Claude Code sets itself (credentials, protocol): a missing one is not a custom-header problem. */
const BUILT_IN = new Set(['authorization', 'x-api-key', 'api-key', 'anthropic-version', 'anthropic-beta', 'content-type', 'accept', 'user-agent', 'anthropic-workspace-id', 'proxy-authorization']);

/**
 * The header name(s) the message says are missing: one name, or two when the
 * gateway accepts either. Empty when the message names no header, or only a
 * header Claude Code already sends by itself.
 */
export function missingHeaderNames(message: string): string[] {
  const text = message.slice(0, 2000);
  const either = EITHER.exec(text);
  const names: string[] = [];
  if (either) {
    names.push(either[1] ?? either[2], either[3] ?? either[4]);
  } else {
    for (const pattern of SINGLE) {
      const m = pattern.exec(text);
      if (m) {
        names.push(m[1] ?? m[2]);
        break;
      }
    }
  }
  return names.filter((n): n is string => Boolean(n) && !BUILT_IN.has(n.toLowerCase()));
}
