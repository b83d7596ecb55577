/**
 * The realistic check streams like Claude Code: every stream finding against
 * the loopback test gateway, on the Messages route, Vertex's :streamRawPredict
 * and Bedrock's invoke-with-response-stream (AWS event-stream framing).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioName, ScenarioOptions } from '../../test-gateway/server';
import type { ProbeReport } from '../types';
import { CANARY, makeResolved, startProbeRig, type ProbeRig, type ResolvedFixture } from '../testing/fixtures';

let rig: ProbeRig;
beforeAll(async () => {
  rig = await startProbeRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.reset());

/** Short enough for a quick test, long enough for a loaded machine. */
const IDLE_MS = 1000;

async function realistic(scenario: ScenarioName, options: ScenarioOptions = {}, fixture: ResolvedFixture = {}): Promise<ProbeReport> {
  rig.gateway.setScenario(scenario, options);
  return rig.prober.probe(makeResolved({ baseUrl: rig.gateway.url, authToken: CANARY, discoveryEnabled: true, ...fixture }), { kind: 'realistic', timeoutMs: 8000, streamIdleMs: IDLE_MS });
}

const ids = (report: ProbeReport) => report.findings.map((f) => f.id);

describe('a healthy stream', () => {
  it('streams on /v1/messages with "stream": true and at most 32 tokens, and records the event grammar, timings and reads', async () => {
    const report = await realistic('healthy');
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    const body = JSON.parse(sent.body);
    expect(sent.url).toBe('/v1/messages?beta=true');
    expect(body).toMatchObject({ stream: true, max_tokens: 32 });
    expect(JSON.stringify(body.messages)).toMatch(/count from one to ten/);
    expect(report.outcome).toBe('healthy');
    expect(report.findings).toEqual([]);
    const stream = report.stream!;
    expect(stream.framing).toBe('sse');
    expect(stream.contentType).toMatch(/text\/event-stream/);
    expect(stream.events).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta×10', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(stream.eventCounts).toMatchObject({ message_start: 1, ping: 1, content_block_delta: 10, message_stop: 1 });
    expect(stream.ended).toBe('message_stop');
    expect(stream.problem).toBeNull();
    expect(stream.contentDeltaReads).toBeGreaterThan(1);
    expect(stream.clientStallMs).toBeGreaterThanOrEqual(0);
    expect(stream.firstByteMs).not.toBeNull();
    expect(stream.firstContentDeltaMs!).toBeGreaterThanOrEqual(stream.firstByteMs!);
    expect(stream.lastContentDeltaMs!).toBeGreaterThan(stream.firstContentDeltaMs!);
    expect(stream.usage.outputTokens).toBe(10);
    expect(stream.usage.inputTokens).toBeGreaterThan(0);
    expect(report.tokensSpent).toBe(10);
    expect(JSON.stringify(report)).not.toContain(CANARY);
  });

  it('a pause longer than the idle limit is fine when pings keep arriving', async () => {
    const report = await realistic('stream-slow-pings', { holdMs: IDLE_MS * 2, pingEveryMs: 100 });
    expect(report.outcome).toBe('healthy');
    expect(report.stream!.eventCounts.ping).toBeGreaterThanOrEqual(4);
    expect(report.stream!.ended).toBe('message_stop');
  });

  it('Vertex streams on :streamRawPredict with "stream": true in the body', async () => {
    const report = await realistic('healthy', {}, { provider: 'vertex', baseUrl: `${rig.gateway.url}/v1`, authToken: undefined, route: { skipAuth: true, vertexProjectId: 'my-proj', region: 'us-east5' } });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/v1/projects/my-proj/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-6:streamRawPredict');
    expect(JSON.parse(sent.body)).toMatchObject({ anthropic_version: 'vertex-2023-10-16', stream: true, max_tokens: 32 });
    expect(report.outcome).toBe('healthy');
    expect(report.stream!.eventCounts.content_block_delta).toBe(10);
  });

  it('Foundry and Claude Platform on AWS stream on their Messages route with "stream": true', async () => {
    const foundry = await realistic('healthy', {}, { provider: 'foundry', baseUrl: `${rig.gateway.url}/anthropic`, authToken: undefined, env: { ANTHROPIC_FOUNDRY_API_KEY: CANARY } });
    const aws = await realistic('healthy', {}, { provider: 'anthropic-aws', authToken: undefined, env: { ANTHROPIC_AWS_API_KEY: CANARY }, route: { workspaceId: 'wrkspc_01' } });
    const posts = rig.gateway.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.url)).toEqual(['/anthropic/v1/messages?beta=true', '/v1/messages?beta=true']);
    for (const post of posts) expect(JSON.parse(post.body)).toMatchObject({ stream: true, max_tokens: 32 });
    expect(posts[1].headers['anthropic-workspace-id']).toBe('wrkspc_01');
    expect([foundry.outcome, aws.outcome]).toEqual(['healthy', 'healthy']);
    expect([foundry.stream?.framing, aws.stream?.framing]).toEqual(['sse', 'sse']);
  });

  it('Bedrock streams on invoke-with-response-stream, decoded from AWS event-stream frames', async () => {
    const report = await realistic('healthy', {}, { provider: 'bedrock', baseUrl: `${rig.gateway.url}/bedrock`, authToken: undefined, model: 'us.anthropic.claude-sonnet-4-6', route: { skipAuth: true, baseUrlVariable: 'ANTHROPIC_BEDROCK_BASE_URL' } });
    const sent = rig.gateway.requests.find((r) => r.method === 'POST')!;
    expect(sent.url).toBe('/bedrock/model/us.anthropic.claude-sonnet-4-6/invoke-with-response-stream');
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 32 });
    expect(body.stream).toBeUndefined();
    expect(report.outcome).toBe('healthy');
    expect(report.stream).toMatchObject({ framing: 'aws-event-stream', ended: 'message_stop', problem: null });
    expect(report.stream!.eventCounts.content_block_delta).toBe(10);
  });
});

