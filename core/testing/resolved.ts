/**
 * Hand-made ResolvedConfig values, so a test of the prober, the fix engine or
 * the mode does not depend on the resolver: it states exactly the
 * configuration Claude Code would resolve. Two ways to say it, freely mixed:
 * the gateway shortcuts (`baseUrl`, `authToken`, `apiKey`, ... each set in
 * user settings) or `env` with where each variable was set. The route and the
 * credential are derived from the variables the way the resolver does.
 */
import { join } from 'node:path';
import type { ResolvedConfig, ResolvedCredential, ResolvedEnvVar, ResolvedNetwork, ResolvedRoute } from '../config/resolved';
import type { HostContext } from '../ports';
import type { CredentialHeader, Finding, Source, SourceFile, SurfaceId, SurfaceReport } from '../types';
import { Secret } from '../util/secret';

/** An env variable and where it was set. */
export interface EnvDef {
  value: string;
  source: Source;
  shadowed?: Array<{ value: string; source: Source }>;
  /** Default: the name holds TOKEN or KEY. */
  secret?: boolean;
}

export interface ResolvedFixture {
  /** Whose user settings file the sources name (default: a made-up /tmp/fixture-home). */
  host?: HostContext;
  /** Variables: a plain string is set in user settings. */
  env?: Record<string, string | EnvDef>;
  baseUrl?: string | null;
  /** ANTHROPIC_AUTH_TOKEN (Authorization: Bearer). */
  authToken?: string;
  /** ANTHROPIC_API_KEY (x-api-key). */
  apiKey?: string;
  apiKeyHelper?: { command: string; sourceKind?: 'user-settings' | 'project-settings' | 'local-settings' };
  provider?: ResolvedRoute['provider'];
  route?: Partial<ResolvedRoute>;
  model?: string;
  customHeaders?: Record<string, string>;
  network?: Partial<ResolvedNetwork>;
  discoveryEnabled?: boolean;
  claudeVersion?: string | null;
  projectDir?: string | null;
  findings?: Finding[];
  /** Default: the user settings file, loaded. */
  sources?: SourceFile[];
  managedGateway?: boolean;
  savedLogin?: boolean;
}

const SURFACES: SurfaceId[] = ['cli', 'vscode', 'desktop', 'remoteControl', 'voice', 'githubActions', 'agentSdk'];
const FIXTURE_HOME = '/tmp/fixture-home';

export function makeResolved(o: ResolvedFixture = {}): ResolvedConfig {
  const userPath = join(o.host?.homeDir ?? FIXTURE_HOME, '.claude', 'settings.json');
  const userSettings: Source = { kind: 'user-settings', path: userPath, line: 3 };
  const env = envVars(o, userSettings);
  const baseUrl = env.ANTHROPIC_BASE_URL?.value ?? null;
  const surfaces = Object.fromEntries(SURFACES.map((s) => [s, { state: 'available', reason: 'fixture' } satisfies SurfaceReport])) as Record<SurfaceId, SurfaceReport>;
  return {
    resolvedAt: 0,
    projectDir: o.projectDir ?? null,
    sources: o.sources ?? [{ kind: 'user-settings', path: userPath, state: 'loaded', watch: true }],
    env,
    // PATH as a shell would pass it, so an apiKeyHelper finds its tools.
    effectiveEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...Object.fromEntries(Object.entries(env).map(([n, e]) => [n, e.value])) },
    route: {
      provider: o.provider ?? 'anthropic',
      baseUrl,
      baseUrlVariable: baseUrl ? 'ANTHROPIC_BASE_URL' : null,
      baseUrlSource: env.ANTHROPIC_BASE_URL?.source ?? null,
      skipAuth: false,
      ...(o.route ?? {}),
    },
    credential: credentialFrom(env, o.apiKeyHelper ? { command: o.apiKeyHelper.command, source: { ...userSettings, kind: o.apiKeyHelper.sourceKind ?? 'user-settings' } } : null),
    customHeaders: Object.entries(o.customHeaders ?? {}).map(([name, value]) => ({ name, value, source: userSettings })),
    customHeadersProblem: null,
    model: { id: o.model ?? 'claude-sonnet-4-6', source: null },
    network: { proxy: null, noProxy: null, extraCaPath: null, clientCertPath: null, clientKeyPath: null, clientKeyPassphrase: null, ...(o.network ?? {}) },
    modelDiscovery: { enabled: o.discoveryEnabled ?? false, reason: o.discoveryEnabled ? 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1' : 'not enabled (opt-in since 2.1.129)' },
    surfaces,
    findings: o.findings ?? [],
    claudeCode: { installed: false, version: o.claudeVersion ?? null, authStatus: null, behaviourVersion: o.claudeVersion ?? '2.1.332' },
    settingSourceLabels: ['User settings'],
    managedGateway: o.managedGateway ?? false,
    savedLogin: { present: o.savedLogin ?? false, expiresAt: null, where: null },
    mergedSettings: {},
  };
}

/** `env` plus the shortcuts, each as the resolver records a variable. */
function envVars(o: ResolvedFixture, userSettings: Source): Record<string, ResolvedEnvVar> {
  const defs: Record<string, string | EnvDef> = { ...(o.env ?? {}) };
  if (o.baseUrl) defs.ANTHROPIC_BASE_URL = o.baseUrl;
  if (o.authToken) defs.ANTHROPIC_AUTH_TOKEN = o.authToken;
  if (o.apiKey) defs.ANTHROPIC_API_KEY = o.apiKey;
  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, d] of Object.entries(defs)) {
    const def: EnvDef = typeof d === 'string' ? { value: d, source: userSettings } : d;
    env[name] = { name, value: def.value, source: def.source, shadowed: def.shadowed ?? [], applied: true, secret: def.secret ?? /TOKEN|KEY/.test(name) };
  }
  return env;
}

/** The credential Claude Code would send, as core/config/resolve/credential.ts derives it. */
function credentialFrom(env: Record<string, ResolvedEnvVar>, helper: { command: string; source: Source } | null): ResolvedCredential {
  const token = env.ANTHROPIC_AUTH_TOKEN;
  const key = env.ANTHROPIC_API_KEY;
  const values: ResolvedCredential['values'] = {};
  if (helper) {
    // With ANTHROPIC_API_KEY also set, x-api-key carries the key (facts §10.8).
    if (key) values['x-api-key'] = new Secret(key.value);
    return { kind: 'apiKeyHelper', headers: ['x-api-key', 'authorization'], source: helper.source, values, helperCommand: helper.command, helperSource: helper.source };
  }
  if (token) values.authorization = new Secret(token.value);
  if (key) values['x-api-key'] = new Secret(key.value);
  if (!token && !key) return { kind: 'none', headers: [], source: null, values };
  return { kind: token ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY', headers: Object.keys(values) as CredentialHeader[], source: (token ?? key)!.source, values };
}
