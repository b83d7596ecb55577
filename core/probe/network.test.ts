import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from '../../test-gateway/certs';
import { startTestProxy, type TestProxy } from '../../test-gateway/proxy';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import type { HostContext } from '../ports';
import type { LookupFunction } from './connection-pool';
import { createProber } from './index';
import { CANARY, makeResolved, makeTempHost } from '../testing/fixtures';

let host: HostContext;
let cleanupHost: () => Promise<void>;
let certs: TestCertificates;
let tlsGateway: TestGateway;

beforeAll(async () => {
  ({ host, cleanup: cleanupHost } = await makeTempHost());
  certs = await createTestCertificates();
  tlsGateway = await startTestGateway({ tls: { certPem: certs.certPem, keyPem: certs.keyPem, caPem: certs.caPem } });
});

afterAll(async () => {
  await tlsGateway.close();
  await certs.cleanup();
  await cleanupHost();
});

describe('TLS', () => {
  it('a certificate from an unknown CA is tls-untrusted, naming the certificate', async () => {
    const prober = createProber({ host });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: tlsGateway.url, authToken: CANARY }), { kind: 'message' });
      expect(report.outcome).toBe('down');
      const finding = report.findings.find((f) => f.id === 'tls-untrusted');
      expect(finding?.detail).toContain('gateway.test');
      expect(finding?.fix).toContain('NODE_EXTRA_CA_CERTS');
      expect(report.tls?.authorized).toBe(false);
      expect(tlsGateway.requests).toHaveLength(0); // nothing was sent over the untrusted connection
    } finally {
      await prober.close();
    }
  });

  it('with NODE_EXTRA_CA_CERTS the same gateway is healthy, with subject, issuer, expiry and TLS timing', async () => {
    const prober = createProber({ host });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: tlsGateway.url, authToken: CANARY, network: { extraCaPath: certs.caPath } }), { kind: 'message' });
      expect(report.outcome).toBe('healthy');
      expect(report.tls).toMatchObject({ subject: 'gateway.test', issuer: 'Gateway Doctor Test CA', authorized: true });
      expect(report.tls!.daysToExpiry).toBeGreaterThan(300);
      expect(report.timings.tlsMs).not.toBeNull();
      expect(report.findings.map((f) => f.id)).not.toContain('tls-cert-expiring');
    } finally {
      await prober.close();
    }
  });

  it('a certificate expiring within 14 days is tls-cert-expiring', async () => {
    const soon = await createTestCertificates({ days: 5 });
    const gw = await startTestGateway({ tls: { certPem: soon.certPem, keyPem: soon.keyPem } });
    const prober = createProber({ host });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: gw.url, authToken: CANARY, network: { extraCaPath: soon.caPath } }), { kind: 'liveness' });
      expect(report.outcome).toBe('healthy');
      expect(report.findings.find((f) => f.id === 'tls-cert-expiring')?.detail).toMatch(/expires in [45] day/);
    } finally {
      await prober.close();
      await gw.close();
      await soon.cleanup();
    }
  });
});

describe('proxy', () => {
  let proxy: TestProxy;
  let plain: TestGateway;
  beforeAll(async () => {
    proxy = await startTestProxy();
    plain = await startTestGateway();
  });
  afterAll(async () => {
    await proxy.close();
    await plain.close();
  });

  it('tunnels through HTTPS_PROXY with CONNECT, also to a TLS gateway', async () => {
    const prober = createProber({ host });
    try {
      const network = { proxy: { url: proxy.url, variable: 'HTTPS_PROXY', valid: true } };
      const viaHttp = await prober.probe(makeResolved({ baseUrl: plain.url, authToken: CANARY, network }), { kind: 'message' });
      expect(viaHttp.outcome).toBe('healthy');
      const viaTls = await prober.probe(makeResolved({ baseUrl: tlsGateway.url, authToken: CANARY, network: { ...network, extraCaPath: certs.caPath } }), { kind: 'message' });
      expect(viaTls.outcome).toBe('healthy');
      expect(viaTls.tls?.subject).toBe('gateway.test');
      expect(proxy.targets).toEqual(expect.arrayContaining([`127.0.0.1:${plain.port}`, `127.0.0.1:${tlsGateway.port}`]));
    } finally {
      await prober.close();
    }
  });

  it('NO_PROXY bypasses the proxy for matching hosts', async () => {
    const prober = createProber({ host });
    const before = proxy.targets.length;
    try {
      const report = await prober.probe(
        makeResolved({ baseUrl: plain.url, authToken: CANARY, network: { proxy: { url: proxy.url, variable: 'HTTPS_PROXY', valid: true }, noProxy: 'example.com, 127.0.0.1' } }),
        { kind: 'message' },
      );
      expect(report.outcome).toBe('healthy');
      expect(proxy.targets.length).toBe(before);
    } finally {
      await prober.close();
    }
  });

  it('a proxy that refuses connections is proxy-invalid, naming the variable', async () => {
    const dead = await startTestProxy();
    await dead.close();
    const prober = createProber({ host });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: plain.url, authToken: CANARY, network: { proxy: { url: dead.url, variable: 'https_proxy', valid: true } } }), { kind: 'message' });
      expect(report.outcome).toBe('down');
      const finding = report.findings.find((f) => f.id === 'proxy-invalid');
      expect(finding?.detail).toContain('https_proxy');
    } finally {
      await prober.close();
    }
  });
});

