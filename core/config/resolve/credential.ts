/**
 * Which credential Claude Code sends, in which header(s), from where
 * (claude-code-facts §2.1 plus the 2.1.332 observations in §10.7).
 */
import type { CredentialHeader, Source } from '../../types';
import { Secret } from '../../util/secret';
import type { RawSources } from '../raw-sources';
import type { ResolvedCredential, ResolvedEnvVar, ResolvedRoute } from '../resolved';
import { appliedValue } from './effective-env';
import { keyCandidates, type KeyValue } from './settings-keys';
import { atLeast } from './version';

export interface CredentialContext {
  raw: RawSources;
  vars: Record<string, ResolvedEnvVar>;
  route: ResolvedRoute;
  interactive: boolean;
  /** Project/local values wait for workspace trust. */
  gated: boolean;
  behaviourVersion: string;
}

export interface CredentialResult {
  credential: ResolvedCredential;
  /** ANTHROPIC_API_KEY was set but declined in /config, so it is silently ignored. */
  rejectedApiKey: ResolvedEnvVar | null;
  /** The apiKeyHelper that applies (trust considered), if any. */
  helper: KeyValue | null;
}

/** The last 20 characters Claude Code stores to remember a custom API key answer (§2.3). */
function apiKeySuffix(key: string): string {
  return key.slice(-20);
}

function envSource(vars: Record<string, ResolvedEnvVar>, name: string): Source {
  return vars[name].source;
}

/** The apiKeyHelper in effect: a project/local helper does not run before trust in interactive sessions. */
function effectiveHelper(raw: RawSources, gated: boolean): KeyValue | null {
  for (const candidate of keyCandidates(raw, 'apiKeyHelper')) {
    if (typeof candidate.value !== 'string' || candidate.value.trim() === '') continue;
    if (gated && (candidate.layer === 'project' || candidate.layer === 'local')) continue;
    return candidate;
  }
  return null;
}

function providerCredential(ctx: CredentialContext): ResolvedCredential {
  const { vars, route } = ctx;
  const set = (name: string) => {
    const v = appliedValue(vars, name);
    return v ? v : null;
  };
  const fromVar = (name: string, header: CredentialHeader, detail: string): ResolvedCredential => ({
    kind: 'provider',
    headers: [header],
    source: envSource(vars, name),
    values: { [header]: new Secret(set(name)!) },
    detail,
  });
  const chain = (detail: string): ResolvedCredential => ({ kind: 'provider', headers: [], source: null, values: {}, detail });
  const skipped = 'provider auth skipped: the gateway signs requests';
  switch (route.provider) {
    case 'bedrock':
      if (set('AWS_BEARER_TOKEN_BEDROCK')) return fromVar('AWS_BEARER_TOKEN_BEDROCK', 'authorization', 'provider chain: AWS_BEARER_TOKEN_BEDROCK (Bedrock API key)');
      return chain(route.skipAuth ? skipped : 'provider chain: AWS credential chain (AWS_PROFILE, access keys, SSO)');
    case 'foundry':
      if (set('ANTHROPIC_FOUNDRY_AUTH_TOKEN') && atLeast(ctx.behaviourVersion, '2.1.203'))
        return fromVar('ANTHROPIC_FOUNDRY_AUTH_TOKEN', 'authorization', 'provider chain: ANTHROPIC_FOUNDRY_AUTH_TOKEN');
      if (set('ANTHROPIC_FOUNDRY_API_KEY')) return fromVar('ANTHROPIC_FOUNDRY_API_KEY', 'x-api-key', 'provider chain: ANTHROPIC_FOUNDRY_API_KEY');
      return chain(route.skipAuth ? skipped : 'provider chain: Azure DefaultAzureCredential');
    case 'anthropic-aws':
      if (set('ANTHROPIC_AWS_API_KEY')) return fromVar('ANTHROPIC_AWS_API_KEY', 'x-api-key', 'provider chain: ANTHROPIC_AWS_API_KEY');
      return chain(route.skipAuth ? skipped : 'provider chain: AWS SigV4 (aws-external-anthropic)');
    case 'mantle':
      return chain(route.skipAuth ? skipped : 'provider chain: AWS SigV4 (bedrock-mantle)');
    case 'vertex':
      return chain(route.skipAuth ? skipped : 'provider chain: Google Application Default Credentials');
    default:
      return chain('provider chain');
  }
}

/**
 * Predicts the credential an interactive (or `-p`) session starts with.
 * Pure; values are wrapped in `Secret` so they cannot be printed by mistake.
 */
