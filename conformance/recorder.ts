/**
 * A loopback HTTP server that stands in for an LLM gateway in the conformance
 * suite: it records every request the real `claude` sends (method, path,
 * headers, body) and answers just enough for a `claude -p` turn to finish.
 *
 * - HEAD / GET (the startup probe, `/v1/models`) → 200.
 * - POST /v1/messages* → a minimal Messages reply: an SSE stream when the body
 *   asks for `"stream": true` (what Claude Code sends, facts §10.3), otherwise
 *   one JSON message (Claude Code's non-streaming retry, facts §10.5).
 * - POST /v1/messages/count_tokens → `{"input_tokens": 1}`.
 *
 * Bounded: request bodies are kept up to `maxBodyBytes` (the rest is drained
 * and dropped), header/request timeouts are short, and `close()` ends every
 * open connection.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path plus query string, as sent (e.g. `/prefix/v1/messages?beta=true`). */
  path: string;
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  /** The body as UTF-8, truncated to `maxBodyBytes`. */
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
}

export interface Recorder {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Requests to a Messages endpoint (the inference calls that carry credentials). */
  messageRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface RecorderOptions {
  /** Keep at most this many body bytes per request (default 1 MiB). */
  maxBodyBytes?: number;
  /** Keep at most this many requests (default 200); later ones are answered but not stored. */
  maxRequests?: number;
  /** Text the assistant "answers" with. */
  replyText?: string;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** True for `/v1/messages` and `/prefix/v1/messages?beta=true`, not for count_tokens. */
export function isMessagesPath(path: string): boolean {
  const pathname = path.split('?')[0];
  return /\/v1\/messages$/.test(pathname);
}

function sseEvent(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The smallest SSE stream the Messages API can produce for a one-block text answer. */
export function sseMessageStream(model: string, text: string): string {
  return [
    sseEvent('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_recorder_01',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    }),
    sseEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sseEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }),
    sseEvent('message_stop', { type: 'message_stop' }),
  ].join('');
}

function jsonMessage(model: string, text: string): string {
  return JSON.stringify({
    id: 'msg_recorder_01',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  });
}

/** Reads a request body, keeping at most `max` bytes and draining the rest. */
function readBody(req: IncomingMessage, max: number): Promise<{ body: string; bytes: number; truncated: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept < max) {
        const slice = chunk.subarray(0, max - kept);
        chunks.push(slice);
        kept += slice.length;
      }
    });
    const done = () => resolve({ body: Buffer.concat(chunks).toString('utf8'), bytes, truncated: bytes > kept });
    req.on('end', done);
    req.on('error', done);
    req.on('aborted', done);
  });
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Starts the recorder on 127.0.0.1 with an ephemeral port. */
export async function startRecorder(options: RecorderOptions = {}): Promise<Recorder> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxRequests = options.maxRequests ?? 200;
  const replyText = options.replyText ?? 'ok';
  const requests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { body, bytes, truncated } = await readBody(req, maxBody);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (requests.length < maxRequests) {
      requests.push({ method, path, headers: { ...req.headers }, body, bodyBytes: bytes, bodyTruncated: truncated });
    }
    const pathname = path.split('?')[0];

    if (method === 'HEAD' || method === 'GET') {
      if (/\/v1\/models$/.test(pathname)) {
        const payload = JSON.stringify({ data: [], has_more: false, first_id: null, last_id: null });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
        res.end(method === 'HEAD' ? undefined : payload);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
      res.end(method === 'HEAD' ? undefined : 'ok');
      return;
    }

    if (method === 'POST' && /\/v1\/messages\/count_tokens$/.test(pathname)) {
      const payload = JSON.stringify({ input_tokens: 1 });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
      return;
    }

    if (method === 'POST' && isMessagesPath(path)) {
      const parsed = parseJsonObject(body);
      const model = typeof parsed?.model === 'string' ? parsed.model : 'claude-recorder';
      if (parsed?.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_recorder' });
        res.end(sseMessageStream(model, replyText));
      } else {
        const payload = jsonMessage(model, replyText);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'request-id': 'req_recorder' });
        res.end(payload);
      }
      return;
    }

    const payload = JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `recorder: no route for ${method} ${pathname}` } });
    res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 2_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    messageRequests: () => requests.filter((r) => r.method === 'POST' && isMessagesPath(r.path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
