/**
 * Proxy, CA and mTLS settings as Claude Code reads them (claude-code-facts
 * §2.4 network rows, §7.2).
 */
import { Secret } from '../../util/secret';
import type { ResolvedEnvVar, ResolvedNetwork } from '../resolved';
import { appliedValue } from './effective-env';

/** Consulted in this order (§7.2). */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

/** Checks a proxy URL: it must parse and be http(s); SOCKS is not supported. */
export function checkProxyUrl(url: string): { valid: boolean; problem?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { valid: false, problem: 'is not a URL Claude Code can parse, so it stops at launch' };
  }
  if (parsed.protocol.startsWith('socks')) return { valid: false, problem: 'is a SOCKS proxy, which Claude Code does not support' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { valid: false, problem: `uses ${parsed.protocol}//, but only http:// and https:// proxies work` };
  return { valid: true };
}

/** Hides the password of a URL with user info (proxy basic auth), keeping the rest as written. */
export function redactUrlCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}••••@` : `${scheme}${userinfo.slice(0, colon)}:••••@`;
  });
}

export function resolveNetwork(vars: Record<string, ResolvedEnvVar>): ResolvedNetwork {
  let proxy: ResolvedNetwork['proxy'] = null;
  for (const variable of PROXY_VARIABLES) {
    const value = appliedValue(vars, variable);
    if (value) {
      proxy = { url: value, variable, ...checkProxyUrl(value) };
      break;
    }
  }
  const get = (name: string) => appliedValue(vars, name) || null;
  const passphrase = get('CLAUDE_CODE_CLIENT_KEY_PASSPHRASE');
  return {
    proxy,
    noProxy: get('NO_PROXY') ?? get('no_proxy'),
    extraCaPath: get('NODE_EXTRA_CA_CERTS'),
    clientCertPath: get('CLAUDE_CODE_CLIENT_CERT'),
    clientKeyPath: get('CLAUDE_CODE_CLIENT_KEY'),
    clientKeyPassphrase: passphrase ? new Secret(passphrase) : null,
  };
}
