/**
 * The prober: answers "does Claude Code work through my gateway right now?"
 * with real requests built from the resolved configuration, bounded in
 * time and size, over kept-alive connections, and hands the observations
 * to the probe diagnosis rules.
 */
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { CommandRunner, HostContext } from '../ports';
import type { ResolvedConfig } from '../config/resolved';
import type { CredentialHeader, Finding, ProbeKind, ProbeReport, ProbeStages, ProbeStreamReport, ProbeTimings } from '../types';
import { makeFinding } from '../diagnosis/make-finding';
import { diagnoseProbe, type ObservedResponse, type ProbeObservation } from '../diagnosis/probe-rules';
import { Redactor } from '../util/secret';
import { createCommandRunner } from '../util/command-runner';
import { runApiKeyHelper, type HelperOutcome } from './api-key-helper';
import { ConnectionPool, type LookupFunction, type TransportSettings } from './connection-pool';
import { credentialValues, otherHeader } from './credentials';
import { exchange, type ExchangeRequest, type ExchangeResult } from './http-exchange';
import { StreamRecorder, type StreamEnd } from './stream-recorder';
import { discoverModels, discoveryFindings, type DiscoveryResult } from './model-discovery';
import { bypassesProxy } from './no-proxy';
import {
  buildBaseHeadRequest,
  buildHelloRequest,
  buildMessageRequest,
  buildModelsRequest,
  displayUrl,
  gatewayTarget,
  type CredentialValues,
} from './request-builder';

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
/**
 * The realistic check's idle bound inside a stream. Claude Code itself waits
 * 300 s, but a healthy gateway passes the model's ping within a second or
 * two, so a short answer that goes quiet this long has stalled.
 */
const DEFAULT_STREAM_IDLE_MS = 5_000;
/** A 32-token stream is a few kilobytes; anything near this is not one. */
const MAX_STREAM_BYTES = 256 * 1024;
/** Claude Code caches the helper's key for 5 minutes (CLAUDE_CODE_API_KEY_HELPER_TTL_MS overrides). */
const DEFAULT_HELPER_TTL_MS = 5 * 60_000;

export interface ProbeOptions {
  kind: ProbeKind;
  /** Whole-probe bound, default 10 s. */
  timeoutMs?: number;
  /** Realistic check: the longest wait for a byte inside the stream (default 5 s, at most half the timeout). */
  streamIdleMs?: number;
  signal?: AbortSignal;
}

export interface Prober {
  probe(resolved: ResolvedConfig, opts: ProbeOptions): Promise<ProbeReport>;
  /** Destroys the kept-alive connections. */
  close(): Promise<void>;
}

export interface ProberOptions {
  host: HostContext;
  runner?: CommandRunner;
  /** Every credential the probe handles (including apiKeyHelper output) is added here. */
  redactor?: Redactor;
  /** DNS lookup override (tests resolve made-up names to loopback without a DNS query). */
  lookup?: LookupFunction;
  /** Above this, a working gateway is reported as slow (default 3000 ms). */
  slowThresholdMs?: number;
}

const NO_STAGES: ProbeStages = { reachable: 'skipped', authenticated: 'skipped', modelAnswers: 'skipped' };
const NO_TIMINGS: ProbeTimings = { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: 0 };

function observed(res: ExchangeResult): ObservedResponse {
  return { status: res.status, headers: res.headers, body: res.body, truncated: res.truncated, error: res.error, totalMs: res.timings.totalMs, tls: res.tls };
}

