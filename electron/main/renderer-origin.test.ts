import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol';
import { contentSecurityPolicy, dashboardUrl, isTrustedRendererUrl, resolveAppRequest } from './renderer-origin';

describe('isTrustedRendererUrl', () => {
  it('trusts the app:// origin and, in dev, the dev server origin only', () => {
    expect(isTrustedRendererUrl('app://gateway-doctor/index.html#finding=x')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/out/renderer/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://code.claude.com/')).toBe(false);
    expect(isTrustedRendererUrl('data:text/html,hi')).toBe(false);
    expect(isTrustedRendererUrl('')).toBe(false);
    expect(isTrustedRendererUrl(undefined)).toBe(false);
  });
});

describe('dashboardUrl', () => {
  it('points at app:// in production and the dev server in dev, with the hash route', () => {
    expect(dashboardUrl({})).toBe('app://gateway-doctor/index.html');
    expect(dashboardUrl({ hash: 'finding=tls-expired' })).toBe('app://gateway-doctor/index.html#finding=tls-expired');
    expect(dashboardUrl({ devServerUrl: 'http://localhost:5173', hash: 'profiles' })).toBe('http://localhost:5173/#profiles');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts in production', () => {
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("connect-src 'self'");
  });
});

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gd-renderer-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>dash</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('resolves only paths inside the renderer folder', () => {
    const root = join(dir, 'renderer');
    expect(resolveAppRequest(root, 'app://gateway-doctor/')).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://gateway-doctor/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppRequest(root, 'app://gateway-doctor/../secret.txt')).not.toBe(join(dir, 'secret.txt'));
    // The URL parser folds dot segments (even encoded ones) at the root: they stay inside.
    expect(resolveAppRequest(root, 'app://gateway-doctor/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppRequest(root, 'app://gateway-doctor/assets%2f..%2f..%2fsecret.txt')).toBeNull();
    expect(resolveAppRequest(root, 'app://gateway-doctor/a%00b')).toBeNull();
    expect(resolveAppRequest(root, 'app://gateway-doctor/%E0%A4%A')).toBeNull();
    expect(resolveAppRequest(root, 'app://other/index.html')).toBeNull();
  });

  it('serves files with the CSP header and refuses traversal and writes', async () => {
    const handle = createAppProtocolHandler(join(dir, 'renderer'));
    const page = await handle(new Request('app://gateway-doctor/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false));
    expect(await page.text()).toContain('<title>dash</title>');
    const script = await handle(new Request('app://gateway-doctor/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escape = await handle(new Request('app://gateway-doctor/%2e%2e/secret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('outside');
    expect((await handle(new Request('app://gateway-doctor/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://gateway-doctor/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
