/**
 * Which provider Claude Code talks to, and through which base URL. The order
 * when several CLAUDE_CODE_USE_* variables are set changed between versions
 * (claude-code-facts §5.6), so it is chosen by the behaviour version.
 */
import type { ProviderId } from '../../types';
import type { ResolvedEnvVar, ResolvedRoute } from '../resolved';
import { appliedValue } from './effective-env';
import { isTruthy } from './env-vars';
import { atLeast } from './version';

interface ProviderSpec {
  id: Exclude<ProviderId, 'anthropic'>;
  useVariable: string;
  baseUrlVariable: string;
  skipAuthVariable: string;
  label: string;
}

export const PROVIDER_SPECS: Record<Exclude<ProviderId, 'anthropic'>, ProviderSpec> = {
  bedrock: { id: 'bedrock', useVariable: 'CLAUDE_CODE_USE_BEDROCK', baseUrlVariable: 'ANTHROPIC_BEDROCK_BASE_URL', skipAuthVariable: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH', label: 'Amazon Bedrock' },
  vertex: { id: 'vertex', useVariable: 'CLAUDE_CODE_USE_VERTEX', baseUrlVariable: 'ANTHROPIC_VERTEX_BASE_URL', skipAuthVariable: 'CLAUDE_CODE_SKIP_VERTEX_AUTH', label: 'Google Vertex AI' },
  foundry: { id: 'foundry', useVariable: 'CLAUDE_CODE_USE_FOUNDRY', baseUrlVariable: 'ANTHROPIC_FOUNDRY_BASE_URL', skipAuthVariable: 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH', label: 'Microsoft Foundry' },
  'anthropic-aws': { id: 'anthropic-aws', useVariable: 'CLAUDE_CODE_USE_ANTHROPIC_AWS', baseUrlVariable: 'ANTHROPIC_AWS_BASE_URL', skipAuthVariable: 'CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH', label: 'Claude Platform on AWS' },
  mantle: { id: 'mantle', useVariable: 'CLAUDE_CODE_USE_MANTLE', baseUrlVariable: 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL', skipAuthVariable: 'CLAUDE_CODE_SKIP_MANTLE_AUTH', label: 'Amazon Bedrock (Mantle)' },
};

/** The provider order for a behaviour version: 2.1.198 changed it (Vertex now loses to Foundry). */
export function providerOrder(behaviourVersion: string): Array<Exclude<ProviderId, 'anthropic'>> {
  return atLeast(behaviourVersion, '2.1.198')
    ? ['bedrock', 'foundry', 'anthropic-aws', 'mantle', 'vertex']
    : ['bedrock', 'vertex', 'foundry', 'anthropic-aws', 'mantle'];
}

/** The providers whose CLAUDE_CODE_USE_* variable is set (empty counts as unset). */
export function enabledProviders(vars: Record<string, ResolvedEnvVar>): Array<Exclude<ProviderId, 'anthropic'>> {
  return (Object.keys(PROVIDER_SPECS) as Array<Exclude<ProviderId, 'anthropic'>>).filter((id) =>
    isTruthy(appliedValue(vars, PROVIDER_SPECS[id].useVariable)),
  );
}

/** The label /status shows in its API provider row. */
export function providerLabel(provider: ProviderId, vars: Record<string, ResolvedEnvVar>): string {
  if (provider === 'anthropic') return 'Anthropic';
  if (provider === 'bedrock' && isTruthy(appliedValue(vars, 'CLAUDE_CODE_USE_MANTLE'))) return 'Amazon Bedrock + Amazon Bedrock (Mantle)';
  return PROVIDER_SPECS[provider].label;
}

/**
 * True when a base URL is Anthropic's own API: unset, or host exactly
 * api.anthropic.com (an explicit port breaks the match, §5.6).
 */
export function isFirstPartyBaseUrl(url: string | null | undefined): boolean {
  if (!url) return true;
  try {
    return new URL(url).host === 'api.anthropic.com';
  } catch {
    return false;
  }
}

/** The host of a URL for messages, or the raw text when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Picks the provider and its route details from the applied environment. */
export function resolveRoute(vars: Record<string, ResolvedEnvVar>, behaviourVersion: string): ResolvedRoute {
  const enabled = new Set(enabledProviders(vars));
  const provider: ProviderId = providerOrder(behaviourVersion).find((id) => enabled.has(id)) ?? 'anthropic';
  const nonEmpty = (name: string) => {
    const value = appliedValue(vars, name);
    return value ? value : null;
  };

  if (provider === 'anthropic') {
    const baseUrl = nonEmpty('ANTHROPIC_BASE_URL');
    return {
      provider,
      baseUrl,
      baseUrlVariable: baseUrl ? 'ANTHROPIC_BASE_URL' : null,
      baseUrlSource: baseUrl ? vars.ANTHROPIC_BASE_URL.source : null,
      skipAuth: false,
    };
  }

  const spec = PROVIDER_SPECS[provider];
  let baseUrl = nonEmpty(spec.baseUrlVariable);
  let baseUrlVariable: string | null = baseUrl ? spec.baseUrlVariable : null;
  let baseUrlSource = baseUrl ? vars[spec.baseUrlVariable].source : null;
  if (!baseUrl && provider === 'foundry' && nonEmpty('ANTHROPIC_FOUNDRY_RESOURCE')) {
    baseUrl = `https://${nonEmpty('ANTHROPIC_FOUNDRY_RESOURCE')}.services.ai.azure.com/anthropic`;
    baseUrlVariable = 'ANTHROPIC_FOUNDRY_RESOURCE';
    baseUrlSource = vars.ANTHROPIC_FOUNDRY_RESOURCE.source;
  }
  const awsRegion = nonEmpty('AWS_REGION') ?? nonEmpty('AWS_DEFAULT_REGION') ?? 'us-east-1';
  const route: ResolvedRoute = {
    provider,
    baseUrl,
    baseUrlVariable,
    baseUrlSource,
    skipAuth: isTruthy(appliedValue(vars, spec.skipAuthVariable)),
  };
  if (provider === 'vertex') {
    route.region = nonEmpty('CLOUD_ML_REGION') ?? 'us-east5';
    route.vertexProjectId = nonEmpty('GCLOUD_PROJECT') ?? nonEmpty('GOOGLE_CLOUD_PROJECT') ?? nonEmpty('ANTHROPIC_VERTEX_PROJECT_ID');
  } else if (provider === 'anthropic-aws') {
    route.region = awsRegion;
    route.workspaceId = nonEmpty('ANTHROPIC_AWS_WORKSPACE_ID');
  } else if (provider === 'bedrock' || provider === 'mantle') {
    route.region = awsRegion;
  }
  return route;
}
