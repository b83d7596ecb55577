import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type ScenarioName } from '../../test-gateway/server';
import type { Outcome, ProbeKind } from '../types';
import { createProber } from './index';
import { CANARY, makeResolved, startProbeRig, type ProbeRig, type ResolvedFixture } from '../testing/fixtures';

let rig: ProbeRig;
beforeAll(async () => {
  rig = await startProbeRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.reset());

function resolvedFor(o: ResolvedFixture = {}) {
  return makeResolved({ baseUrl: rig.gateway.url, authToken: CANARY, ...o });
}

function ids(findings: Array<{ id: string }>): string[] {
  return findings.map((f) => f.id);
}

describe('the verification request', () => {
  it('posts the guide\'s 1-token request to {base}/v1/messages, keeping a path prefix without double slashes', async () => {
    const report = await rig.prober.probe(resolvedFor({ baseUrl: `${rig.gateway.url}/llm/anthropic/`, customHeaders: { 'X-Org-Route': 'prod' } }), { kind: 'message' });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/llm/anthropic/v1/messages');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(sent.headers['x-api-key']).toBeUndefined();
    expect(sent.headers['x-org-route']).toBe('prod');
    expect(JSON.parse(sent.body)).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
    expect(report.outcome).toBe('healthy');
    expect(report.stages).toEqual({ reachable: 'pass', authenticated: 'pass', modelAnswers: 'pass' });
    expect(report.httpStatus).toBe(200);
    expect(report.tokensSpent).toBe(1);
    expect(report.url).toBe(`${rig.gateway.url}/llm/anthropic/v1/messages`);
    expect(report.headersSent).toEqual(expect.arrayContaining(['anthropic-version', 'authorization', 'x-org-route']));
    expect(report.timings.totalMs).toBeGreaterThan(0);
  });

  it('sends ANTHROPIC_API_KEY in x-api-key only, and the resolved model', async () => {
    await rig.prober.probe(resolvedFor({ authToken: undefined, apiKey: CANARY, model: 'claude-opus-4-8' }), { kind: 'message' });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers['x-api-key']).toBe(CANARY);
    expect(sent.headers.authorization).toBeUndefined();
    expect(JSON.parse(sent.body).model).toBe('claude-opus-4-8');
  });

  it('with apiKeyHelper and ANTHROPIC_API_KEY both set, sends the helper output as Bearer and the key as x-api-key, as Claude Code does', async () => {
    const helperValue = 'sk-canary-helper-9a8b7c6d5e4f';
    const report = await rig.prober.probe(
      resolvedFor({ authToken: undefined, apiKey: CANARY, apiKeyHelper: { command: `printf '%s' ${helperValue}` } }),
      { kind: 'message' },
    );
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers.authorization).toBe(`Bearer ${helperValue}`);
    expect(sent.headers['x-api-key']).toBe(CANARY);
    expect(report.outcome).toBe('healthy');
    expect(JSON.stringify(report)).not.toContain(CANARY);
    expect(JSON.stringify(report)).not.toContain(helperValue);
  });

  it('reuses the kept-alive connection: the second probe reports no DNS/connect time', async () => {
    const fresh = createProber({ host: rig.host });
    try {
      const first = await fresh.probe(resolvedFor(), { kind: 'message' });
      const second = await fresh.probe(resolvedFor(), { kind: 'message' });
      expect(first.timings.connectMs).not.toBeNull();
      expect(first.timings.dnsMs).toBe(0); // an IP literal needs no lookup
      expect(second.timings.connectMs).toBeNull();
      expect(second.timings.dnsMs).toBeNull();
      expect(second.timings.firstByteMs).not.toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe('each scenario is diagnosed with the right finding and outcome', () => {
  const cases: Array<[ScenarioName, ProbeKind, string, Outcome]> = [
    ['credential-rejected', 'message', 'credential-rejected', 'down'],
    ['html-200', 'message', 'malformed-response', 'down'],
    ['truncated-json', 'message', 'malformed-response', 'down'],
    ['huge-body', 'message', 'malformed-response', 'down'],
    ['redirect-sso', 'message', 'redirected', 'down'],
    ['waf-xml', 'realistic', 'waf-blocked', 'down'],
    ['beta-rejected', 'realistic', 'beta-fields-rejected', 'down'],
    ['adaptive-rejected', 'realistic', 'adaptive-thinking-rejected', 'down'],
    ['context-limit', 'message', 'context-limit-rewritten', 'degraded'],
    ['rate-limited', 'message', 'rate-limited', 'degraded'],
    ['overloaded', 'message', 'upstream-overloaded', 'degraded'],
    ['bad-gateway-html', 'message', 'upstream-error', 'down'],
    ['reset', 'message', 'connection-reset', 'down'],
    ['unknown-model', 'message', 'unknown-model', 'degraded'],
    ['required-header', 'message', 'gateway-rejected-request', 'down'],
  ];
  it.each(cases)('%s (%s probe) → %s, %s', async (scenario, kind, findingId, outcome) => {
    rig.gateway.setScenario(scenario);
    const report = await rig.prober.probe(resolvedFor(), { kind, timeoutMs: 5000 });
    expect(ids(report.findings)).toContain(findingId);
    expect(report.outcome).toBe(outcome);
    expect(report.tokensSpent).toBe(0);
  });

  it('the short message probe passes where only the realistic one trips the WAF, beta and adaptive rules', async () => {
    for (const scenario of ['waf-xml', 'beta-rejected', 'adaptive-rejected'] as const) {
      rig.gateway.setScenario(scenario);
      const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
      expect(report.outcome, scenario).toBe('healthy');
    }
  });

  it('names the gateway\'s own words for a required header, and the 1 MiB cap for a huge body', async () => {
    rig.gateway.setScenario('required-header');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    expect(report.gatewayMessage).toContain('X-Org-Route');
    rig.gateway.setScenario('huge-body');
    const huge = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    expect(huge.findings.find((f) => f.id === 'malformed-response')?.detail).toMatch(/1 MiB/);
  });

  it('a 400 naming a missing header keeps gateway-rejected-request but names the header and points to ANTHROPIC_CUSTOM_HEADERS', async () => {
    rig.gateway.setScenario('required-header');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    const finding = report.findings.find((f) => f.id === 'gateway-rejected-request')!;
    expect(finding.title).toContain('X-Org-Route');
    expect(finding.fix).toContain('ANTHROPIC_CUSTOM_HEADERS');
    expect(finding.fix).toContain('"X-Org-Route: <value from your gateway team>"');
    expect(finding.machineFix).toBeUndefined();

    rig.gateway.setScenario('required-either-header');
    const either = await rig.prober.probe(resolvedFor({ customHeaders: { 'X-Org-Route': 'prod' } }), { kind: 'message' });
    const named = either.findings.find((f) => f.id === 'gateway-rejected-request')!;
    expect(named.title).toContain('x-acme-config or x-acme-provider');
    expect(named.fix).toMatch(/add the line "x-acme-config: <value from your gateway team>" to ANTHROPIC_CUSTOM_HEADERS/);
    expect(named.fix).toContain('X-Org-Route');
    const fixed = await rig.prober.probe(resolvedFor({ customHeaders: { 'x-acme-provider': 'anthropic' } }), { kind: 'message' });
    expect(fixed.outcome).toBe('healthy');
  });

  it('a required custom header, once configured, makes the gateway answer', async () => {
    rig.gateway.setScenario('required-header');
    const report = await rig.prober.probe(resolvedFor({ customHeaders: { 'X-Org-Route': 'prod' } }), { kind: 'message' });
    expect(report.outcome).toBe('healthy');
  });

  it('rate limiting reports Retry-After', async () => {
    rig.gateway.setScenario('rate-limited');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    expect(report.findings.find((f) => f.id === 'rate-limited')?.detail).toContain('Retry-After: 17');
  });

  it('a rewritten context error carries a compact-window fix parsed from the limit', async () => {
    rig.gateway.setScenario('context-limit', { contextLimit: 150000 });
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    const fix = report.findings.find((f) => f.id === 'context-limit-rewritten')?.machineFix;
    expect(fix?.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'set-env', variable: 'CLAUDE_CODE_AUTO_COMPACT_WINDOW', value: '150000', target: 'user-settings' }),
        expect.objectContaining({ variable: 'CLAUDE_CODE_MAX_OUTPUT_TOKENS' }),
      ]),
    );
  });

  it('beta rejection carries the CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS fix, and with it set the realistic probe passes', async () => {
    rig.gateway.setScenario('beta-rejected');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'realistic' });
    expect(report.findings.find((f) => f.id === 'beta-fields-rejected')?.machineFix?.steps[0]).toMatchObject({ variable: 'CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS', value: '1' });
    const fixed = await rig.prober.probe(resolvedFor({ env: { CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1' } }), { kind: 'realistic' });
    expect(fixed.outcome).toBe('healthy');
  });

  it('adaptive rejection offers CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING on 4.6 models only', async () => {
    rig.gateway.setScenario('adaptive-rejected');
    const sonnet46 = await rig.prober.probe(resolvedFor({ model: 'claude-sonnet-4-6' }), { kind: 'realistic' });
    expect(sonnet46.findings.find((f) => f.id === 'adaptive-thinking-rejected')?.machineFix?.steps[0].variable).toBe('CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING');
    const opus48 = await rig.prober.probe(resolvedFor({ model: 'claude-opus-4-8' }), { kind: 'realistic' });
    const finding = opus48.findings.find((f) => f.id === 'adaptive-thinking-rejected');
    expect(finding?.machineFix).toBeUndefined();
    expect(finding?.fix).toMatch(/upgrade the upstream/i);
  });

  it('unknown-model still proves URL and credential: reachable and authenticated pass', async () => {
    rig.gateway.setScenario('unknown-model');
    const report = await rig.prober.probe(resolvedFor({ model: 'claude-made-up-9' }), { kind: 'message' });
    expect(report.stages).toEqual({ reachable: 'pass', authenticated: 'pass', modelAnswers: 'fail' });
    expect(report.findings.find((f) => f.id === 'unknown-model')?.machineFix?.steps[0].variable).toBe('ANTHROPIC_MODEL');
  });
});

describe('the realistic probe looks like Claude Code', () => {
  it('sends the installed version\'s beta list, XML-style tags and code, and adaptive thinking', async () => {
    await rig.prober.probe(resolvedFor({ claudeVersion: '2.1.332' }), { kind: 'realistic' });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/v1/messages?beta=true');
    expect(sent.headers['anthropic-beta']).toBe('claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24');
    const body = JSON.parse(sent.body);
    expect(body.max_tokens).toBe(32);
    expect(body.stream).toBe(true);
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(JSON.stringify(body.system)).toMatch(/<system-reminder>/);
    expect(JSON.stringify(body.messages)).toMatch(/export function/);
  });

  it('uses 2.1.197\'s list for that version', async () => {
    await rig.prober.probe(resolvedFor({ claudeVersion: '2.1.197', model: 'claude-opus-4-8' }), { kind: 'realistic' });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers['anthropic-beta']).toContain('context-1m-2025-08-07');
  });
});

describe('wrong header retry', () => {
  it('a bearer-only gateway given an x-api-key: credential-wrong-header with a move-env fix', async () => {
    rig.gateway.setScenario('bearer-only');
    const report = await rig.prober.probe(resolvedFor({ authToken: undefined, apiKey: CANARY }), { kind: 'message' });
    const finding = report.findings.find((f) => f.id === 'credential-wrong-header');
    expect(finding?.machineFix?.steps[0]).toMatchObject({ action: 'move-env', variable: 'ANTHROPIC_API_KEY', toVariable: 'ANTHROPIC_AUTH_TOKEN', target: 'user-settings', valueIsSecret: true });
    expect(report.outcome).toBe('down');
    expect(report.stages.authenticated).toBe('fail');
    const posts = rig.gateway.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1].headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(posts[1].headers['x-api-key']).toBeUndefined();
  });

  it('an x-api-key-only gateway given a bearer token: move to ANTHROPIC_API_KEY', async () => {
    rig.gateway.setScenario('x-api-key-only');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    expect(report.findings.find((f) => f.id === 'credential-wrong-header')?.machineFix?.steps[0]).toMatchObject({ variable: 'ANTHROPIC_AUTH_TOKEN', toVariable: 'ANTHROPIC_API_KEY' });
  });

  it('a rejected key in both headers: credential-rejected, tried exactly twice', async () => {
    rig.gateway.setScenario('credential-rejected');
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message' });
    expect(ids(report.findings)).toContain('credential-rejected');
    expect(ids(report.findings)).not.toContain('credential-wrong-header');
    expect(rig.gateway.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });
});

describe('provider routes', () => {
  it('Bedrock: POST {base}/model/{id}/invoke with anthropic_version bedrock-2023-05-31 in the body', async () => {
    const report = await rig.prober.probe(
      makeResolved({ provider: 'bedrock', baseUrl: `${rig.gateway.url}/bedrock`, model: 'us.anthropic.claude-sonnet-4-6', route: { skipAuth: true, baseUrlVariable: 'ANTHROPIC_BEDROCK_BASE_URL' } }),
      { kind: 'message' },
    );
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/bedrock/model/us.anthropic.claude-sonnet-4-6/invoke');
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1 });
    expect(body.model).toBeUndefined();
    expect(sent.headers.authorization).toBeUndefined(); // skip-auth: the gateway signs
    expect(report.outcome).toBe('healthy');
  });

  it('Vertex: …/projects/{p}/locations/{r}/publishers/anthropic/models/{m}:rawPredict with vertex-2023-10-16', async () => {
    const report = await rig.prober.probe(
      makeResolved({ provider: 'vertex', baseUrl: `${rig.gateway.url}/v1`, model: 'claude-sonnet-4-6', route: { skipAuth: true, vertexProjectId: 'my-proj', region: 'europe-west1' } }),
      { kind: 'message' },
    );
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/v1/projects/my-proj/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-6:rawPredict');
    expect(JSON.parse(sent.body)).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 1 });
    expect(report.outcome).toBe('healthy');
  });

  it('Claude Platform on AWS: Messages format with anthropic-workspace-id and the key in x-api-key', async () => {
    await rig.prober.probe(
      makeResolved({ provider: 'anthropic-aws', baseUrl: rig.gateway.url, env: { ANTHROPIC_AWS_API_KEY: CANARY }, route: { workspaceId: 'wrkspc_01' } }),
      { kind: 'message' },
    );
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['anthropic-workspace-id']).toBe('wrkspc_01');
    expect(sent.headers['x-api-key']).toBe(CANARY);
  });

  it('Foundry: Messages format with the key in x-api-key', async () => {
    const report = await rig.prober.probe(makeResolved({ provider: 'foundry', baseUrl: `${rig.gateway.url}/anthropic`, env: { ANTHROPIC_FOUNDRY_API_KEY: CANARY } }), { kind: 'message' });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/anthropic/v1/messages');
    expect(sent.headers['x-api-key']).toBe(CANARY);
    expect(report.outcome).toBe('healthy');
  });
});

