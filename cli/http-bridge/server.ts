/**
 * Browser mode's transport: the contract over HTTP (`POST /api/<method>`)
 * plus server-sent events (`GET /api/events`), and the built renderer as
 * static files. This server can edit the user's settings files (and so make
 * Claude Code run an apiKeyHelper command), so:
 * - it binds loopback only and checks the Host header (DNS rebinding);
 * - every /api call and the event stream need the per-run token in a request
 *   header. Nothing a browser attaches by itself (cookies, the URL) counts:
 *   cookies are not isolated by port, so any other local server could ride one;
 * - a request the browser marks as cross-site or cross-port (`Sec-Fetch-Site`
 *   other than `same-origin`), or whose Origin is another one, is refused;
 * - `serve --open` passes only a one-time code on the command line (visible
 *   in `ps`): the page exchanges it once, at POST /session, for the token;
 * - every reply, event and error passes through the service's Redactor;
 * - the static files (the renderer) need no token: they hold no data.
 * It sends the same CSP as the Electron window.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { API_EVENTS, ApiError, CODE_HEADER, TOKEN_HEADER, toErrorPayload, type ApiErrorCode, type ApiErrorPayload, type GatewayDoctorClient } from '../../core/api';
import { callContract, isApiMethod, unknownMethod, type ContractRedactor } from '../../core/contract-call';

export interface HttpBridgeOptions {
  client: GatewayDoctorClient;
  /** The service's Redactor: every reply, event and error passes through it. */
  redactor: ContractRedactor;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 or omitted: a free port. */
  port?: number;
  host?: '127.0.0.1';
}

export interface HttpBridge {
  /** The dashboard URL with the token in the fragment (never sent to a server): what `serve` prints. */
  url: string;
  token: string;
  port: number;
  /**
   * A URL carrying only a fresh one-time code (for `serve --open`, whose
   * argument other local users can read): the page exchanges it once for the
   * token; after that, or after CODE_LIFETIME_MS, it is useless.
   */
  oneTimeUrl(): string;
  close(): Promise<void>;
}

/** Identical to the Electron window's policy (Electron security checklist §7). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

/** Long enough for a browser to start, short enough that a code left in a process list goes stale. */
export const CODE_LIFETIME_MS = 120_000;
const MAX_BODY_BYTES = 1024 * 1024;
const KEEP_ALIVE_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  refused: 422,
  internal: 500,
};

