/**
 * Reads `claude auth login`'s output (observed with 2.1.197, see
 * shared/reference/claude-code-facts.md §10.8):
 *
 *   Opening browser to sign in…
 *   If the browser didn't open, visit: https://claude.com/cai/oauth/authorize?…
 *   Paste code here if prompted >
 *   Login successful.                       (after a good code, exit 0)
 *   Invalid code. Please make sure the full code was copied.   (stays waiting)
 *   Login failed: <reason>                  (exit 1)
 */
import { plainHttpsUrl } from '../util/https-url';

/** The hosts a sign-in URL may point at (https only). */
export const SIGN_IN_HOSTS: readonly string[] = ['claude.com', 'claude.ai', 'platform.claude.com', 'console.anthropic.com'];

/** True for an https URL on a sign-in host, without credentials or an explicit port. */
export function isSignInUrl(url: string): boolean {
  const parsed = plainHttpsUrl(url);
  return parsed !== null && SIGN_IN_HOSTS.includes(parsed.hostname.toLowerCase());
}

const URL_LINE = /visit:\s*(https:\/\/\S+)/i;
const ANY_HTTPS = /(https:\/\/[^\s"'<>]+)/;

/** The sign-in URL in the output so far (the "visit:" line first, else any https URL on a sign-in host). */
export function findSignInUrl(output: string): string | null {
  const marked = URL_LINE.exec(output)?.[1];
  if (marked && isSignInUrl(marked)) return marked;
  for (const line of output.split(/\r?\n/)) {
    const candidate = ANY_HTTPS.exec(line)?.[1];
    if (candidate && isSignInUrl(candidate)) return candidate;
  }
  return null;
}

export function asksForCode(output: string): boolean {
  return /paste (the )?code/i.test(output);
}

export function saysInvalidCode(text: string): boolean {
  return /invalid code/i.test(text);
}

export function saysSuccess(output: string): boolean {
  return /login successful/i.test(output);
}

/** An older Claude Code without the `auth login` subcommand (commander's messages). */
export function saysUnknownCommand(output: string): boolean {
  return /unknown command|unknown option|error: unknown|too many arguments|did you mean/i.test(output);
}

/** Managed settings (forceLoginMethod / forceLoginOrgUUID) refused the login. */
export function saysRefusedByPolicy(output: string): boolean {
  return /forceLoginMethod|forceLoginOrgUUID|managed settings|org(anization)?[ _-]not[ _-]allowed|not allowed to (log|sign) ?in|organization.*(not|isn't) (permitted|allowed)/i.test(output);
}

/** The last meaningful line (for a failure message), without the URL's query (it holds one-time state). */
export function lastLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(/Paste code here if prompted >\s*/i, '').trim())
    .filter(Boolean);
  const line = lines.at(-1) ?? '';
  return line.replace(/(https:\/\/[^\s?]+)\?\S*/g, '$1?…').slice(0, 300);
}
