/**
 * A loopback LLM gateway with one scenario per failure Gateway Doctor must
 * diagnose. Tests (and `gateway-doctor check` demos) point ANTHROPIC_BASE_URL
 * at it; it records every request so tests can assert what was sent.
 * It binds 127.0.0.1 only and never contacts anything else.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { bedrockChunk, bedrockException, encodeEventStreamMessage } from './aws-event-stream';
import { createTestCertificates } from './certs';

export const SCENARIOS = [
  'healthy',
  'bearer-only',
  'x-api-key-only',
  'credential-rejected',
  'html-200',
  'redirect-sso',
  'waf-xml',
  'beta-rejected',
  'adaptive-rejected',
  'context-limit',
  'rate-limited',
  'overloaded',
  'bad-gateway-html',
  'huge-body',
  'reset',
  'truncated-json',
  'slow',
  'hang',
  'unknown-model',
  'required-header',
  'required-either-header',
  'no-hello',
  'bedrock',
  'vertex',
  // Streaming (requests with "stream": true, :streamRawPredict, invoke-with-response-stream);
  // a streaming request to any other scenario gets a healthy stream with a ping.
  'stream-json',
  'stream-buffered',
  'stream-error-midway',
  'stream-stalled',
  'stream-malformed',
  'stream-slow-pings',
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string>;
  /** Body text, capped at 256 KiB. */
  body: string;
}

export interface ScenarioOptions {
  /** 'slow': how long to wait before answering (default 3200 ms, at most 30 s). */
  delayMs?: number;
  /** 'context-limit': the limit named in the error (default 128000). */
  contextLimit?: number;
  /** Streams: the wait between content deltas (default 30 ms, about a model's pace). */
  deltaGapMs?: number;
  /** 'stream-buffered': how long the whole stream is held back (default 300 ms). 'stream-slow-pings': the pause with pings only (default 600 ms). */
  holdMs?: number;
  /** 'stream-slow-pings': the interval between pings during the pause (default 100 ms). */
  pingEveryMs?: number;
  /** 'stream-error-midway': the error event's type (default overloaded_error) and message (default "Overloaded"). */
  errorType?: string;
  errorMessage?: string;
}

export interface TestGateway {
  url: string;
  port: number;
  /** PEM of the CA that signed the server certificate (https only). */
  caPem: string | null;
  setScenario(name: ScenarioName, options?: ScenarioOptions): void;
  readonly scenario: ScenarioName;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive checks). */
  readonly connectionCount: number;
  /** Closes the listener and every connection: the port then refuses connections. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  /** Same as stop(); for symmetry with other resources. */
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  scenario?: ScenarioName;
  tls?: boolean | { certPem: string; keyPem: string; caPem?: string };
}

const MAX_RECORDED_BODY = 256 * 1024;
const MODELS_LIST = {
  data: [
    { id: 'claude-sonnet-4-6', type: 'model', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-17T00:00:00Z' },
    { id: 'claude-opus-4-8', type: 'model', display_name: 'Claude Opus 4.8', created_at: '2026-05-01T00:00:00Z' },
    { id: 'vertex_ai/claude-sonnet-4-6-eu', type: 'model', display_name: 'Sonnet (EU route)', created_at: '2026-02-17T00:00:00Z' },
    { id: 'bedrock/anthropic.claude-haiku-4-5', type: 'model', display_name: null, created_at: '2025-10-01T00:00:00Z' },
    { id: 'gpt-4o', type: 'model', display_name: 'GPT-4o', created_at: '2024-05-13T00:00:00Z' },
  ],
  first_id: 'claude-sonnet-4-6',
  last_id: 'gpt-4o',
  has_more: false,
};

function messageReply(model: string): object {
  return {
    id: 'msg_01TestGateway0000000000',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: '.' }],
    stop_reason: 'max_tokens',
    stop_sequence: null,
    usage: { input_tokens: 8, output_tokens: 1 },
  };
}

function apiError(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_test_gateway' });
}

