/**
 * Test-only builders for ResolvedConfig and HostContext, so probe tests do
 * not depend on the resolver: each test states exactly the configuration
 * Claude Code would resolve.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig, ResolvedCredential, ResolvedNetwork, ResolvedRoute } from '../config/resolved';
import type { HostContext } from '../ports';
import type { CredentialHeader, SurfaceId, SurfaceReport } from '../types';
import { Secret } from '../util/secret';

export const CANARY = 'sk-canary-7f3a9c1e5b2d4068';

export interface FixtureOptions {
  baseUrl?: string | null;
  provider?: ResolvedRoute['provider'];
  /** Shortcut: a bearer token (ANTHROPIC_AUTH_TOKEN) or an x-api-key (ANTHROPIC_API_KEY). */
  authToken?: string;
  apiKey?: string;
  apiKeyHelper?: { command: string; sourceKind?: 'user-settings' | 'project-settings' | 'local-settings' };
  model?: string;
  customHeaders?: Record<string, string>;
  env?: Record<string, string>;
  network?: Partial<ResolvedNetwork>;
  route?: Partial<ResolvedRoute>;
  projectDir?: string | null;
  discoveryEnabled?: boolean;
  claudeVersion?: string | null;
}

const SURFACES: SurfaceId[] = ['cli', 'vscode', 'desktop', 'remoteControl', 'voice', 'githubActions', 'agentSdk'];

/** A ResolvedConfig as the resolver would produce it for the given gateway setup. */
export function makeResolved(o: FixtureOptions = {}): ResolvedConfig {
  const userSettings = { kind: 'user-settings' as const, path: '/tmp/fixture-home/.claude/settings.json', line: 3 };
  const values: Partial<Record<CredentialHeader, Secret>> = {};
  let credential: ResolvedCredential = { kind: 'none', headers: [], source: null, values };
  if (o.apiKeyHelper) {
    // With ANTHROPIC_API_KEY also set, x-api-key carries the key (facts §10.8).
    if (o.apiKey) values['x-api-key'] = new Secret(o.apiKey);
    credential = {
      kind: 'apiKeyHelper',
      headers: ['x-api-key', 'authorization'],
      source: { ...userSettings, kind: o.apiKeyHelper.sourceKind ?? 'user-settings' },
      values,
      helperCommand: o.apiKeyHelper.command,
      helperSource: { ...userSettings, kind: o.apiKeyHelper.sourceKind ?? 'user-settings' },
    };
  } else if (o.authToken || o.apiKey) {
    if (o.authToken) values.authorization = new Secret(o.authToken);
    if (o.apiKey) values['x-api-key'] = new Secret(o.apiKey);
    credential = {
      kind: o.authToken ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY',
      headers: Object.keys(values) as CredentialHeader[],
      source: userSettings,
      values,
    };
  }
  const env: Record<string, string> = { ...(o.env ?? {}) };
  if (o.authToken) env.ANTHROPIC_AUTH_TOKEN = o.authToken;
  if (o.apiKey) env.ANTHROPIC_API_KEY = o.apiKey;
  const surfaces = Object.fromEntries(SURFACES.map((s) => [s, { state: 'available', reason: 'fixture' } satisfies SurfaceReport])) as Record<SurfaceId, SurfaceReport>;
  const baseUrl = o.baseUrl === undefined ? null : o.baseUrl;
  return {
    resolvedAt: Date.now(),
    projectDir: o.projectDir ?? null,
    sources: [],
    env: {},
    effectiveEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    route: {
      provider: o.provider ?? 'anthropic',
      baseUrl,
      baseUrlVariable: baseUrl ? 'ANTHROPIC_BASE_URL' : null,
      baseUrlSource: baseUrl ? userSettings : null,
      skipAuth: false,
      ...(o.route ?? {}),
    },
    credential,
    customHeaders: Object.entries(o.customHeaders ?? {}).map(([name, value]) => ({ name, value, source: userSettings })),
    customHeadersProblem: null,
    model: { id: o.model ?? 'claude-sonnet-4-6', source: null },
    network: {
      proxy: null,
      noProxy: null,
      extraCaPath: null,
      clientCertPath: null,
      clientKeyPath: null,
      clientKeyPassphrase: null,
      ...(o.network ?? {}),
    },
    modelDiscovery: { enabled: o.discoveryEnabled ?? false, reason: o.discoveryEnabled ? 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1' : 'not enabled (opt-in since 2.1.129)' },
    surfaces,
    findings: [],
    claudeCode: { installed: false, version: o.claudeVersion ?? null, authStatus: null, behaviourVersion: o.claudeVersion ?? '2.1.332' },
    settingSourceLabels: ['User settings'],
    managedGateway: false,
    savedLogin: { present: false, expiresAt: null, where: null },
    mergedSettings: {},
  };
}

/** A HostContext on a fresh temp home folder; `cleanup()` removes it. */
export async function makeTempHost(): Promise<{ host: HostContext; cleanup(): Promise<void> }> {
  const homeDir = await mkdtemp(join(tmpdir(), 'gd-probe-home-'));
  const host: HostContext = {
    platform: process.platform as HostContext['platform'],
    homeDir,
    env: { HOME: homeDir, PATH: process.env.PATH },
    appDataDir: join(homeDir, '.config', 'gateway-doctor'),
  };
  return { host, cleanup: () => rm(homeDir, { recursive: true, force: true }) };
}
