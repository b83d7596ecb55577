/**
 * Which credential value goes in which header, as Claude Code would send it:
 * the resolver's values for ANTHROPIC_AUTH_TOKEN / ANTHROPIC_API_KEY, the
 * apiKeyHelper output in both headers, and the provider keys for Foundry,
 * Claude Platform on AWS and Bedrock API keys.
 */
import type { CredentialHeader } from '../types';
import type { ResolvedConfig } from '../config/resolved';
import type { CredentialValues } from './request-builder';

/** Credential values from the resolved configuration (the helper's value is added by the caller). */
export function credentialValues(resolved: ResolvedConfig): CredentialValues {
  const values: CredentialValues = {};
  for (const [header, secret] of Object.entries(resolved.credential.values) as Array<[CredentialHeader, { reveal(): string } | undefined]>) {
    if (secret) values[header] = secret.reveal();
  }
  if (Object.keys(values).length > 0) return values;
  const env = resolved.effectiveEnv;
  switch (resolved.route.provider) {
    case 'foundry':
      if (env.ANTHROPIC_FOUNDRY_AUTH_TOKEN) values.authorization = env.ANTHROPIC_FOUNDRY_AUTH_TOKEN;
      else if (env.ANTHROPIC_FOUNDRY_API_KEY) values['x-api-key'] = env.ANTHROPIC_FOUNDRY_API_KEY;
      break;
    case 'anthropic-aws':
      if (env.ANTHROPIC_AWS_API_KEY) values['x-api-key'] = env.ANTHROPIC_AWS_API_KEY;
      break;
    case 'bedrock':
      if (env.AWS_BEARER_TOKEN_BEDROCK) values.authorization = env.AWS_BEARER_TOKEN_BEDROCK;
      break;
    default:
      break;
  }
  return values;
}

export function otherHeader(header: CredentialHeader): CredentialHeader {
  return header === 'authorization' ? 'x-api-key' : 'authorization';
}