describe('DNS (a lookup stand-in: no real DNS query leaves the machine)', () => {
  const lookupWith =
    (code: string | null): LookupFunction =>
    ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
      const cb = typeof options === 'function' ? (options as typeof callback) : callback;
      setTimeout(() => {
        if (code) {
          const err = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
          cb(err);
        } else if ((options as { all?: boolean })?.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
        else cb(null, '127.0.0.1', 4);
      }, 5);
    }) as unknown as LookupFunction;

  it('measures the lookup, and a host name that resolves works', async () => {
    const gw = await startTestGateway();
    const prober = createProber({ host, lookup: lookupWith(null) });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: `http://gateway.test:${gw.port}`, authToken: CANARY }), { kind: 'message' });
      expect(report.outcome).toBe('healthy');
      expect(report.timings.dnsMs).toBeGreaterThan(0);
    } finally {
      await prober.close();
      await gw.close();
    }
  });

  it('ENOTFOUND for the gateway host is gateway-dns-failed (down), not offline', async () => {
    const prober = createProber({ host, lookup: lookupWith('ENOTFOUND') });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: 'https://llm-gateway.corp.test', authToken: CANARY }), { kind: 'message' });
      expect(report.outcome).toBe('down');
      expect(report.findings.map((f) => f.id)).toEqual(['gateway-dns-failed']);
    } finally {
      await prober.close();
    }
  });

  it('EAI_AGAIN (no resolver reachable) is offline', async () => {
    const prober = createProber({ host, lookup: lookupWith('EAI_AGAIN') });
    try {
      const report = await prober.probe(makeResolved({ baseUrl: 'https://llm-gateway.corp.test', authToken: CANARY }), { kind: 'liveness' });
      expect(report.outcome).toBe('offline');
      expect(report.findings.map((f) => f.id)).toEqual(['offline']);
    } finally {
      await prober.close();
    }
  });
});

describe('mTLS', () => {
  it('presents the client certificate and key from CLAUDE_CODE_CLIENT_CERT / _KEY', async () => {
    const https = await import('node:https');
    const server = https.createServer({ cert: certs.certPem, key: certs.keyPem, ca: certs.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'msg_mtls', type: 'message', content: [{ type: 'text', text: peer.subject?.CN ?? '' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as import('node:net').AddressInfo).port;
    await writeFile(join(certs.dir, 'client-cert.pem'), certs.certPem);
    await writeFile(join(certs.dir, 'client-key.pem'), certs.keyPem);
    const prober = createProber({ host });
    try {
      const base = makeResolved({ baseUrl: `https://127.0.0.1:${port}`, authToken: CANARY, network: { extraCaPath: certs.caPath } });
      const without = await prober.probe(base, { kind: 'message', timeoutMs: 3000 });
      expect(without.outcome).toBe('down');
      const withCert = await prober.probe(
        makeResolved({
          baseUrl: `https://127.0.0.1:${port}`,
          authToken: CANARY,
          network: { extraCaPath: certs.caPath, clientCertPath: join(certs.dir, 'client-cert.pem'), clientKeyPath: join(certs.dir, 'client-key.pem') },
        }),
        { kind: 'message', timeoutMs: 3000 },
      );
      expect(withCert.outcome).toBe('healthy');
    } finally {
      await prober.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
