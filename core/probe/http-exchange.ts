/**
 * One bounded HTTP exchange: a deadline for the whole exchange, a cap on the
 * bytes read, no redirects followed, cancellation through an AbortSignal,
 * and per-phase timings. It never throws for network trouble (the error is
 * part of the result, for diagnosis); it throws only when the caller aborts.
 */
import { performance } from 'node:perf_hooks';
import type { ProbeTimings, TlsInfo } from '../types';
import type { ConnectionPool, TransportSettings } from './connection-pool';

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ExchangeRequest {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  /** Header values may hold credentials: they are never copied into results or errors. */
  headers: Record<string, string>;
  body?: string;
}

export interface ExchangeError {
  /** ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, PROBE_TIMEOUT, PROXY_ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT... */
  code: string;
  message: string;
  /** Where it failed: getting through the proxy, connecting, the TLS handshake, or after the request was sent. */
  phase: 'proxy' | 'connect' | 'tls' | 'response';
}

export interface ExchangeResult {
  status: number | null;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** Body text, at most `maxBytes` bytes. */
  body: string;
  /** The body was larger than `maxBytes`; reading stopped there. */
  truncated: boolean;
  error: ExchangeError | null;
  timings: ProbeTimings;
  tls: TlsInfo | null;
  /** A new connection was opened (false: a kept-alive one was reused). */
  freshConnection: boolean;
}

/** For a streamed answer: hooks that see each network read as it arrives, and an idle bound between reads. */
export interface StreamHooks {
  /** Ends the exchange when no body bytes arrive for this long after the headers (or the last read). */
  idleMs: number;
  /** The response headers arrived, `atMs` after the request was sent. */
  onHeaders?(status: number, headers: Record<string, string>, atMs: number): void;
  /** One network read, `atMs` after the request was sent; return true to stop reading (the answer is complete). */
  onChunk?(chunk: Buffer, atMs: number): boolean;
}

export interface ExchangeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
  stream?: StreamHooks;
}

export class ProbeAbortedError extends Error {
  constructor() {
    super('The probe was cancelled.');
    this.name = 'AbortError';
  }
}