async function readOptional(path: string | null): Promise<string | null> {
  if (!path) return null;
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Why reading a streamed answer stopped. */
function streamEnd(res: ExchangeResult, complete: boolean): StreamEnd {
  if (complete) return 'message_stop'; // or an error event: the recorder knows which
  if (res.truncated) return 'byte-cap';
  if (!res.error) return 'end-of-body';
  if (res.error.code === 'STREAM_IDLE_TIMEOUT') return 'idle-timeout';
  if (res.error.code === 'PROBE_TIMEOUT') return 'total-timeout';
  return 'connection-error';
}

/**
 * Output tokens the realistic check cost, as the answer's usage reports them
 * (the stream's message_delta, or a JSON reply's usage); 0 when the model did
 * not answer. Like the 1-token probe, input tokens are not counted here.
 */
function realisticTokens(stream: ProbeStreamReport | null, res: ExchangeResult, answered: boolean): number {
  if (stream?.usage.outputTokens != null) return stream.usage.outputTokens;
  if (!answered) return 0;
  try {
    const usage = (JSON.parse(res.body) as { usage?: { output_tokens?: unknown } }).usage;
    if (typeof usage?.output_tokens === 'number') return usage.output_tokens;
  } catch {
    // not JSON: fall through
  }
  return stream ? stream.contentDeltas : 1;
}

/**
 * Creates a prober that keeps one keep-alive dispatcher per (origin, proxy,
 * CA, mTLS), so the timer's liveness probe reuses its connection, and
 * remembers which liveness endpoint each gateway answers.
 */
export function createProber(opts: ProberOptions): Prober {
  const pool = new ConnectionPool({ lookup: opts.lookup });
  const runner = opts.runner ?? createCommandRunner();
  const livenessEndpoint = new Map<string, 'hello' | 'models'>();
  const helperCache = new Map<string, { value: string; expiresAt: number; outcome: HelperOutcome }>();

  async function transportFor(resolved: ResolvedConfig, target: URL): Promise<{ settings: TransportSettings; proxy: { url: string; variable: string } | null }> {
    const net = resolved.network;
    const proxy = net.proxy && net.proxy.valid && !bypassesProxy(target, net.noProxy) ? { url: net.proxy.url, variable: net.proxy.variable } : null;
    const [extraCaPem, clientCertPem, clientKeyPem] = await Promise.all([readOptional(net.extraCaPath), readOptional(net.clientCertPath), readOptional(net.clientKeyPath)]);
    return {
      settings: {
        proxyUrl: proxy?.url ?? null,
        extraCaPem,
        clientCertPem: clientCertPem && clientKeyPem ? clientCertPem : null,
        clientKeyPem: clientCertPem && clientKeyPem ? clientKeyPem : null,
        clientKeyPassphrase: net.clientKeyPassphrase ? net.clientKeyPassphrase.reveal() : null,
      },
      proxy,
    };
  }

  async function helperKey(resolved: ResolvedConfig, timeoutMs: number, redactor: Redactor, force: boolean): Promise<HelperOutcome> {
    const command = resolved.credential.helperCommand ?? '';
    const key = `${command}\u0000${resolved.projectDir ?? ''}`;
    const cached = helperCache.get(key);
    if (!force && cached && cached.expiresAt > Date.now()) {
      redactor.add(cached.value);
      return cached.outcome;
    }
    const outcome = await runApiKeyHelper(command, resolved, opts.host, runner, { timeoutMs, redactor });
    if (opts.redactor && outcome.value) opts.redactor.add(outcome.value);
    if (outcome.ok && outcome.value) {
      const ttl = Number.parseInt(resolved.effectiveEnv.CLAUDE_CODE_API_KEY_HELPER_TTL_MS ?? '', 10);
      helperCache.set(key, { value: outcome.value, expiresAt: Date.now() + (Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_HELPER_TTL_MS), outcome });
    } else {
      helperCache.delete(key);
    }
    return outcome;
  }

  async function probe(resolved: ResolvedConfig, probeOpts: ProbeOptions): Promise<ProbeReport> {
    const kind = probeOpts.kind;
    const timeoutMs = probeOpts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const deadline = performance.now() + timeoutMs;
    const remaining = (): number => Math.max(0, Math.floor(deadline - performance.now()));
    const signal = probeOpts.signal;
    const at = new Date().toISOString();
    const redactor = new Redactor();
    for (const secret of Object.values(resolved.credential.values)) {
      redactor.add(secret);
      opts.redactor?.add(secret);
    }
    for (const name of ['ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_AUTH_TOKEN', 'ANTHROPIC_AWS_API_KEY', 'AWS_BEARER_TOKEN_BEDROCK']) {
      redactor.add(resolved.effectiveEnv[name]);
      opts.redactor?.add(resolved.effectiveEnv[name]);
    }
    if (resolved.network.clientKeyPassphrase) redactor.add(resolved.network.clientKeyPassphrase);

    const report: ProbeReport = {
      kind,
      at,
      outcome: 'unconfigured',
      stages: { ...NO_STAGES },
      httpStatus: null,
      method: kind === 'liveness' ? 'HEAD' : 'POST',
      url: '',
      headersSent: [],
      timings: { ...NO_TIMINGS },
      tls: null,
      errorCode: null,
      gatewayMessage: null,
      models: [],
      modelDiscovery: { enabled: resolved.modelDiscovery.enabled, attempted: false, ok: false, detail: resolved.modelDiscovery.reason },
      tokensSpent: 0,
      findings: [],
    };
    const finish = (): ProbeReport => redactor.scrubDeep(report);

    const target = gatewayTarget(resolved);
    if (target.kind === 'unconfigured') {
      report.findings.push(makeFinding('no-gateway-configured', { detail: target.reason }));
      return finish();
    }
    if (target.kind === 'invalid') {
      report.outcome = 'down';
      report.stages = { reachable: 'fail', authenticated: 'skipped', modelAnswers: 'skipped' };
      report.findings.push(
        makeFinding('gateway-rejected-request', {
          title: 'The gateway base URL cannot be used',
          detail: target.reason,
          fix: `Set ${resolved.route.baseUrlVariable ?? 'ANTHROPIC_BASE_URL'} to the gateway's https:// address.`,
          ...(resolved.route.baseUrlSource ? { source: resolved.route.baseUrlSource } : {}),
        }),
      );
      return finish();
    }
    const base = target.base;
    const baseUrl = new URL(base);
    report.url = displayUrl(baseUrl);

    if (resolved.network.proxy && !resolved.network.proxy.valid) {
      report.outcome = 'down';
      report.stages = { reachable: 'fail', authenticated: 'skipped', modelAnswers: 'skipped' };
      report.findings.push(
        makeFinding('proxy-invalid', {
          detail: `${resolved.network.proxy.variable} cannot be used${resolved.network.proxy.problem ? `: ${resolved.network.proxy.problem}` : ''}. Claude Code stops at launch with an error naming the variable.`,
        }),
      );
      return finish();
    }

    const { settings, proxy } = await transportFor(resolved, baseUrl);
    if (proxy) redactor.add(new URL(proxy.url).password || null);

    // Credential: the resolver's values, or the apiKeyHelper's output.
    let credential: CredentialValues = credentialValues(resolved);
    let helper: HelperOutcome | null = null;
    if (resolved.credential.kind === 'apiKeyHelper' && resolved.credential.helperCommand) {
      helper = await helperKey(resolved, Math.max(1, remaining()), redactor, false);
      if (signal?.aborted) throw new DOMException('The probe was cancelled.', 'AbortError');
      report.apiKeyHelper = { ok: helper.ok, durationMs: helper.durationMs, exitCode: helper.exitCode, timedOut: helper.timedOut, detail: helper.detail };
      // The helper's output goes in both headers, unless ANTHROPIC_API_KEY is also set:
      // then x-api-key carries that key (facts §10.8).
      if (helper.ok && helper.value) credential = { authorization: helper.value, 'x-api-key': credential['x-api-key'] ?? helper.value };
      else {
        const source = resolved.credential.helperSource ?? resolved.credential.source;
        report.findings.push(
          makeFinding(helper.problem === 'output-invalid' ? 'api-key-helper-output-invalid' : 'api-key-helper-failing', {
            detail: helper.detail,
            ...(source ? { source } : {}),
          }),
        );
      }
    }
    for (const value of Object.values(credential)) redactor.add(value);
    const sentHeaders = Object.keys(credential) as CredentialHeader[];
    const credentialInfo = {
      headers: sentHeaders,
      fromHelper: helper !== null,
      none: sentHeaders.length === 0 && helper === null,
      source: resolved.credential.source,
    };

    const send = async (req: ExchangeRequest, limitMs = remaining()): Promise<ExchangeResult> =>
      exchange(pool, settings, req, { timeoutMs: Math.max(1, limitMs), signal });

    /** Sends a streaming request, watching each read; the summary is kept for 2xx answers. */
    const sendStreaming = async (req: ExchangeRequest, idleMs: number): Promise<{ res: ExchangeResult; stream: ProbeStreamReport | null }> => {
      let recorder: StreamRecorder | null = null;
      let complete = false;
      // Our own stalls merge network reads and would look like a buffering proxy: measure them.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const res = await exchange(pool, settings, req, {
        timeoutMs: Math.max(1, remaining()),
        signal,
        maxBytes: MAX_STREAM_BYTES,
        stream: {
          idleMs,
          onHeaders: (_status, headers, atMs) => {
            recorder = new StreamRecorder(headers['content-type'] ?? null, { firstByteMs: atMs, idleLimitMs: idleMs });
          },
          onChunk: (chunk, atMs) => {
            complete = recorder?.read(chunk, atMs) ?? false;
            return complete;
          },
        },
      }).finally(() => loopDelay.disable());
      const active = recorder as StreamRecorder | null;
      if (!active || res.status === null || res.status < 200 || res.status >= 300) return { res, stream: null };
      return { res, stream: active.finish(streamEnd(res, complete), res.timings.totalMs, loopDelay.max / 1e6) };
    };

    let main: { req: ExchangeRequest; res: ExchangeResult; endpoint: ProbeObservation['endpoint'] };
    let retry: ProbeObservation['retry'] = null;
    let discovery: DiscoveryResult | null = null;
    let stream: ProbeStreamReport | null = null;

    if (kind === 'liveness') {
      main = await liveness(resolved, base, credential, send);
    } else if (kind === 'realistic') {
      const req = buildMessageRequest(resolved, base, kind, credential);
      const streamed = await sendStreaming(req, Math.max(1, Math.min(probeOpts.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS, Math.floor(timeoutMs / 2))));
      main = { req, res: streamed.res, endpoint: 'messages' };
      stream = streamed.stream;
      if (stream) report.stream = stream;
    } else {
      const req = buildMessageRequest(resolved, base, kind, credential);
      main = { req, res: await send(req), endpoint: 'messages' };
    }

    // 401: try the other header once, to tell a wrong header from a wrong key.
    if (main.res.status === 401 && sentHeaders.length === 1 && helper === null && remaining() > 0 && (main.endpoint === 'messages' || main.endpoint === 'models')) {
      const from = sentHeaders[0];
      const to = otherHeader(from);
      const swapped: CredentialValues = { [to]: credential[from] };
      const retryReq = main.endpoint === 'messages' ? buildMessageRequest(resolved, base, kind as Exclude<ProbeKind, 'liveness'>, swapped) : buildModelsRequest(resolved, base, swapped, 1);
      const retryRes = await send(retryReq);
      retry = { sentIn: to, response: observed(retryRes) };
    }

    if (kind !== 'liveness' && resolved.route.provider === 'anthropic' && main.res.status !== null && remaining() > 0) {
      discovery = await discoverModels(pool, settings, resolved, base, credential, { timeoutMs: remaining(), signal });
      report.models = discovery.models;
      report.modelDiscovery = { enabled: resolved.modelDiscovery.enabled, attempted: discovery.attempted, ok: discovery.ok, detail: discovery.detail };
    }

    const diagnosis = diagnoseProbe({
      kind,
      endpoint: main.endpoint,
      model: resolved.model.id,
      url: displayUrl(main.req.url),
      response: observed(main.res),
      credential: credentialInfo,
      retry,
      proxy,
      helperFailed: helper !== null && !helper.ok,
      stream,
      servedModels: discovery?.models.map((m) => m.id) ?? [],
      customHeaderNames: resolved.customHeaders.map((h) => h.name),
      slowThresholdMs: opts.slowThresholdMs,
    });

    report.outcome = diagnosis.outcome;
    if (helper && !helper.ok && diagnosis.outcome === 'healthy') report.outcome = 'down';
    report.stages = diagnosis.stages;
    report.httpStatus = main.res.status;
    report.method = main.req.method;
    report.url = displayUrl(main.req.url);
    report.headersSent = Object.keys(main.req.headers);
    report.timings = main.res.timings;
    report.tls = main.res.tls;
    report.errorCode = main.res.error?.code ?? null;
    report.gatewayMessage = diagnosis.gatewayMessage ? diagnosis.gatewayMessage.slice(0, 500) : null;
    report.tokensSpent = kind === 'liveness' ? 0 : kind === 'realistic' ? realisticTokens(stream, main.res, diagnosis.modelAnswered) : diagnosis.modelAnswered ? 1 : 0;
    const findings: Finding[] = [...report.findings, ...diagnosis.findings];
    if (discovery) findings.push(...discoveryFindings(resolved.modelDiscovery.enabled, discovery));
    report.findings = findings;
    return finish();
  }

  /** Zero-token liveness: HEAD /api/hello, else GET /v1/models; remembers which one the gateway answers. */
  async function liveness(
    resolved: ResolvedConfig,
    base: string,
    credential: CredentialValues,
    send: (req: ExchangeRequest) => Promise<ExchangeResult>,
  ): Promise<{ req: ExchangeRequest; res: ExchangeResult; endpoint: ProbeObservation['endpoint'] }> {
    if (resolved.route.provider === 'bedrock' || resolved.route.provider === 'vertex') {
      const req = buildBaseHeadRequest(base);
      return { req, res: await send(req), endpoint: 'base' };
    }
    if (livenessEndpoint.get(base) !== 'models') {
      const req = buildHelloRequest(base);
      const res = await send(req);
      if (res.status !== null && res.status >= 200 && res.status < 300) {
        livenessEndpoint.set(base, 'hello');
        return { req, res, endpoint: 'hello' };
      }
      // A network failure is the answer; only an HTTP "not here" falls back.
      if (res.status === null || (res.status >= 300 && res.status < 400) || res.status >= 500) return { req, res, endpoint: 'hello' };
    }
    const req = buildModelsRequest(resolved, base, credential, 1);
    const res = await send(req);
    if (res.status !== null && res.status >= 200 && res.status < 300) livenessEndpoint.set(base, 'models');
    else if (livenessEndpoint.get(base) === 'models') livenessEndpoint.delete(base);
    return { req, res, endpoint: 'models' };
  }

  return {
    probe,
    close: () => pool.close(),
  };
}