function sendJson(res: http.ServerResponse, status: number, body: string | object, extra: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function bearer(req: http.IncomingMessage): string {
  const value = req.headers.authorization ?? '';
  return value.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : '';
}

function apiKey(req: http.IncomingMessage): string {
  const value = req.headers['x-api-key'];
  return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the gateway on 127.0.0.1 (a random port unless `port` is given).
 * With `tls: true` a throw-away CA and server certificate are generated
 * with openssl; `caPem` is then the CA to trust.
 */
export async function startTestGateway(opts: StartOptions = {}): Promise<TestGateway> {
  let scenario: ScenarioName = opts.scenario ?? 'healthy';
  let scenarioOptions: ScenarioOptions = {};
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  let tlsMaterial: { certPem: string; keyPem: string; caPem: string | null } | null = null;
  if (opts.tls === true) {
    const generated = await createTestCertificates();
    tlsMaterial = { certPem: generated.certPem, keyPem: generated.keyPem, caPem: generated.caPem };
  } else if (opts.tls) {
    tlsMaterial = { certPem: opts.tls.certPem, keyPem: opts.tls.keyPem, caPem: opts.tls.caPem ?? null };
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RECORDED_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers, body });
      answer(req, res, body);
    });
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://gateway.test');
    const path = url.pathname;
    const json = parseJson(body);
    const model = typeof json?.model === 'string' ? json.model : 'claude-sonnet-4-6';

    if (scenario === 'hang') return; // never answers; the client's timeout must end it
    if (scenario === 'reset') {
      req.socket.destroy();
      return;
    }

    // Startup probe: no credential (as Claude Code sends it).
    if (path.endsWith('/api/hello') || path === '/') {
      if (scenario === 'no-hello') return sendJson(res, 404, apiError('not_found_error', 'Not found'));
      if (req.method === 'HEAD' || req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
        res.end(req.method === 'HEAD' ? undefined : 'ok');
        return;
      }
    }

    const token = bearer(req);
    const key = apiKey(req);
    const authOk = (() => {
      if (scenario === 'credential-rejected') return false;
      if (scenario === 'bearer-only') return token !== '';
      if (scenario === 'x-api-key-only') return key !== '';
      return token !== '' || key !== '';
    })();

    const redirect = (): void => {
      res.writeHead(302, { location: 'https://sso.example.com/login?next=%2Fv1%2Fmessages', 'content-length': 0 });
      res.end();
    };
    if (scenario === 'redirect-sso') return redirect();

    if (req.method === 'GET' && path.endsWith('/v1/models')) {
      if (!authOk) return sendJson(res, 401, apiError('authentication_error', 'invalid x-api-key'));
      return sendJson(res, 200, MODELS_LIST);
    }

    const bedrock = /\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/.exec(path);
    const vertex = /\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/.exec(path);
    const streamed = bedrock ? bedrock[2] === 'invoke-with-response-stream' : vertex ? vertex[4] === 'streamRawPredict' && json?.stream === true : json?.stream === true;
    const isMessages = req.method === 'POST' && path.endsWith('/v1/messages');
    if (req.method !== 'POST' || (!isMessages && !bedrock && !vertex)) {
      return sendJson(res, 404, apiError('not_found_error', `No route for ${req.method} ${path}`));
    }
    if (bedrock) {
      if (json?.anthropic_version !== 'bedrock-2023-05-31') return sendJson(res, 400, apiError('invalid_request_error', 'anthropic_version: bedrock-2023-05-31 is required'));
      if (json?.stream !== undefined) return sendJson(res, 400, apiError('invalid_request_error', 'stream: Extraneous key [stream] is not permitted'));
      if (streamed && scenario !== 'stream-json') return streamAnswer(res, 'aws', decodeURIComponent(bedrock[1]), body);
      return sendJson(res, 200, messageReply(decodeURIComponent(bedrock[1])));
    }
    if (vertex) {
      if (json?.anthropic_version !== 'vertex-2023-10-16') return sendJson(res, 400, apiError('invalid_request_error', 'anthropic_version: vertex-2023-10-16 is required'));
      if (streamed && scenario !== 'stream-json') return streamAnswer(res, 'sse', vertex[3], body);
      return sendJson(res, 200, messageReply(vertex[3]));
    }

    switch (scenario) {
      case 'html-200':
        return sendHtml(res, 200, '<!doctype html><html><head><title>Sign in - Corp SSO</title></head><body><form>Login</form></body></html>');
      case 'waf-xml':
        if (/<[a-zA-Z][\w-]*>/.test(body)) {
          return sendHtml(res, 403, '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>');
        }
        break;
      case 'bad-gateway-html':
        return sendHtml(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
      case 'rate-limited':
        return sendJson(res, 429, apiError('rate_limit_error', 'Rate limit exceeded for this key'), { 'retry-after': '17' });
      case 'overloaded':
        return sendJson(res, 529, apiError('overloaded_error', 'Overloaded'));
      case 'truncated-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"msg_01Trunc","type":"message","content":[{"type":"te');
        return;
      case 'huge-body':
        return sendHuge(res);
      case 'slow': {
        const delay = Math.min(scenarioOptions.delayMs ?? 3200, 30_000);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) sendJson(res, 200, messageReply(model));
        }, delay);
        timers.add(timer);
        return;
      }
      default:
        break;
    }

    if (!authOk) return sendJson(res, 401, apiError('authentication_error', 'Invalid bearer token'));

    switch (scenario) {
      case 'required-header':
        if (!req.headers['x-org-route']) return sendJson(res, 400, apiError('invalid_request_error', 'Missing required header X-Org-Route'));
        break;
      case 'required-either-header':
        if (!req.headers['x-acme-config'] && !req.headers['x-acme-provider']) return sendJson(res, 400, apiError('invalid_request_error', 'either x-acme-config or x-acme-provider header is required'));
        break;
      case 'beta-rejected':
        if ((req.headers['anthropic-beta'] ?? '').includes('context-management') || json?.context_management) {
          return sendJson(res, 400, apiError('invalid_request_error', 'context_management: Extra inputs are not permitted'));
        }
        break;
      case 'adaptive-rejected': {
        const thinking = json?.thinking as { type?: string } | undefined;
        if (thinking?.type === 'adaptive') {
          return sendJson(res, 400, apiError('invalid_request_error', "thinking: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'"));
        }
        break;
      }
      case 'context-limit': {
        const limit = scenarioOptions.contextLimit ?? 128000;
        return sendJson(res, 400, apiError('invalid_request_error', `litellm.ContextWindowExceededError: prompt token count of ${limit + 5321} exceeds the limit of ${limit}`));
      }
      case 'unknown-model':
        return sendJson(res, 404, apiError('not_found_error', `model: ${model} is not served by this gateway`));
      default:
        break;
    }
    // 'stream-json': a gateway that answers a stream request with a plain JSON body.
    if (streamed && scenario !== 'stream-json') return streamAnswer(res, 'sse', model, body);
    return sendJson(res, 200, messageReply(model));
  };

  /**
   * A streamed answer counting to ten: SSE (Messages, Vertex) or AWS
   * event-stream frames (Bedrock), shaped by the stream scenarios.
   */
  const streamAnswer = (res: http.ServerResponse, framing: 'sse' | 'aws', model: string, requestBody: string): void => {
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const inputTokens = Math.max(1, Math.ceil(requestBody.length / 4));
    const start = { type: 'message_start', message: { id: 'msg_01TestGatewayStream000', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } };
    const ping = { type: 'ping' };
    const blockStart = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
    const delta = (i: number) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `${i === 0 ? '' : ' '}${words[i]}` } });
    const tail = [
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: words.length } },
      { type: 'message_stop' },
    ];
    const frame = (event: { type: string }): Buffer | string =>
      framing === 'aws' ? bedrockChunk(event) : `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    const errorFrame = (type: string, message: string): Buffer | string =>
      framing === 'aws'
        ? bedrockException(type === 'overloaded_error' ? 'serviceUnavailableException' : type === 'rate_limit_error' ? 'throttlingException' : 'internalServerException', message)
        : `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message } })}\n\n`;
    const gap = scenarioOptions.deltaGapMs ?? 30;
    const later = (ms: number, fn: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) fn();
      }, ms);
      timers.add(timer);
    };
    /** Writes the frames one by one, `gapMs` apart, then ends the response (unless `end` is false). */
    const sequence = (frames: Array<Buffer | string>, gapMs: number, end = true): void => {
      const next = (i: number): void => {
        if (i >= frames.length) {
          if (end) res.end();
          return;
        }
        res.write(frames[i]);
        later(gapMs, () => next(i + 1));
      };
      next(0);
    };

    res.writeHead(200, { 'content-type': framing === 'aws' ? 'application/vnd.amazon.eventstream' : 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const head = [frame(start), frame(ping), frame(blockStart)];
    const deltas = words.map((_w, i) => frame(delta(i)));
    switch (scenario) {
      case 'stream-buffered': {
        // A buffering proxy: nothing for a while, then every event in one write.
        const all = [...head, ...deltas, ...tail.map(frame)];
        later(scenarioOptions.holdMs ?? 300, () => res.end(framing === 'aws' ? Buffer.concat(all.map((f) => Buffer.from(f))) : all.join('')));
        return;
      }
      case 'stream-error-midway':
        return sequence([...head, deltas[0], deltas[1], errorFrame(scenarioOptions.errorType ?? 'overloaded_error', scenarioOptions.errorMessage ?? 'Overloaded')], gap);
      case 'stream-stalled':
        // Starts, then nothing at all (not even a ping), and the connection stays open.
        res.write(frame(start));
        return;
      case 'stream-malformed':
        return sequence(
          [frame(start), frame(blockStart), framing === 'aws' ? encodeEventStreamMessage({ ':event-type': 'chunk', ':message-type': 'event' }, JSON.stringify({ bytes: Buffer.from('{"type":"content_block_delta","index":0,"delta":{"type":"text_de').toString('base64') })) : 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n', frame(tail[2])],
          gap,
        );
      case 'stream-slow-pings': {
        // A slow upstream: a long pause covered by pings, which must reach the client.
        const every = scenarioOptions.pingEveryMs ?? 100;
        const pings = Math.max(1, Math.floor((scenarioOptions.holdMs ?? 600) / every));
        res.write(frame(start));
        const pingThenRest = (left: number): void => {
          if (left === 0) return sequence([frame(blockStart), ...deltas, ...tail.map(frame)], gap);
          res.write(frame(ping));
          later(every, () => pingThenRest(left - 1));
        };
        later(every, () => pingThenRest(pings));
        return;
      }
      default:
        return sequence([...head, ...deltas, ...tail.map(frame)], gap);
    }
  };

  const sendHuge = (res: http.ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    res.write('{"id":"msg_huge","content":[],"padding":"');
    const pump = (): void => {
      while (sent < 3 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  };

  const server = tlsMaterial
    ? https.createServer({ cert: tlsMaterial.certPem, key: tlsMaterial.keyPem }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  let connectionCount = 0;
  server.on('connection', (socket: Socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that aborts mid-TLS makes the server emit errors; they are expected here.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const port = await listen(opts.port ?? 0);
  let listening = true;

  const stop = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    url: `${tlsMaterial ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    caPem: tlsMaterial?.caPem ?? null,
    get scenario() {
      return scenario;
    },
    get connectionCount() {
      return connectionCount;
    },
    setScenario(name, options = {}) {
      if (!SCENARIOS.includes(name)) throw new Error(`Unknown test-gateway scenario "${name}". Known: ${SCENARIOS.join(', ')}`);
      scenario = name;
      scenarioOptions = options;
    },
    requests,
    stop,
    close: stop,
    async restart() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
  };
}