describe('liveness', () => {
  it('spends no tokens: HEAD /api/hello without credential or custom headers', async () => {
    const report = await rig.prober.probe(resolvedFor({ customHeaders: { 'X-Org-Route': 'prod' } }), { kind: 'liveness' });
    expect(report.tokensSpent).toBe(0);
    expect(report.outcome).toBe('healthy');
    expect(rig.gateway.requests).toHaveLength(1);
    expect(rig.gateway.requests[0]).toMatchObject({ method: 'HEAD', url: '/api/hello' });
    expect(rig.gateway.requests[0].headers.authorization).toBeUndefined();
    expect(rig.gateway.requests[0].headers['x-org-route']).toBeUndefined();
  });

  it('falls back to GET /v1/models and remembers it, proving the credential too', async () => {
    const fresh = createProber({ host: rig.host });
    try {
      rig.gateway.setScenario('no-hello');
      const first = await fresh.probe(resolvedFor(), { kind: 'liveness' });
      expect(rig.gateway.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(['HEAD /api/hello', 'GET /v1/models']);
      expect(first.stages.authenticated).toBe('pass');
      rig.gateway.requests.length = 0;
      await fresh.probe(resolvedFor(), { kind: 'liveness' });
      expect(rig.gateway.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(['GET /v1/models']);
    } finally {
      await fresh.close();
    }
  });

  it('does not run model discovery', async () => {
    const report = await rig.prober.probe(resolvedFor(), { kind: 'liveness' });
    expect(report.modelDiscovery.attempted).toBe(false);
  });
});

describe('model discovery', () => {
  it('GET /v1/models?limit=1000 with one credential header; claude/anthropic ids reach the picker', async () => {
    const report = await rig.prober.probe(resolvedFor({ discoveryEnabled: true, customHeaders: { 'X-Org-Route': 'prod' } }), { kind: 'message' });
    const get = rig.gateway.requests.find((r) => r.method === 'GET')!;
    expect(get.url).toBe('/v1/models?limit=1000');
    expect(get.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(get.headers['x-api-key']).toBeUndefined();
    expect(get.headers['x-org-route']).toBe('prod');
    expect(report.modelDiscovery).toMatchObject({ enabled: true, attempted: true, ok: true });
    expect(report.models.filter((m) => m.inPicker).map((m) => m.id)).toEqual(['claude-sonnet-4-6', 'claude-opus-4-8', 'vertex_ai/claude-sonnet-4-6-eu', 'bedrock/anthropic.claude-haiku-4-5']);
    expect(report.models.find((m) => m.id === 'gpt-4o')?.inPicker).toBe(false);
    expect(ids(report.findings)).not.toContain('models-not-discovered');
  });

  it('with discovery off and gateway-only claude models: models-not-discovered with the enable fix', async () => {
    const report = await rig.prober.probe(resolvedFor({ discoveryEnabled: false }), { kind: 'message' });
    const finding = report.findings.find((f) => f.id === 'models-not-discovered');
    expect(finding?.detail).toContain('vertex_ai/claude-sonnet-4-6-eu');
    expect(finding?.machineFix?.steps[0]).toMatchObject({ variable: 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY', value: '1' });
  });

  it('enabled but redirected: a failure, as in Claude Code', async () => {
    rig.gateway.setScenario('redirect-sso');
    const report = await rig.prober.probe(resolvedFor({ discoveryEnabled: true }), { kind: 'message' });
    expect(report.modelDiscovery.ok).toBe(false);
    expect(ids(report.findings)).toContain('models-not-discovered');
  });
});

describe('bounded and cancellable', () => {
  it('a gateway that never answers ends with gateway-timeout within the timeout', async () => {
    rig.gateway.setScenario('hang');
    const started = Date.now();
    const report = await rig.prober.probe(resolvedFor(), { kind: 'message', timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ids(report.findings)).toEqual(['gateway-timeout']);
    expect(report.outcome).toBe('down');
    expect(report.stages.reachable).toBe('pass');
  });

  it('an aborted signal cancels the probe', async () => {
    rig.gateway.setScenario('hang');
    const controller = new AbortController();
    const pending = rig.prober.probe(resolvedFor(), { kind: 'message', timeoutMs: 20_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a slow gateway is reported as degraded by slow-gateway', async () => {
    const quick = createProber({ host: rig.host, slowThresholdMs: 150 });
    try {
      rig.gateway.setScenario('slow', { delayMs: 300 });
      const report = await quick.probe(resolvedFor(), { kind: 'message' });
      expect(report.outcome).toBe('degraded');
      expect(ids(report.findings)).toContain('slow-gateway');
    } finally {
      await quick.close();
    }
  });

  it('a stopped gateway is gateway-refused; after restart it is healthy again', async () => {
    const own = await startTestGateway();
    const local = createProber({ host: rig.host });
    try {
      expect((await local.probe(resolvedFor({ baseUrl: own.url }), { kind: 'liveness' })).outcome).toBe('healthy');
      await own.stop();
      const down = await local.probe(resolvedFor({ baseUrl: own.url }), { kind: 'liveness' });
      expect(down.outcome).toBe('down');
      expect(ids(down.findings)).toEqual(['gateway-refused']);
      expect(down.errorCode).toBe('ECONNREFUSED');
      await own.restart();
      expect((await local.probe(resolvedFor({ baseUrl: own.url }), { kind: 'message' })).outcome).toBe('healthy');
    } finally {
      await local.close();
      await own.close();
    }
  });
});

describe('unconfigured', () => {
  it('no base URL, or api.anthropic.com: unconfigured, and nothing is sent', async () => {
    for (const baseUrl of [null, 'https://api.anthropic.com']) {
      const report = await rig.prober.probe(makeResolved({ baseUrl, authToken: CANARY }), { kind: 'message' });
      expect(report.outcome).toBe('unconfigured');
      expect(report.stages.reachable).toBe('skipped');
    }
    expect(rig.gateway.requests).toHaveLength(0);
  });

  it('an invalid proxy stops the probe with proxy-invalid', async () => {
    const report = await rig.prober.probe(resolvedFor({ network: { proxy: { url: 'socks5://127.0.0.1:1080', variable: 'HTTPS_PROXY', valid: false, problem: 'SOCKS proxies are not supported' } } }), { kind: 'message' });
    expect(report.outcome).toBe('down');
    expect(ids(report.findings)).toEqual(['proxy-invalid']);
    expect(rig.gateway.requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('the canary credential never appears in the report, even when the gateway echoes it', async () => {
    const all: string[] = [];
    for (const scenario of ['healthy', 'credential-rejected', 'bearer-only', 'required-header', 'html-200', 'hang'] as const) {
      rig.gateway.setScenario(scenario);
      const report = await rig.prober.probe(resolvedFor({ authToken: undefined, apiKey: CANARY, customHeaders: { 'X-Secret-Route': 'route-9f8e7d6c5b4a' } }), { kind: 'message', timeoutMs: 600 });
      all.push(JSON.stringify(report));
    }
    const text = all.join('\n');
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY.slice(0, 12));
  });
});
