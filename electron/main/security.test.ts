import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from './renderer-origin';
import { hardenWebContents, SECURE_WEB_PREFERENCES, setupSecurity, withCspHeader, type SessionLike, type WebContentsLike } from './security';

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => void (openHandler = handler),
  } as unknown as WebContentsLike;
  const fire = (event: string, ...args: unknown[]) => {
    const e = { preventDefault: vi.fn() };
    emitter.emit(event, e, ...args);
    return e.preventDefault;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('webPreferences', () => {
  it('spells out the checklist settings', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false });
  });
});

describe('hardenWebContents', () => {
  it('blocks every navigation and redirect; https links go to openExternal', () => {
    const { contents, fire } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents, (url) => opened.push(url));
    expect(fire('will-navigate', 'https://code.claude.com/docs')).toHaveBeenCalled();
    expect(fire('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(fire('will-redirect', 'https://evil.example')).toHaveBeenCalled();
    expect(opened).toEqual(['https://code.claude.com/docs']);
  });

  it('denies new windows and webviews', () => {
    const { contents, fire, open } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents, (url) => opened.push(url));
    expect(open('https://docs.anthropic.com/x')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.anthropic.com/x']);
    expect(fire('will-attach-webview', {}, {})).toHaveBeenCalled();
  });
});

describe('setupSecurity', () => {
  it('hardens every new WebContents, denies permissions and adds the CSP header', () => {
    const app = new EventEmitter();
    let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
    let headers: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | null = null;
    const session: SessionLike = {
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      webRequest: { onHeadersReceived: (l) => void (headers = l) },
    };
    setupSecurity({ app: app as never, session, openExternal: () => undefined, dev: false });

    const { contents, fire } = fakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(fire('will-navigate', 'https://evil.example')).toHaveBeenCalled();

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) request!({}, permission, (g) => granted.push(g));
    expect(granted).toEqual([false, false, false, false, false]);
    expect(check!({}, 'media')).toBe(false);

    let response: { responseHeaders?: Record<string, string[] | string> } = {};
    headers!({ url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (r) => void (response = r));
    expect(response.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy(false)] });
  });

  it('withCspHeader works without headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
