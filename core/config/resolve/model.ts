/**
 * The model a session asks for, and whether gateway model discovery runs
 * (claude-code-facts §1.4, §4.7).
 */
import type { Source } from '../../types';
import type { RawSources } from '../raw-sources';
import type { ResolvedEnvVar, ResolvedRoute } from '../resolved';
import { appliedValue } from './effective-env';
import { isNonEmpty, isTruthy } from './env-vars';
import { enabledProviders, isFirstPartyBaseUrl } from './route';
import { keyValue } from './settings-keys';
import { atLeast, compareVersions } from './version';

/** What the probe asks for when nothing else is configured. */
export const DEFAULT_PROBE_MODEL = 'claude-sonnet-4-6';

/** ANTHROPIC_MODEL beats the settings `model` key, which beats the default. */
export function resolveModel(raw: RawSources, vars: Record<string, ResolvedEnvVar>): { id: string; source: Source | null } {
  const fromEnv = appliedValue(vars, 'ANTHROPIC_MODEL');
  if (fromEnv) return { id: fromEnv, source: vars.ANTHROPIC_MODEL.source };
  const fromSettings = keyValue(raw, 'model');
  if (fromSettings && typeof fromSettings.value === 'string' && fromSettings.value) return { id: fromSettings.value, source: fromSettings.source };
  return { id: DEFAULT_PROBE_MODEL, source: null };
}

/** Whether Claude Code fetches GET /v1/models from the gateway at start-up, and if not, why. */
export function resolveModelDiscovery(vars: Record<string, ResolvedEnvVar>, route: ResolvedRoute, behaviourVersion: string): { enabled: boolean; reason: string } {
  const useVars = enabledProviders(vars);
  if (useVars.length > 0 || route.provider !== 'anthropic')
    return { enabled: false, reason: 'Model discovery only runs with the Anthropic Messages format; a CLAUDE_CODE_USE_* variable is set.' };
  if (!route.baseUrl || isFirstPartyBaseUrl(route.baseUrl))
    return { enabled: false, reason: 'Model discovery only runs when ANTHROPIC_BASE_URL points at a gateway.' };
  const optedIn = isTruthy(appliedValue(vars, 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'));
  const automatic = compareVersions(behaviourVersion, '2.1.126') >= 0 && !atLeast(behaviourVersion, '2.1.129');
  if (!optedIn && !automatic)
    return { enabled: false, reason: 'Model discovery is opt-in: CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY is not set to 1.' };
  if (isNonEmpty(appliedValue(vars, 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC')))
    return { enabled: false, reason: 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC is set, so the cached model list is used but not refreshed.' };
  return { enabled: true, reason: optedIn ? 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 and ANTHROPIC_BASE_URL points at a gateway.' : `Claude Code ${behaviourVersion} runs discovery automatically.` };
}