/** A failure of the transport itself (method, body, token...), with its own HTTP status. */
class HttpFailure extends ApiError {
  constructor(
    readonly status: number,
    code: ApiErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

function sameToken(expected: Buffer, presented: string | string[] | undefined | null): boolean {
  // '' (what a client without a token sends) and repeated headers are no token.
  if (typeof presented !== 'string' || presented === '') return false;
  const candidate = Buffer.from(presented, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a random token is not secret.
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, payload: ApiErrorPayload): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw new HttpFailure(413, 'bad-request', 'The request body is larger than 1 MiB.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'bad-request', 'The request body is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The status of an error payload: the transport's own where it has one, else the code's. */
function statusOf(error: unknown, payload: ApiErrorPayload): number {
  return error instanceof HttpFailure ? error.status : STATUS_BY_CODE[payload.code];
}

/**
 * Starts the browser-mode server on 127.0.0.1. Resolves once listening, with
 * the URL (token included) to print or open.
 */
export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const { client, redactor } = opts;
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  const staticRoot = resolve(opts.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  /** Outstanding one-time codes and when each stops working. */
  const codes = new Map<string, number>();

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpFailure(405, 'bad-request', 'Only GET is allowed here.');
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpFailure(400, 'bad-request', 'The path is not valid.');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpFailure(400, 'bad-request', 'The path is not valid.');
    const relative = decoded === '/' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
    const file = resolve(join(staticRoot, relative));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) throw new HttpFailure(404, 'not-found', 'No such file.');
    let body: Buffer;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      body = await readFile(file);
    } catch {
      if (decoded === '/' || decoded === '/index.html') {
        throw new HttpFailure(503, 'internal', `The dashboard is not built: ${join(staticRoot, 'index.html')} is missing. Run \`npm run build:app\`.`);
      }
      throw new HttpFailure(404, 'not-found', 'No such file.');
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Content-Length': String(body.length) };
    headers['Cache-Control'] = relative.startsWith('assets' + sep) || relative.startsWith('assets/') ? 'private, max-age=3600' : 'no-store';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') throw new HttpFailure(405, 'bad-request', 'Use GET for the event stream.');
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    let snapshotSent = false;
    const send = (event: string, payload: unknown) => {
      if (res.writableEnded) return;
      if (event === 'snapshot') snapshotSent = true;
      res.write(`event: ${event}\ndata: ${JSON.stringify(redactor.scrubDeep(payload))}\n\n`);
    };
    const unsubscribes = API_EVENTS.map((event) => client.on(event, (payload) => send(event, payload)));
    // The page read its first snapshot before this stream existed, so a change
    // in between (e.g. Claude Code's login answer arriving) would be lost: the
    // stream starts with the current snapshot, unless a newer one went out first.
    client.getSnapshot().then(
      (snapshot) => {
        if (!snapshotSent) send('snapshot', snapshot);
      },
      () => undefined,
    );
    const keepAlive = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    keepAlive.unref();
    const cleanUp = () => {
      clearInterval(keepAlive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      streams.delete(res);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);
  }

  /** Origin and Sec-Fetch-Site, where the browser sent them, must say "this very page". */
  function refuseCrossOrigin(req: IncomingMessage, host: string): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) throw new HttpFailure(403, 'refused', 'Cross-origin requests are refused.');
    const fetchSite = req.headers['sec-fetch-site'];
    // "same-site" includes every other port on 127.0.0.1, and "none" a typed or pasted URL: neither is the page.
    if (fetchSite !== undefined && fetchSite !== 'same-origin') throw new HttpFailure(403, 'refused', 'Cross-site requests are refused.');
  }

  /** POST /session with a one-time code header: the token, once per code. */
  function exchangeCode(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') throw new HttpFailure(405, 'bad-request', 'Use POST for /session.');
    const presented = req.headers[CODE_HEADER];
    const expires = typeof presented === 'string' && presented !== '' ? codes.get(presented) : undefined;
    if (typeof presented === 'string') codes.delete(presented);
    if (expires === undefined || expires < Date.now()) {
      throw new HttpFailure(401, 'refused', 'This link was already used or is too old. Run `gateway-doctor serve --open` again, or open the URL it printed.');
    }
    sendJson(res, 200, { token });
  }

  async function callMethod(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!isApiMethod(name)) return sendError(res, 404, unknownMethod(name));
    if (req.method !== 'POST') throw new HttpFailure(405, 'bad-request', `Use POST for /api/${name}.`);
    const contentType = String(req.headers['content-type'] ?? '');
    const text = await readBody(req);
    if (text.trim() !== '' && !contentType.toLowerCase().startsWith('application/json')) {
      throw new HttpFailure(415, 'bad-request', 'Send the argument as application/json.');
    }
    let input: unknown = undefined;
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        throw new HttpFailure(400, 'bad-request', `The body of /api/${name} is not valid JSON.`);
      }
    }
    const reply = await callContract(client, name, input, { redactor });
    if (reply.ok) sendJson(res, 200, reply.value);
    else sendError(res, STATUS_BY_CODE[reply.error.code], reply.error);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    const host = req.headers.host ?? '';
    // DNS rebinding defence: a page on evil.example resolved to 127.0.0.1 still says Host: evil.example.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new HttpFailure(421, 'refused', 'This server answers only to 127.0.0.1 and localhost.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (!isApi && url.pathname !== '/session') return serveStatic(req, res, url.pathname);
    refuseCrossOrigin(req, host);
    if (url.pathname === '/session') return exchangeCode(req, res);
    // Only the header counts: never a cookie or the query string, which a browser attaches by itself.
    if (!sameToken(tokenBytes, req.headers[TOKEN_HEADER])) {
      throw new HttpFailure(401, 'refused', 'Missing or wrong token: open the dashboard with `gateway-doctor serve --open`, or open the URL it printed.');
    }
    if (url.pathname === '/api/events') return openEventStream(req, res);
    return callMethod(req, res, url.pathname.slice('/api/'.length));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const payload = toErrorPayload(error, redactor);
      sendError(res, statusOf(error, payload), payload);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    oneTimeUrl() {
      const now = Date.now();
      for (const [code, expires] of codes) if (expires < now) codes.delete(code);
      const code = randomBytes(24).toString('hex');
      codes.set(code, now + CODE_LIFETIME_MS);
      return `http://127.0.0.1:${port}/#code=${code}`;
    },
    close: async () => {
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
