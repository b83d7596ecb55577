/**
 * Test helpers for the fix engine and profiles: a temp host (HOME, app data,
 * XDG config all inside one temp folder) and hand-made ResolvedConfig values.
 * Never touches the real home folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig, ResolvedEnvVar } from '../config/resolved';
import type { HostContext, SecretStore } from '../ports';
import type { Finding, Source, SourceFile, SurfaceId, SurfaceReport } from '../types';
import { Secret } from '../util/secret';

export const CANARY = 'sk-canary-7f3a9c1e5b2d4068';

export interface TempHost {
  root: string;
  host: HostContext;
  cleanup(): Promise<void>;
}

/**
 * `inMemory` puts the temp folder on tmpfs (/dev/shm) when there is one: the
 * same real files and fsync calls, without a disk's fsync latency, so the
 * property test's thousands of atomic writes stay fast.
 */
export async function makeTempHost(options: { inMemory?: boolean } = {}): Promise<TempHost> {
  const base = options.inMemory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const root = await mkdtemp(join(base, 'gd-fixes-'));
  const home = join(root, 'home');
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), PATH: process.env.PATH };
  const host: HostContext = { platform: process.platform === 'darwin' ? 'darwin' : 'linux', homeDir: home, env, appDataDir: join(root, 'appdata') };
  return { root, host, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** An in-memory SecretStore (the OS keychain cannot exist in tests). */
export function memorySecretStore(available = true): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    available,
    description: available ? 'in-memory test store' : 'No secret store here: secrets cannot be stored. Use the desktop app, or set the credential yourself.',
    async get(key) {
      return data.get(key) ?? null;
    },
    async set(key, value) {
      if (!available) throw new Error('unavailable');
      data.set(key, value);
    },
    async delete(key) {
      data.delete(key);
    },
  };
}

const surfaces = Object.fromEntries(
  (['cli', 'vscode', 'desktop', 'remoteControl', 'voice', 'githubActions', 'agentSdk'] as SurfaceId[]).map((id) => [id, { state: 'available', reason: 'test' }]),
) as Record<SurfaceId, SurfaceReport>;

export interface EnvDef {
  value: string;
  source: Source;
  shadowed?: Array<{ value: string; source: Source }>;
  secret?: boolean;
}

/** A ResolvedConfig with just what the engine reads. */
export function makeResolved(host: HostContext, parts: { projectDir?: string | null; env?: Record<string, EnvDef>; findings?: Finding[]; sources?: SourceFile[]; managedGateway?: boolean; savedLogin?: boolean } = {}): ResolvedConfig {
  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, def] of Object.entries(parts.env ?? {})) {
    env[name] = { name, value: def.value, source: def.source, shadowed: def.shadowed ?? [], applied: true, secret: def.secret ?? /TOKEN|KEY/.test(name) };
  }
  const token = env.ANTHROPIC_AUTH_TOKEN?.value;
  const key = env.ANTHROPIC_API_KEY?.value;
  const baseVar = env.ANTHROPIC_BASE_URL ? 'ANTHROPIC_BASE_URL' : null;
  return {
    resolvedAt: 0,
    projectDir: parts.projectDir ?? null,
    sources: parts.sources ?? [{ kind: 'user-settings', path: join(host.homeDir, '.claude', 'settings.json'), state: 'loaded', watch: true }],
    env,
    effectiveEnv: Object.fromEntries(Object.entries(env).map(([n, e]) => [n, e.value])),
    route: { provider: 'anthropic', baseUrl: env.ANTHROPIC_BASE_URL?.value ?? null, baseUrlVariable: baseVar, baseUrlSource: env.ANTHROPIC_BASE_URL?.source ?? null, skipAuth: false },
    credential: token
      ? { kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], source: env.ANTHROPIC_AUTH_TOKEN.source, values: { authorization: new Secret(token), ...(key ? { 'x-api-key': new Secret(key) } : {}) } }
      : key
        ? { kind: 'ANTHROPIC_API_KEY', headers: ['x-api-key'], source: env.ANTHROPIC_API_KEY.source, values: { 'x-api-key': new Secret(key) } }
        : { kind: 'none', headers: [], source: null, values: {} },
    customHeaders: [],
    customHeadersProblem: null,
    model: { id: 'claude-sonnet-4-6', source: null },
    network: { proxy: null, noProxy: null, extraCaPath: null, clientCertPath: null, clientKeyPath: null, clientKeyPassphrase: null },
    modelDiscovery: { enabled: false, reason: 'test' },
    surfaces,
    findings: parts.findings ?? [],
    claudeCode: { installed: false, version: null, authStatus: null, behaviourVersion: '2.1.332' },
    settingSourceLabels: [],
    managedGateway: parts.managedGateway ?? false,
    savedLogin: { present: parts.savedLogin ?? false, expiresAt: null, where: null },
    mergedSettings: {},
  };
}
