import type { ProbeReport } from '../types';

/**
 * A healthy liveness probe report against a local gateway; pass overrides for
 * whatever the test is about (outcome, kind, findings, timings...). Exists so
 * the contract shape is written out once: a new ProbeReport field means one
 * edit here, not one per test file.
 */
export function makeProbeReport(overrides: Partial<ProbeReport> = {}): ProbeReport {
  return {
    kind: 'liveness',
    at: new Date(0).toISOString(),
    outcome: 'healthy',
    stages: { reachable: 'pass', authenticated: 'pass', modelAnswers: 'skipped' },
    httpStatus: 200,
    method: 'GET',
    url: 'http://127.0.0.1:1/v1/models',
    headersSent: [],
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: 1 },
    tls: null,
    errorCode: null,
    gatewayMessage: null,
    models: [],
    modelDiscovery: { enabled: false, attempted: false, ok: false, detail: '' },
    tokensSpent: 0,
    findings: [],
    ...overrides,
  };
}
