import { describe, expect, it } from 'vitest';
import { contextLimitFix, diagnoseProbe, parseContextLimit, type ObservedResponse, type ProbeObservation } from './probe-rules';

function obs(response: Partial<ObservedResponse>, extra: Partial<ProbeObservation> = {}): ProbeObservation {
  return {
    kind: 'message',
    endpoint: 'messages',
    model: 'claude-sonnet-4-6',
    url: 'https://gw.example.test/v1/messages',
    credential: { headers: ['authorization'], fromHelper: false, none: false, source: null },
    response: { status: null, headers: {}, body: '', truncated: false, error: null, totalMs: 50, tls: null, ...response },
    ...extra,
  };
}

const netError = (code: string, phase: 'connect' | 'response' | 'tls' | 'proxy' = 'connect') => obs({ error: { code, message: code, phase } });

describe('network failures', () => {
  it.each([
    ['ENETUNREACH', 'offline', 'offline'],
    ['EAI_AGAIN', 'offline', 'offline'],
    ['ENOTFOUND', 'gateway-dns-failed', 'down'],
    ['ECONNREFUSED', 'gateway-refused', 'down'],
    ['UND_ERR_CONNECT_TIMEOUT', 'gateway-timeout', 'down'],
    ['ECONNRESET', 'connection-reset', 'down'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted', 'down'],
  ])('%s → %s (%s)', (code, id, outcome) => {
    const d = diagnoseProbe(netError(code));
    expect(d.findings.map((f) => f.id)).toEqual([id]);
    expect(d.outcome).toBe(outcome);
    expect(d.stages.reachable).toBe('fail');
  });

  it('a failure getting through the proxy is proxy-invalid', () => {
    const d = diagnoseProbe({ ...netError('PROXY_ECONNREFUSED', 'proxy'), proxy: { url: 'http://proxy:3128', variable: 'HTTPS_PROXY' } });
    expect(d.findings[0].id).toBe('proxy-invalid');
  });
});

describe('HTTP answers', () => {
  it('a 200 with a JSON error body is classified by its message', () => {
    const d = diagnoseProbe(obs({ status: 200, body: '{"type":"error","error":{"type":"invalid_request_error","message":"Extra inputs are not permitted"}}' }));
    expect(d.findings[0].id).toBe('beta-fields-rejected');
  });

  it('a 403 with JSON is gateway-rejected-request with the gateway message, not a WAF', () => {
    const d = diagnoseProbe(obs({ status: 403, headers: { 'content-type': 'application/json' }, body: '{"error":{"type":"permission_error","message":"key not allowed for team"}}' }));
    expect(d.findings[0].id).toBe('gateway-rejected-request');
    expect(d.gatewayMessage).toBe('key not allowed for team');
  });

  it('a 404 that does not name a model points at the base URL path', () => {
    const d = diagnoseProbe(obs({ status: 404, body: 'Not Found' }));
    expect(d.findings[0].id).toBe('gateway-rejected-request');
    expect(d.findings[0].detail).toMatch(/check the path in the base URL/);
  });

  it('a 302 names the target without its query string', () => {
    const d = diagnoseProbe(obs({ status: 302, headers: { location: 'https://sso.corp.test/login?token=abc' } }));
    expect(d.findings[0].detail).toContain('https://sso.corp.test/login');
    expect(d.findings[0].detail).not.toContain('token=abc');
  });

  it('401 without any configured credential says so', () => {
    const d = diagnoseProbe(obs({ status: 401 }, { credential: { headers: [], fromHelper: false, none: true, source: null } }));
    expect(d.findings[0]).toMatchObject({ id: 'credential-rejected', title: expect.stringMatching(/none is configured/) });
  });

  it('a healthy but slow answer is degraded by slow-gateway; an expiring certificate is flagged', () => {
    const d = diagnoseProbe(
      obs({
        status: 200,
        body: '{"id":"msg_1","type":"message","content":[]}',
        totalMs: 4200,
        tls: { subject: 'gw', issuer: 'ca', validTo: '2030-01-01T00:00:00.000Z', daysToExpiry: 3, authorized: true },
      }),
    );
    expect(d.outcome).toBe('degraded');
    expect(d.findings.map((f) => f.id)).toEqual(['slow-gateway', 'tls-cert-expiring']);
    expect(d.modelAnswered).toBe(true);
  });
});

describe('context limit parsing', () => {
  it('reads M from the gateway\'s wording and clamps the compact window to at least 100000', () => {
    expect(parseContextLimit('prompt token count of 140000 exceeds the limit of 128,000')).toBe(128000);
    expect(parseContextLimit("This model's maximum context length is 8192 tokens")).toBe(8192);
    const small = contextLimitFix(64000);
    expect(small.steps.find((s) => s.variable === 'CLAUDE_CODE_AUTO_COMPACT_WINDOW')?.value).toBe('100000');
    expect(Number(small.steps.find((s) => s.variable === 'CLAUDE_CODE_MAX_OUTPUT_TOKENS')?.value)).toBeLessThan(64000);
  });
});