const TIMEOUT = Symbol('probe-timeout');
const IDLE = Symbol('stream-idle');
const TIMEOUT_CODES = new Set(['PROBE_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown }; name?: string };
  if (typeof e?.code === 'string' && e.code) {
    // undici wraps a socket error; the underlying code (ECONNRESET) is more telling.
    if (e.code === 'UND_ERR_SOCKET' && typeof e.cause?.code === 'string') return e.cause.code;
    return e.code;
  }
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return e?.name ?? 'ERROR';
}

const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * Sends `req` through the pool's dispatcher for its origin, within `timeoutMs`.
 * A kept-alive connection the server closed while idle fails on first use;
 * like browsers, the exchange is then tried once more on a fresh connection,
 * so a stale socket is never reported as a gateway fault.
 */
export async function exchange(
  pool: ConnectionPool,
  settings: TransportSettings,
  req: ExchangeRequest,
  opts: ExchangeOptions,
): Promise<ExchangeResult> {
  const started = performance.now();
  const entry = pool.entryFor(req.url.origin, settings);
  const hadConnections = entry.connections > 0;
  const first = await attemptExchange(pool, settings, req, opts);
  const left = opts.timeoutMs - (performance.now() - started);
  if (first.status === null && first.error && !first.freshConnection && hadConnections && STALE_CONNECTION_CODES.has(first.error.code) && left > 1) {
    const second = await attemptExchange(pool, settings, req, { ...opts, timeoutMs: Math.floor(left) });
    second.timings.totalMs = round(performance.now() - started);
    return second;
  }
  return first;
}

async function attemptExchange(
  pool: ConnectionPool,
  settings: TransportSettings,
  req: ExchangeRequest,
  opts: ExchangeOptions,
): Promise<ExchangeResult> {
  if (opts.signal?.aborted) throw new ProbeAbortedError();
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  const entry = pool.entryFor(req.url.origin, settings);
  const connectionsBefore = entry.connections;
  const startedWall = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), Math.max(1, opts.timeoutMs));
  const onCallerAbort = (): void => controller.abort(opts.signal?.reason);
  const stream = opts.stream;
  let idleTimer: NodeJS.Timeout | null = null;
  let lastByteAt = 0;
  let bodyDone = false;
  /** Notes a byte's arrival. One timer serves the whole body: when it fires it re-arms itself for what is left of the bound since the last byte. */
  const armIdle = (): void => {
    if (!stream) return;
    lastByteAt = performance.now();
    if (idleTimer) return;
    idleTimer = setTimeout(function onIdle() {
      // A busy event loop can run this timer before reading bytes that already
      // arrived: look once more after the I/O phase before calling it idle.
      setImmediate(() => {
        if (bodyDone) return; // the body ended in the I/O phase in between: nothing to re-arm
        const quietMs = performance.now() - lastByteAt;
        if (quietMs >= stream.idleMs) controller.abort(IDLE);
        else idleTimer = setTimeout(onIdle, Math.max(1, stream.idleMs - quietMs));
      });
    }, Math.max(1, stream.idleMs));
  };
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const t0 = performance.now();
  let firstByteMs: number | null = null;
  let status: number | null = null;
  const headers: Record<string, string> = {};
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let error: ExchangeError | null = null;

  try {
    const res = await entry.dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      // undici closes the connection after every HEAD unless told otherwise; the timer's liveness HEAD should keep it.
      ...(req.method === 'HEAD' ? { reset: false } : {}),
    });
    firstByteMs = round(performance.now() - t0);
    status = res.statusCode;
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    stream?.onHeaders?.(status, headers, firstByteMs);
    armIdle();
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        armIdle();
        if (stream?.onChunk?.(buf, round(performance.now() - t0))) {
          if (size + buf.length <= maxBytes) {
            size += buf.length;
            chunks.push(buf);
          }
          break; // the answer is complete: stop reading, whatever the server still sends
        }
        if (size + buf.length > maxBytes) {
          chunks.push(buf.subarray(0, maxBytes - size));
          size = maxBytes;
          truncated = true;
          break; // leaving the loop destroys the stream: no more bytes are read
        }
        size += buf.length;
        chunks.push(buf);
      }
    } catch (err) {
      if (opts.signal?.aborted) throw new ProbeAbortedError();
      const timedOut = controller.signal.aborted && controller.signal.reason === TIMEOUT;
      const idle = controller.signal.aborted && controller.signal.reason === IDLE;
      error = {
        code: idle ? 'STREAM_IDLE_TIMEOUT' : timedOut ? 'PROBE_TIMEOUT' : errorCode(err),
        message: idle
          ? `No byte arrived for ${stream?.idleMs} ms while the response body was being read.`
          : timedOut
            ? `The response body did not finish within ${opts.timeoutMs} ms.`
            : 'The connection ended while the response body was being read.',
        phase: 'response',
      };
    }
  } catch (err) {
    if (err instanceof ProbeAbortedError || opts.signal?.aborted) throw new ProbeAbortedError();
    const timedOut = controller.signal.aborted && controller.signal.reason === TIMEOUT;
    const failure = entry.lastFailure && entry.lastFailure.at >= startedWall ? entry.lastFailure : null;
    const code = timedOut ? 'PROBE_TIMEOUT' : errorCode(err);
    error = {
      code,
      message: timedOut ? `No answer within ${opts.timeoutMs} ms.` : describeError(err, code),
      phase: failure ? failure.phase : entry.connections > connectionsBefore ? 'response' : entry.pendingConnects > 0 ? 'connect' : TIMEOUT_CODES.has(code) ? 'response' : 'connect',
    };
  } finally {
    clearTimeout(timer);
    bodyDone = true;
    if (idleTimer) clearTimeout(idleTimer);
    opts.signal?.removeEventListener('abort', onCallerAbort);
  }

  const fresh = entry.connections > connectionsBefore;
  const failure = entry.lastFailure && entry.lastFailure.at >= startedWall ? entry.lastFailure : null;
  const conn = fresh ? entry.lastTimings : null;
  return {
    status,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
    truncated,
    error,
    timings: {
      dnsMs: conn?.dnsMs ?? null,
      connectMs: conn?.connectMs ?? null,
      tlsMs: conn?.tlsMs ?? null,
      firstByteMs,
      totalMs: round(performance.now() - t0),
    },
    tls: failure?.tls ?? entry.lastTls,
    freshConnection: fresh,
  };
}

/** A message for the report: the error's own words, which never include request headers. */
function describeError(err: unknown, code: string): string {
  const message = err instanceof Error ? err.message : String(err);
  return message && message !== code ? `${code}: ${message}` : code;
}
