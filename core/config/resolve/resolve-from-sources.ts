/**
 * Resolution as a pure function: parsed sources in, Claude Code's predicted
 * behaviour out. No file system, no processes, no clock beyond `now`.
 */
import type { ClaudeCodeInfo } from '../../types';
import type { HostContext } from '../../ports';
import type { RawSources } from '../raw-sources';
import type { ResolvedConfig } from '../resolved';
import { resolveCredential } from './credential';
import { crossCheck } from './cross-check';
import { projectEnvGated, resolveEffectiveEnv } from './effective-env';
import { configFindings, forcedLoginBlocks, untrustedOnlyCredential } from './findings';
import { parseCustomHeaders } from './custom-headers';
import { resolveModel, resolveModelDiscovery } from './model';
import { resolveNetwork } from './network';
import { resolveRoute } from './route';
import { mergeSettings } from './settings-keys';
import { resolveSurfaces } from './surfaces';

export interface ResolveContext {
  host: HostContext;
  claude: ClaudeCodeInfo;
  /** Predict an interactive start (trust dialog, key approval). Default true. */
  interactive?: boolean;
  /** ms since epoch; defaults to Date.now(). */
  now?: number;
}

/** What a child process (apiKeyHelper) inherits: the host's whole environment plus the applied values. */
function childEnvironment(host: HostContext, applied: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(host.env)) if (value !== undefined) out[name] = value;
  return Object.assign(out, applied);
}

/** The /status "Setting sources" row: one label per scope that loaded. */
export function settingSourceLabels(raw: RawSources): string[] {
  const labels: string[] = [];
  const parsed = (state: string) => state === 'loaded' || state === 'untrusted';
  if (parsed(raw.user.file.state)) labels.push('User settings');
  if (raw.project && parsed(raw.project.file.state)) labels.push('Project settings');
  if (raw.local.some((f) => parsed(f.file.state))) labels.push('Project local settings');
  if (raw.managed.label) labels.push(`Enterprise managed settings (${raw.managed.label})`);
  return labels;
}

/**
 * Predicts what Claude Code (at `ctx.claude.behaviourVersion`) will use:
 * environment with provenance, provider route, credential, headers, model,
 * network, surfaces and configuration findings.
 */
export function resolveFromSources(raw: RawSources, ctx: ResolveContext): ResolvedConfig {
  const interactive = ctx.interactive ?? true;
  const version = ctx.claude.behaviourVersion;
  const gated = projectEnvGated(raw, { interactive });
  const env = resolveEffectiveEnv(raw, { interactive });
  const vars = env.vars;
  const route = resolveRoute(vars, version);
  const cred = resolveCredential({ raw, vars, route, interactive, gated, behaviourVersion: version });
  const credential = cred.credential;

  const headersVar = vars.ANTHROPIC_CUSTOM_HEADERS;
  const headers = headersVar?.applied ? parseCustomHeaders(headersVar.value, headersVar.source) : { headers: [], problem: null };
  const network = resolveNetwork(vars);
  const model = resolveModel(raw, vars);
  const modelDiscovery = resolveModelDiscovery(vars, route, version);

  const surfaces = resolveSurfaces({
    raw,
    vars,
    route,
    credential,
    network,
    customHeadersProblem: headers.problem,
    behaviourVersion: version,
    forcedLoginBlocks: forcedLoginBlocks(raw, credential, version),
    loginPromptDespiteGateway: interactive && !!untrustedOnlyCredential(raw, env, credential, gated),
  });

  const findings = configFindings({
    raw,
    env,
    route,
    cred,
    network,
    customHeadersProblem: headers.problem,
    surfaces,
    claude: ctx.claude,
    interactive,
    gated,
  });
  const disagreement = crossCheck(ctx.claude, credential, route);
  if (disagreement) findings.push(disagreement);

  const managedKinds = new Set(['managed-file', 'managed-dropin', 'managed-policy']);
  const managedGateway =
    (route.baseUrlSource != null && managedKinds.has(route.baseUrlSource.kind)) ||
    (credential.source != null && managedKinds.has(credential.source.kind));

  const sources = raw.files.map((file) => {
    const isProjectFile = file.kind === 'project-settings' || file.kind === 'local-settings';
    return isProjectFile && gated && file.state === 'loaded' ? { ...file, state: 'untrusted' as const } : file;
  });

  return {
    resolvedAt: ctx.now ?? Date.now(),
    projectDir: raw.projectDir,
    sources,
    env: vars,
    effectiveEnv: childEnvironment(ctx.host, env.effectiveEnv),
    route,
    credential,
    customHeaders: headers.headers,
    customHeadersProblem: headers.problem,
    model,
    network,
    modelDiscovery,
    surfaces,
    findings,
    claudeCode: ctx.claude,
    settingSourceLabels: settingSourceLabels(raw),
    managedGateway,
    savedLogin: { ...raw.savedLogin },
    mergedSettings: mergeSettings(raw),
  };
}
