/**
 * Keep-alive undici dispatchers, one per (origin, proxy, CA, mTLS), with a
 * connector that measures DNS, TCP connect and TLS handshake, reads the
 * server certificate, and tunnels through an HTTP(S) proxy with CONNECT.
 *
 * Why a custom connector: undici's own connector gives no phase timings and
 * rejects untrusted certificates before anyone can read them. Here the TLS
 * handshake runs with rejectUnauthorized false, and the connector refuses
 * the socket itself when `authorized` is false, before undici sends a byte:
 * the trust decision is the same, but the report can name the certificate.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent, buildConnector } from 'undici';
import type { TlsInfo } from '../types';

export type LookupFunction = NonNullable<net.TcpNetConnectOpts['lookup']>;

export interface TransportSettings {
  /** Proxy URL to tunnel through, or null for a direct connection. */
  proxyUrl: string | null;
  /** Extra CA PEM text (NODE_EXTRA_CA_CERTS), added to Node's default roots. */
  extraCaPem: string | null;
  clientCertPem: string | null;
  clientKeyPem: string | null;
  clientKeyPassphrase: string | null;
}

export interface ConnectionTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
}

export interface PoolEntry {
  readonly dispatcher: Agent;
  /** Incremented for every new connection; a probe compares before/after to tell reuse from a fresh connection. */
  connections: number;
  /** Connection attempts under way (a timeout while one is pending happened before the request was sent). */
  pendingConnects: number;
  lastTimings: ConnectionTimings | null;
  /** The certificate of the last TLS connection (kept for reused connections). */
  lastTls: TlsInfo | null;
  /** What the last failed connection attempt learned (certificate, which phase failed). */
  lastFailure: { tls: TlsInfo | null; phase: 'proxy' | 'connect' | 'tls'; at: number } | null;
}

/** Error thrown by the connector when the proxy cannot be used. */
export class ProxyConnectError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'ProxyConnectError';
    this.code = code;
  }
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}

function nameOf(part: Record<string, unknown> | undefined): string {
  if (!part) return '';
  const cn = part.CN ?? part.O ?? Object.values(part)[0];
  return Array.isArray(cn) ? String(cn[0]) : String(cn ?? '');
}

/** Subject, issuer and days to expiry of the peer certificate, or null when there is none. */
function readTlsInfo(socket: tls.TLSSocket, now = Date.now()): TlsInfo | null {
  const cert = socket.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return null;
  const validToMs = Date.parse(cert.valid_to);
  const info: TlsInfo = {
    subject: nameOf(cert.subject as unknown as Record<string, unknown>),
    issuer: nameOf(cert.issuer as unknown as Record<string, unknown>),
    validTo: Number.isFinite(validToMs) ? new Date(validToMs).toISOString() : cert.valid_to,
    daysToExpiry: Number.isFinite(validToMs) ? Math.floor((validToMs - now) / 86_400_000) : 0,
    authorized: socket.authorized,
  };
  if (!socket.authorized && socket.authorizationError) info.authorizationError = String(socket.authorizationError);
  return info;
}

function tlsError(code: string): Error & { code: string } {
  const error = new Error(`The server certificate is not trusted (${code}).`) as Error & { code: string };
  error.code = code;
  return error;
}

