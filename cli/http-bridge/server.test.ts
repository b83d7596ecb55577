import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import { API_EVENTS, ApiError, type ApiEvent, type GatewayDoctorClient, type GatewayDoctorEvents } from '../../core/api';
import { CONTENT_SECURITY_POLICY, startHttpBridge, type HttpBridge } from './server';
import { CANARY } from '../../core/testing/fixtures';


/** The thinnest seam: a client that records calls and lets the test emit events. */
function fakeClient() {
  const calls: Array<{ method: string; arg: unknown }> = [];
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const record =
    (method: string, result: unknown = { ok: true }) =>
    async (arg?: unknown) => {
      calls.push({ method, arg });
      return result;
    };
  const client = {
    getSnapshot: record('getSnapshot', { hello: 'snapshot' }),
    getReport: record('getReport', { markdown: `# report ${CANARY} via https://alice:hunter2@gw.example` }),
    getStatus: record('getStatus'),
    checkNow: record('checkNow'),
    getHistory: record('getHistory'),
    explainError: record('explainError', { matched: false }),
    planFix: async (arg: { findingId: string }) => {
      calls.push({ method: 'planFix', arg });
      if (arg.findingId === 'nope') throw new ApiError('not-found', 'No finding "nope" is active.');
      if (arg.findingId === 'leaky') throw new Error(`the gateway refused ${CANARY}`);
      throw new Error('disk on fire\n    at Object.<anonymous> (/secret/path.ts:1:1)');
    },
    planSwitch: record('planSwitch'),
    applyPlan: record('applyPlan'),
    undoChange: record('undoChange'),
    listChanges: record('listChanges', []),
    listProfiles: record('listProfiles', []),
    findProfile: record('findProfile', null),
    getMode: record('getMode'),
    saveProfile: record('saveProfile'),
    removeProfile: record('removeProfile'),
    getPreferences: record('getPreferences'),
    setPreferences: record('setPreferences'),
    snooze: record('snooze'),
    on<E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } as unknown as GatewayDoctorClient;
  const emit = (event: ApiEvent, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { client, calls, emit, listenerCount };
}

/** Raw request, so tests can set Host and Origin headers freely. */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolveReq, rejectReq) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReq({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', rejectReq);
    req.end(options.body);
  });
}

let dir: string;
let bridge: HttpBridge;
let fake: ReturnType<typeof fakeClient>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gd-bridge-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Gateway Doctor</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(join(dir, 'outside.txt'), 'top secret');
  fake = fakeClient();
  const redactor = new Redactor();
  redactor.add(CANARY);
  bridge = await startHttpBridge({ client: fake.client, redactor, staticDir });
});

