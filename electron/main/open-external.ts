/**
 * The one way the app opens a link outside itself.
 *
 * Electron security checklist #15 "Do not use shell.openExternal with
 * untrusted content": only https URLs on a short allow-list of documentation
 * hosts open; everything else is refused (and logged by the caller).
 */
import { isSignInUrl } from '../../core/login/dialogue';
import { plainHttpsUrl } from '../../core/util/https-url';

/** Hosts (and for github.com, one organisation) the app may open in the browser. */
const EXTERNAL_ALLOW_LIST: ReadonlyArray<{ host: string; pathPrefix?: string }> = [
  { host: 'code.claude.com' },
  { host: 'docs.anthropic.com' },
  { host: 'platform.claude.com' },
  { host: 'github.com', pathPrefix: '/anthropics/' },
];

/** True when `url` is an https URL on the allow-list, without credentials or an explicit port. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = plainHttpsUrl(url);
  if (!parsed) return false;
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_ALLOW_LIST.some((entry) => entry.host === host && (!entry.pathPrefix || `${parsed.pathname}/`.startsWith(entry.pathPrefix)));
}

/** The Electron seam: shell.openExternal, injected so the check is testable. */
export type ExternalOpener = (url: string) => Promise<void>;

/**
 * Opens an allow-listed URL in the user's browser; returns false (and opens
 * nothing) for anything else.
 */
export async function openExternal(url: string, opener: ExternalOpener): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await opener(new URL(url).toString());
  return true;
}

/**
 * The sign-in exception to the allow-list, kept narrow: https, one of the
 * sign-in hosts (claude.com, claude.ai, platform.claude.com,
 * console.anthropic.com), and exactly the URL Claude Code printed in the
 * sign-in that is running now. The renderer cannot reach this path: only the
 * core's sign-in calls it, with the URL it read from Claude Code's output.
 */
export function isAllowedSignInUrl(url: string, printedUrl: string | null): boolean {
  return printedUrl !== null && url === printedUrl && isSignInUrl(url);
}

export async function openSignInUrl(url: string, printedUrl: string | null, opener: ExternalOpener): Promise<boolean> {
  if (!isAllowedSignInUrl(url, printedUrl)) return false;
  try {
    await opener(url);
    return true;
  } catch {
    // No default browser (or it refused): the dashboard shows the URL to copy.
    return false;
  }
}