/** Opens a CONNECT tunnel through `proxy` to host:port, bounded by `timeoutMs`. */
function openTunnel(proxy: URL, host: string, port: string, tlsOptions: tls.ConnectionOptions, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const target = `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { host: target };
    if (proxy.username) {
      const user = decodeURIComponent(proxy.username);
      const pass = decodeURIComponent(proxy.password);
      headers['proxy-authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    const mod = proxy.protocol === 'https:' ? https : http;
    const req = mod.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: timeoutMs,
      ...(proxy.protocol === 'https:' ? { ca: tlsOptions.ca } : {}),
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new ProxyConnectError(`The proxy answered ${res.statusCode} to CONNECT ${target}.`, 'PROXY_CONNECT_REFUSED'));
        return;
      }
      resolve(socket);
    });
    req.once('timeout', () => req.destroy(new ProxyConnectError('The proxy did not answer in time.', 'PROXY_TIMEOUT')));
    req.once('error', (err: NodeJS.ErrnoException) => {
      reject(err instanceof ProxyConnectError ? err : new ProxyConnectError(`Cannot reach the proxy ${proxy.host}: ${err.code ?? err.message}.`, `PROXY_${err.code ?? 'ERROR'}`));
    });
    req.end();
  });
}

function makeConnector(
  entry: PoolEntry,
  settings: TransportSettings,
  connectTimeoutMs: number,
  lookup: LookupFunction | undefined,
): (opts: buildConnector.Options, cb: buildConnector.Callback) => void {
  const tlsOptions: tls.ConnectionOptions = {
    rejectUnauthorized: false,
    ...(settings.extraCaPem ? { ca: [...tls.rootCertificates, settings.extraCaPem] } : {}),
    ...(settings.clientCertPem ? { cert: settings.clientCertPem } : {}),
    ...(settings.clientKeyPem ? { key: settings.clientKeyPem } : {}),
    ...(settings.clientKeyPassphrase ? { passphrase: settings.clientKeyPassphrase } : {}),
  };
  const direct = buildConnector({ ...tlsOptions, timeout: connectTimeoutMs, ...(lookup ? { lookup } : {}) } as buildConnector.BuildOptions);
  const proxy = settings.proxyUrl ? new URL(settings.proxyUrl) : null;

  return (opts, callback) => {
    const start = performance.now();
    const timings: ConnectionTimings = { dnsMs: null, connectMs: null, tlsMs: null };
    let tcpDoneAt = start;
    let tlsInfo: TlsInfo | null = null;
    const isHttps = opts.protocol === 'https:';
    entry.pendingConnects += 1;
    let settled = false;
    const settle = (): void => {
      if (!settled) entry.pendingConnects -= 1;
      settled = true;
    };

    const fail = (err: Error, phase: 'proxy' | 'connect' | 'tls'): void => {
      settle();
      entry.lastFailure = { tls: tlsInfo, phase, at: Date.now() };
      callback(err, null);
    };
    const done = (err: Error | null, socket: net.Socket | tls.TLSSocket | null): void => {
      if (err || !socket) {
        fail(err ?? new Error('connection failed'), isHttps && timings.connectMs !== null ? 'tls' : 'connect');
        return;
      }
      if (isHttps) {
        const tlsSocket = socket as tls.TLSSocket;
        timings.tlsMs = round(performance.now() - tcpDoneAt);
        tlsInfo = readTlsInfo(tlsSocket);
        if (!tlsSocket.authorized) {
          tlsSocket.destroy();
          fail(tlsError(String(tlsSocket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')), 'tls');
          return;
        }
      }
      settle();
      entry.connections += 1;
      entry.lastTimings = timings;
      if (tlsInfo) entry.lastTls = tlsInfo;
      callback(null, socket);
    };

    if (!proxy) {
      const socket = (direct as unknown as (o: buildConnector.Options, c: buildConnector.Callback) => net.Socket)(opts, (err, s) => done(err, s));
      socket.once('lookup', () => {
        timings.dnsMs = round(performance.now() - start);
      });
      socket.once('connect', () => {
        tcpDoneAt = performance.now();
        if (timings.dnsMs === null) timings.dnsMs = 0; // an IP literal needs no lookup
        timings.connectMs = round(tcpDoneAt - start - timings.dnsMs);
      });
      return;
    }

    openTunnel(proxy, opts.hostname, opts.port || (isHttps ? '443' : '80'), tlsOptions, connectTimeoutMs).then(
      (tunnel) => {
        tcpDoneAt = performance.now();
        timings.connectMs = round(tcpDoneAt - start); // includes the proxy's own connection to the gateway
        if (!isHttps) {
          done(null, tunnel);
          return;
        }
        direct({ ...opts, httpSocket: tunnel }, (err, s) => done(err, s));
      },
      (err: Error) => fail(err, 'proxy'),
    );
  };
}

function hash(text: string | null): string {
  return text ? createHash('sha256').update(text).digest('hex').slice(0, 16) : '-';
}

/**
 * The prober's dispatchers. Reusing one per key keeps connections alive
 * between probes (so a timer-driven liveness check costs one round trip),
 * while a change of proxy, CA or client certificate gets fresh connections.
 */
export class ConnectionPool {
  readonly #entries = new Map<string, PoolEntry>();
  readonly #lookup: LookupFunction | undefined;
  readonly #connectTimeoutMs: number;

  constructor(opts: { lookup?: LookupFunction; connectTimeoutMs?: number } = {}) {
    this.#lookup = opts.lookup;
    this.#connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  entryFor(origin: string, settings: TransportSettings): PoolEntry {
    const key = [origin, settings.proxyUrl ?? '-', hash(settings.extraCaPem), hash(settings.clientCertPem), hash(settings.clientKeyPem), hash(settings.clientKeyPassphrase)].join('|');
    const existing = this.#entries.get(key);
    if (existing) return existing;
    const entry = { connections: 0, pendingConnects: 0, lastTimings: null, lastTls: null, lastFailure: null } as unknown as PoolEntry;
    const dispatcher = new Agent({
      connect: makeConnector(entry, settings, this.#connectTimeoutMs, this.#lookup),
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
      connections: 4,
      pipelining: 1,
    });
    (entry as { dispatcher: Agent }).dispatcher = dispatcher;
    this.#entries.set(key, entry);
    return entry;
  }

  /** Destroys every dispatcher and its sockets. */
  async close(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((e) => e.dispatcher.destroy().catch(() => undefined)));
  }
}