export function resolveCredential(ctx: CredentialContext): CredentialResult {
  const { raw, vars, interactive } = ctx;
  const helper = effectiveHelper(raw, ctx.gated);
  if (ctx.route.provider !== 'anthropic') return { credential: providerCredential(ctx), rejectedApiKey: null, helper: null };

  const token = appliedValue(vars, 'ANTHROPIC_AUTH_TOKEN') || null;
  let apiKey = appliedValue(vars, 'ANTHROPIC_API_KEY') || null;
  let rejectedApiKey: ResolvedEnvVar | null = null;
  if (apiKey && interactive && raw.claudeState.rejectedKeySuffixes.includes(apiKeySuffix(apiKey)) &&
      !raw.claudeState.approvedKeySuffixes.includes(apiKeySuffix(apiKey))) {
    rejectedApiKey = vars.ANTHROPIC_API_KEY;
    apiKey = null;
  }
  const helperFields = helper
    ? { helperCommand: String(helper.value), helperSource: helper.source }
    : {};

  if (token) {
    const values: ResolvedCredential['values'] = { authorization: new Secret(token) };
    const headers: CredentialHeader[] = ['authorization'];
    let detail = 'ANTHROPIC_AUTH_TOKEN as Authorization: Bearer';
    if (apiKey) {
      values['x-api-key'] = new Secret(apiKey);
      headers.push('x-api-key');
      detail = 'ANTHROPIC_AUTH_TOKEN as Authorization: Bearer, and ANTHROPIC_API_KEY as x-api-key (both are sent)';
    } else if (helper) {
      headers.push('x-api-key');
      detail = `ANTHROPIC_AUTH_TOKEN as Authorization: Bearer, and apiKeyHelper output as x-api-key`;
    }
    return {
      credential: { kind: 'ANTHROPIC_AUTH_TOKEN', headers, source: envSource(vars, 'ANTHROPIC_AUTH_TOKEN'), values, detail, ...helperFields },
      rejectedApiKey,
      helper,
    };
  }
  if (apiKey && helper) {
    // Observed (facts §10.8, 2.1.197 and 2.1.332): authMethod api_key_helper,
    // the helper's output as Bearer and the static key as x-api-key.
    return {
      credential: {
        kind: 'apiKeyHelper',
        headers: ['authorization', 'x-api-key'],
        source: helper.source,
        values: { 'x-api-key': new Secret(apiKey) },
        detail: 'apiKeyHelper output as Authorization: Bearer, and ANTHROPIC_API_KEY as x-api-key (two different credentials)',
        ...helperFields,
      },
      rejectedApiKey,
      helper,
    };
  }
  if (apiKey) {
    return {
      credential: {
        kind: 'ANTHROPIC_API_KEY',
        headers: ['x-api-key'],
        source: envSource(vars, 'ANTHROPIC_API_KEY'),
        values: { 'x-api-key': new Secret(apiKey) },
        detail: 'ANTHROPIC_API_KEY as x-api-key',
      },
      rejectedApiKey,
      helper,
    };
  }
  if (helper) {
    return {
      credential: {
        kind: 'apiKeyHelper',
        headers: ['authorization', 'x-api-key'],
        source: helper.source,
        values: {},
        detail: `apiKeyHelper: ${String(helper.value)}`,
        ...helperFields,
      },
      rejectedApiKey,
      helper,
    };
  }
  const oauth = appliedValue(vars, 'CLAUDE_CODE_OAUTH_TOKEN');
  if (oauth) {
    return {
      credential: {
        kind: 'CLAUDE_CODE_OAUTH_TOKEN',
        headers: ['authorization'],
        source: envSource(vars, 'CLAUDE_CODE_OAUTH_TOKEN'),
        values: { authorization: new Secret(oauth) },
        detail: 'CLAUDE_CODE_OAUTH_TOKEN (inference-only token from claude setup-token)',
      },
      rejectedApiKey,
      helper,
    };
  }
  if (raw.savedLogin.present) {
    return {
      credential: {
        kind: 'claudeai-login',
        headers: ['authorization'],
        source: null,
        values: {},
        detail: `saved claude.ai login${raw.savedLogin.where ? ` (${raw.savedLogin.where})` : ''}`,
      },
      rejectedApiKey,
      helper,
    };
  }
  return {
    credential: { kind: 'none', headers: [], source: null, values: {}, detail: 'no credential: Claude Code will show the login screen' },
    rejectedApiKey,
    helper,
  };
}

/** True for the credentials a gateway issues (they replace a claude.ai login). */
export function isGatewayCredential(kind: ResolvedCredential['kind']): boolean {
  return kind === 'ANTHROPIC_AUTH_TOKEN' || kind === 'ANTHROPIC_API_KEY' || kind === 'apiKeyHelper';
}
