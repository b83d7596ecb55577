/**
 * The one check before the app lets the OS open a link (documentation links,
 * sign-in URLs): an https URL with no user name, password or explicit port.
 * Callers then compare the host with their own allow-list.
 */
export function plainHttpsUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
  return parsed;
}
