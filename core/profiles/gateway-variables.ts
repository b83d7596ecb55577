/**
 * Which variables make Claude Code use a gateway, and what a gateway profile
 * writes into the user settings `env`. Shared by the switcher (which writes
 * and removes them) and describeMode (which explains them).
 */
import type { GatewayProfile, ProviderId } from '../types';

interface ProviderVariables {
  useFlag: string | null;
  baseUrl: string;
  skipAuth: string | null;
}

export const PROVIDER_VARIABLES: Record<ProviderId, ProviderVariables> = {
  anthropic: { useFlag: null, baseUrl: 'ANTHROPIC_BASE_URL', skipAuth: null },
  bedrock: { useFlag: 'CLAUDE_CODE_USE_BEDROCK', baseUrl: 'ANTHROPIC_BEDROCK_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH' },
  vertex: { useFlag: 'CLAUDE_CODE_USE_VERTEX', baseUrl: 'ANTHROPIC_VERTEX_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_VERTEX_AUTH' },
  foundry: { useFlag: 'CLAUDE_CODE_USE_FOUNDRY', baseUrl: 'ANTHROPIC_FOUNDRY_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH' },
  'anthropic-aws': { useFlag: 'CLAUDE_CODE_USE_ANTHROPIC_AWS', baseUrl: 'ANTHROPIC_AWS_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH' },
  mantle: { useFlag: 'CLAUDE_CODE_USE_MANTLE', baseUrl: 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_MANTLE_AUTH' },
};

export const CREDENTIAL_VARIABLES = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'] as const;

/** Every env variable that routes Claude Code to a gateway or carries its credential. */
export const GATEWAY_VARIABLES: readonly string[] = [
  ...new Set([
    ...Object.values(PROVIDER_VARIABLES).flatMap((p) => [p.useFlag, p.baseUrl, p.skipAuth].filter((v): v is string => v !== null)),
    ...CREDENTIAL_VARIABLES,
    'ANTHROPIC_CUSTOM_HEADERS',
  ]),
];

/** The settings key (not an env variable) that also selects a gateway credential. */
export const API_KEY_HELPER_KEY = 'apiKeyHelper';

export interface ProfileVariable {
  name: string;
  value: string;
  secret: boolean;
}

/**
 * The env entries a profile writes, in a stable order. `secret` is the
 * credential for ANTHROPIC_AUTH_TOKEN / ANTHROPIC_API_KEY profiles (null when
 * the caller has none).
 */
export function profileVariables(profile: GatewayProfile, secret: string | null): ProfileVariable[] {
  const route = PROVIDER_VARIABLES[profile.provider] ?? PROVIDER_VARIABLES.anthropic;
  const out: ProfileVariable[] = [];
  if (route.useFlag) out.push({ name: route.useFlag, value: '1', secret: false });
  out.push({ name: route.baseUrl, value: profile.baseUrl, secret: false });
  if (route.skipAuth && profile.credentialKind === 'none') out.push({ name: route.skipAuth, value: '1', secret: false });
  if ((profile.credentialKind === 'ANTHROPIC_AUTH_TOKEN' || profile.credentialKind === 'ANTHROPIC_API_KEY') && secret !== null) {
    out.push({ name: profile.credentialKind, value: secret, secret: true });
  }
  if (profile.customHeaders && profile.customHeaders.trim()) {
    const headers = profile.customHeaders.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join('\n');
    out.push({ name: 'ANTHROPIC_CUSTOM_HEADERS', value: headers, secret: /auth|key|token|secret|cookie/i.test(headers) });
  }
  for (const [name, value] of Object.entries(profile.extraEnv ?? {})) out.push({ name, value, secret: /TOKEN(?!S)|KEY|SECRET|PASSWORD/i.test(name) });
  return out;
}

/** Normalises a base URL for comparison (case-insensitive host, no trailing slash). */
export function sameBaseUrl(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const norm = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return u.replace(/\/+$/, '');
    }
  };
  return norm(a) === norm(b);
}
