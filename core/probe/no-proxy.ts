/**
 * NO_PROXY matching as Claude Code (and most Node HTTP stacks) apply it:
 * entries separated by commas or spaces, `*` for everything, a leading dot
 * or `*.` for a domain and its subdomains, an optional `:port`.
 */
export function bypassesProxy(target: URL, noProxy: string | null | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let name = entry;
    let entryPort: string | null = null;
    const portMatch = /^(.*?):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && entry.split(':').length === 2) {
      name = portMatch[1];
      entryPort = portMatch[2];
    } else if (/^\[.*\]:(\d+)$/.test(entry)) {
      const m = /^\[(.*)\]:(\d+)$/.exec(entry)!;
      name = m[1];
      entryPort = m[2];
    }
    name = name.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (name.startsWith('*.')) name = name.slice(1);
    if (name.startsWith('.')) {
      if (host.endsWith(name) || host === name.slice(1)) return true;
    } else if (host === name || host.endsWith(`.${name}`)) {
      return true;
    }
  }
  return false;
}
