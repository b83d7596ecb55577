/** Test-only builders for the contract data the shell consumes. */
import { DEFAULT_PREFERENCES } from '../../core/preferences';
import { makeProbeReport } from '../../core/testing/fixtures';
import type { DashboardSnapshot, Finding, FindingId, GatewayProfile, MonitorState, ProbeReport } from '../../core/types';

export function finding(id: string, severity: Finding['severity'] = 'error', title = `Title of ${id}`): Finding {
  // Shell tests may use made-up ids: the shell only displays and forwards them.
  return { id: id as FindingId, severity, title, detail: 'detail', fix: 'fix' };
}

export function profile(id: string, name = `Profile ${id}`): GatewayProfile {
  return { id, name, baseUrl: `https://${id}.gateway.example`, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', hasSecret: true };
}

export function probe(totalMs: number, outcome: ProbeReport['outcome'] = 'healthy'): ProbeReport {
  return makeProbeReport({
    at: '2025-01-01T10:00:00.000Z',
    outcome,
    url: 'https://gw.example/v1/models',
    headersSent: ['authorization'],
    timings: { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 100, totalMs },
  });
}

export interface SnapshotOptions {
  state?: MonitorState;
  latencyMs?: number | null;
  cause?: Finding | null;
  findings?: Finding[];
  snoozedUntil?: string | null;
  profiles?: GatewayProfile[];
  active?: DashboardSnapshot['mode']['active'];
  locked?: boolean;
  lockReason?: string | null;
  headline?: string;
  account?: DashboardSnapshot['account'];
  signIn?: DashboardSnapshot['signIn'];
  savedLogin?: boolean;
}

/** A minimal but type-complete dashboard snapshot. */
export function snapshot(options: SnapshotOptions = {}): DashboardSnapshot {
  const state = options.state ?? 'healthy';
  const latency = options.latencyMs === undefined ? 182 : options.latencyMs;
  return {
    status: { findings: options.findings ?? [], savedLogin: { present: options.savedLogin ?? false, expiresAt: null, where: null } } as unknown as DashboardSnapshot['status'],
    monitor: {
      state,
      since: '2025-01-01T09:00:00.000Z',
      lastProbe: latency === null ? null : probe(latency, state === 'pending' ? 'healthy' : (state as ProbeReport['outcome'])),
      lastFullProbe: null,
      consecutiveFailures: state === 'down' ? 3 : 0,
      nextCheckAt: null,
      snoozedUntil: options.snoozedUntil ?? null,
      cause: options.cause ?? null,
      headline: options.headline ?? `Gateway ${state}`,
    },
    history: { range: '24h', uptimePct: 100, p50Ms: 150, p95Ms: 300, samples: [] },
    profiles: options.profiles ?? [],
    mode: {
      active: options.active ?? { kind: 'unconfigured' },
      locked: options.locked ?? false,
      lockReason: options.lockReason ?? null,
      consequences: { claudeLogin: [], gateway: [] },
      secretStore: { available: true, description: 'test', kind: 'safe-storage' },
    },
    preferences: { ...structuredClone(DEFAULT_PREFERENCES), livenessIntervalSec: 60 },
    changes: [],
    homeDir: '/home/test',
    ...(options.account !== undefined ? { account: options.account } : {}),
    ...(options.signIn !== undefined ? { signIn: options.signIn } : {}),
  };
}
