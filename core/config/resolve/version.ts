/**
 * Version gates. Claude Code changes behaviour between neighbouring patch
 * releases, so every prediction is gated on the installed version (or the
 * latest documented one when it is not installed).
 */

/** The newest Claude Code version the reference facts describe. */
export const LATEST_DOCUMENTED_VERSION = '2.1.240';

function parts(version: string): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return [0, 0, 0];
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Compares two "major.minor.patch" versions (anything around them, like
 * " (Claude Code)", is ignored). Negative when a < b, 0 when equal, positive
 * when a > b. Unparseable versions count as 0.0.0.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}

/** True when `version` is `minimum` or newer: the shape of every changelog gate ("since 2.1.196"). */
export function atLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** Extracts "2.1.197" from `claude --version` output such as "2.1.197 (Claude Code)". */
export function parseVersion(text: string): string | null {
  const match = /(\d+\.\d+\.\d+)/.exec(text);
  return match ? match[1] : null;
}