describe('stream findings', () => {
  it('stream-not-supported: a 200 JSON body to a stream request is degraded, not healthy', async () => {
    const report = await realistic('stream-json');
    expect(ids(report)).toEqual(['stream-not-supported']);
    expect(report.outcome).toBe('degraded');
    expect(report.stages).toEqual({ reachable: 'pass', authenticated: 'pass', modelAnswers: 'pass' });
    expect(report.findings[0].detail).toMatch(/retries every request without streaming/);
    expect(report.stream!.framing).toBe('json');
  });

  it('stream-buffered: every event in one read after a wait is degraded', async () => {
    const report = await realistic('stream-buffered', { holdMs: 300 });
    expect(ids(report)).toEqual(['stream-buffered']);
    expect(report.outcome).toBe('degraded');
    expect(report.stream!.contentDeltaReads).toBe(1);
    expect(report.findings[0].detail).toMatch(/All 10 content deltas and message_stop arrived together in one network read/);
    expect(report.findings[0].fix).toMatch(/proxy_buffering off/);
  });

  it('stream-error-midway: an overloaded_error event inside a 200 stream maps like a 529', async () => {
    const report = await realistic('stream-error-midway');
    expect(ids(report)).toEqual(['stream-error-midway']);
    expect(report.outcome).toBe('degraded');
    expect(report.httpStatus).toBe(200);
    expect(report.findings[0].detail).toMatch(/overloaded_error "Overloaded"/);
    expect(report.findings[0].detail).toMatch(/HTTP 529/);
    expect(report.findings[0].fix).toBe('Wait and retry; this is temporary.');
    expect(report.gatewayMessage).toBe('Overloaded');
    expect(report.stream!.ended).toBe('error-event');
  });

  it('a credential echoed inside a mid-stream error event never reaches the report', async () => {
    const report = await realistic('stream-error-midway', { errorType: 'authentication_error', errorMessage: `invalid key ${CANARY}` });
    expect(ids(report)).toEqual(['stream-error-midway']);
    expect(report.stream!.errorEvent?.type).toBe('authentication_error');
    expect(JSON.stringify(report)).not.toContain(CANARY);
    expect(JSON.stringify(report)).toContain('4068'); // redacted to the last 4 characters
  });

  it('stream-error-midway: an api_error event maps like a 5xx (down)', async () => {
    const report = await realistic('stream-error-midway', { errorType: 'api_error' });
    expect(ids(report)).toEqual(['stream-error-midway']);
    expect(report.outcome).toBe('down');
    expect(report.findings[0].severity).toBe('error');
  });

  it('stream-stalled: the stream starts, then nothing (not even a ping) within the idle limit: down, with the watchdog explained', async () => {
    const started = Date.now();
    const report = await realistic('stream-stalled');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(ids(report)).toEqual(['stream-stalled']);
    expect(report.outcome).toBe('down');
    expect(report.stream!.ended).toBe('idle-timeout');
    expect(report.stream!.idleLimitMs).toBe(IDLE_MS);
    expect(report.stream!.longestGapMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(report.findings[0].detail).toMatch(/not even a ping/);
    expect(report.findings[0].detail).toMatch(/300 s/);
    expect(report.findings[0].fix).toMatch(/keep-alive pings/);
  });

  it('stream-malformed: an event whose data does not parse', async () => {
    const report = await realistic('stream-malformed');
    expect(ids(report)).toEqual(['stream-malformed']);
    // Claude Code falls back to a request without streaming (observed with 2.1.197): degraded, not down.
    expect(report.outcome).toBe('degraded');
    expect(report.findings[0].detail).toMatch(/not a JSON event/);
  });

  it('the same findings on Bedrock\'s event-stream: malformed chunk, exception mid-stream, buffering', async () => {
    const bedrock: ResolvedFixture = { provider: 'bedrock', baseUrl: `${rig.gateway.url}/bedrock`, authToken: undefined, model: 'us.anthropic.claude-sonnet-4-6', route: { skipAuth: true, baseUrlVariable: 'ANTHROPIC_BEDROCK_BASE_URL' } };
    expect(ids(await realistic('stream-malformed', {}, bedrock))).toEqual(['stream-malformed']);
    const midway = await realistic('stream-error-midway', {}, bedrock);
    expect(ids(midway)).toEqual(['stream-error-midway']);
    expect(midway.findings[0].detail).toMatch(/serviceUnavailableException/);
    expect(ids(await realistic('stream-buffered', { holdMs: 300 }, bedrock))).toEqual(['stream-buffered']);
  });

  it('an error before the stream starts is diagnosed as before (beta fields rejected with its machine fix)', async () => {
    const report = await realistic('beta-rejected');
    expect(ids(report)).toEqual(['beta-fields-rejected']);
    expect(report.stream).toBeUndefined();
    expect(report.tokensSpent).toBe(0);
  });
});
