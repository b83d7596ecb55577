import { describe, expect, it } from 'vitest';
import { mergeFindings, runCheck } from './check';
import { makeFinding } from './diagnosis/catalog';
import type { Prober } from './probe';
import { makeResolved } from './probe/test-fixtures';
import { makeProbeReport } from './testing/fixtures';
import type { ProbeReport, StatusReport } from './types';

const probeReport = (findings: ProbeReport['findings']): ProbeReport =>
  makeProbeReport({
    kind: 'message',
    outcome: 'down',
    stages: { reachable: 'fail', authenticated: 'skipped', modelAnswers: 'skipped' },
    httpStatus: null,
    method: 'POST',
    url: 'http://127.0.0.1:1/v1/messages',
    errorCode: 'ECONNREFUSED',
    findings,
  });

describe('runCheck', () => {
  it('is the status contract plus the probe, config findings first, each id once', async () => {
    const configFinding = makeFinding('proxy-invalid', { detail: 'from config' });
    const status = { schema: 'gateway-doctor/status@1', findings: [configFinding], model: { id: 'm', source: null } } as unknown as StatusReport;
    let askedKind = '';
    const prober: Prober = {
      probe: async (_resolved, opts) => {
        askedKind = opts.kind;
        return probeReport([makeFinding('proxy-invalid', { detail: 'from probe' }), makeFinding('gateway-refused', { detail: 'x' })]);
      },
      close: async () => undefined,
    };
    const report = await runCheck({ resolved: makeResolved(), status, prober, realistic: true });
    expect(askedKind).toBe('realistic');
    expect(report.schema).toBe('gateway-doctor/check@1');
    expect(report.findings.map((f) => `${f.id}:${f.detail}`)).toEqual(['proxy-invalid:from config', 'gateway-refused:x']);
    expect(report.probe.errorCode).toBe('ECONNREFUSED');
  });

  it('mergeFindings keeps the first of each id', () => {
    const a = makeFinding('offline', { detail: 'a' });
    const b = makeFinding('offline', { detail: 'b' });
    expect(mergeFindings([a], [b]).map((f) => f.detail)).toEqual(['a']);
  });
});