afterEach(async () => {
  await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

const api = (method: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${bridge.port}/api/${method}`, {
    method: 'POST',
    headers: { 'x-gateway-doctor-token': bridge.token, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('startHttpBridge', () => {
  it('binds loopback and prints a URL carrying a 64-hex-character token in the fragment (never sent to a server)', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the token only in the header: not from a cookie, the query string, or an empty header', async () => {
    const paths = ['/api/getSnapshot', `/api/getSnapshot?token=${bridge.token}`];
    for (const path of paths) {
      for (const headers of [{} as Record<string, string>, { cookie: `gd_token_${bridge.port}=${bridge.token}` }, { 'x-gateway-doctor-token': '' }]) {
        const res = await raw(bridge.port, { method: 'POST', path, headers: { host: `127.0.0.1:${bridge.port}`, ...headers } });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.body).toContain('gateway-doctor serve --open');
      }
    }
    const stream = await raw(bridge.port, { path: `/api/events?token=${bridge.token}`, headers: { host: `127.0.0.1:${bridge.port}`, cookie: `gd_token_${bridge.port}=${bridge.token}` } });
    expect(stream.status).toBe(401);
    expect(fake.calls).toEqual([]);
    expect(fake.listenerCount()).toBe(0);
  });

  it('sets no cookie, and serves the page without a token (it holds no data)', async () => {
    const page = await fetch(`http://127.0.0.1:${bridge.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('refuses requests the browser marks as cross-site or cross-port, even with the token', async () => {
    for (const site of ['same-site', 'cross-site', 'none']) {
      const res = await api('getSnapshot', undefined, { 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
    }
    const otherPort = await api('getSnapshot', undefined, { origin: `http://127.0.0.1:${bridge.port + 1}` });
    expect(otherPort.status).toBe(403);
    expect(fake.calls).toEqual([]);
    const same = await api('getSnapshot', undefined, { 'sec-fetch-site': 'same-origin', origin: `http://127.0.0.1:${bridge.port}` });
    expect(same.status).toBe(200);
  });

  it('exchanges a one-time code once for the token; a used, unknown or empty code gets nothing', async () => {
    const url = bridge.oneTimeUrl();
    expect(url).not.toContain(bridge.token);
    const code = url.split('#code=')[1];
    const exchange = (value: string, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${bridge.port}/session`, { method: 'POST', headers: { 'x-gateway-doctor-code': value, ...headers } });
    expect((await exchange(code, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const first = await exchange(code);
    expect(await first.json()).toEqual({ token: bridge.token });
    const again = await exchange(code);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ message: expect.stringContaining('already used') });
    expect((await exchange('')).status).toBe(401);
    expect((await exchange('f'.repeat(48))).status).toBe(401);
  });

  it('passes replies, errors and events through the Redactor (known secrets and URL passwords)', async () => {
    const report = await (await api('getReport')).text();
    expect(report).not.toContain(CANARY);
    expect(report).not.toContain('hunter2');
    expect(report).toContain('••••4068');
    const error = await (await api('planFix', { findingId: 'leaky' })).text();
    expect(error).not.toContain(CANARY);
    expect(error).toContain('the gateway refused');
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${bridge.port}/api/events`, { headers: { 'x-gateway-doctor-token': bridge.token }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    fake.emit('notify', { kind: 'down', title: `Gateway down: ${CANARY} at https://bob:pw@gw.example` });
    while (!text.includes('event: notify')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(':pw@');
    expect(text).toContain('https://bob:••••@gw.example');
  });

  it('calls the method with the validated argument and returns its JSON', async () => {
    const res = await api('explainError', { text: 'API Error: 401' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ matched: false });
    expect(fake.calls).toEqual([{ method: 'explainError', arg: { text: 'API Error: 401' } }]);
  });

  it('accepts an empty body for methods without arguments', async () => {
    const res = await api('getSnapshot');
    expect(await res.json()).toEqual({ hello: 'snapshot' });
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    const none = await fetch(`http://127.0.0.1:${bridge.port}/api/getSnapshot`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'refused' });
    const wrong = await api('getSnapshot', undefined, { 'x-gateway-doctor-token': 'a'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost (DNS rebinding)', async () => {
    const evil = await raw(bridge.port, { path: '/', headers: { host: `evil.example:${bridge.port}` } });
    expect(evil.status).toBe(421);
    const evilApi = await raw(bridge.port, { method: 'POST', path: '/api/getSnapshot', headers: { host: `evil.example:${bridge.port}`, 'x-gateway-doctor-token': bridge.token } });
    expect(evilApi.status).toBe(421);
    const localhost = await raw(bridge.port, { path: '/', headers: { host: `localhost:${bridge.port}` } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a cross-origin POST even with the token', async () => {
    const res = await raw(bridge.port, {
      method: 'POST',
      path: '/api/getSnapshot',
      headers: { host: `127.0.0.1:${bridge.port}`, origin: 'http://evil.example', 'x-gateway-doctor-token': bridge.token },
    });
    expect(res.status).toBe(403);
    const same = await raw(bridge.port, {
      method: 'POST',
      path: '/api/getSnapshot',
      headers: { host: `127.0.0.1:${bridge.port}`, origin: `http://127.0.0.1:${bridge.port}`, 'x-gateway-doctor-token': bridge.token },
    });
    expect(same.status).toBe(200);
    expect(fake.calls.map((c) => c.method)).toEqual(['getSnapshot']);
  });

  it('answers 404 for a name outside the contract and 405 for GET on a method', async () => {
    const unknown = await api('deleteEverything', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'not-found', message: 'Unknown method "deleteEverything".' });
    const get = await fetch(`http://127.0.0.1:${bridge.port}/api/getSnapshot`, { headers: { 'x-gateway-doctor-token': bridge.token } });
    expect(get.status).toBe(405);
  });

  it('answers 400 naming the field for bad arguments, unknown fields and bad JSON', async () => {
    const wrongType = await api('getHistory', { range: 'forever' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ message: expect.stringContaining('range') });
    const extra = await api('applyPlan', { planId: 'p1', sneaky: true });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ message: expect.stringContaining('sneaky') });
    const badJson = await fetch(`http://127.0.0.1:${bridge.port}/api/applyPlan`, {
      method: 'POST',
      headers: { 'x-gateway-doctor-token': bridge.token, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(badJson.status).toBe(400);
    const interval = await api('setPreferences', { livenessIntervalSec: 1 });
    expect(interval.status).toBe(400);
    expect(fake.calls).toEqual([]);
  });

  it('refuses a body over 1 MiB', async () => {
    const res = await api('explainError', { text: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
  });

  it('maps core errors to status codes with a message in words and never a stack', async () => {
    const notFound = await api('planFix', { findingId: 'nope' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ code: 'not-found', message: 'No finding "nope" is active.' });
    const crash = await api('planFix', { findingId: 'boom' });
    expect(crash.status).toBe(500);
    const body = await crash.text();
    expect(JSON.parse(body)).toEqual({ code: 'internal', message: 'disk on fire' });
    expect(body).not.toContain('/secret/path.ts');
  });

  it('streams events as server-sent events and unsubscribes when the client leaves', async () => {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${bridge.port}/api/events`, { headers: { 'x-gateway-doctor-token': bridge.token }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');
    expect(fake.listenerCount()).toBe(API_EVENTS.length);
    // It starts with the current snapshot: a change made before the stream existed is not lost.
    while (!text.includes('event: snapshot')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: snapshot\ndata: {"hello":"snapshot"}\n\n');
    fake.emit('notify', { kind: 'down', title: 'Gateway down' });
    while (!text.includes('event: notify')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: notify\ndata: {"kind":"down","title":"Gateway down"}\n\n');
    controller.abort();
    await expect.poll(() => fake.listenerCount()).toBe(0);
  });

  it('serves static files with content types and the security headers', async () => {
    const page = await fetch(`http://127.0.0.1:${bridge.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = await fetch(`http://127.0.0.1:${bridge.port}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`http://127.0.0.1:${bridge.port}/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('never serves a file outside the static folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e%2f%2e%2e%2foutside.txt', '/..%5coutside.txt']) {
      const res = await raw(bridge.port, { path, headers: { host: `127.0.0.1:${bridge.port}` } });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('top secret');
    }
  });
});
