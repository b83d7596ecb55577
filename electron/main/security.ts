/**
 * Electron security checklist, applied in one place
 * (https://www.electronjs.org/docs/latest/tutorial/security). Each rule
 * names the checklist item it implements. Only thin Electron-shaped
 * interfaces are used, so the rules are unit tested with fakes.
 */
import { contentSecurityPolicy } from './renderer-origin';

/**
 * The dashboard window's webPreferences, written out even where they match
 * Electron's defaults so a reviewer (and electronegativity) sees them.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true, // #3 Enable context isolation
  sandbox: true, // #4 Enable process sandboxing
  nodeIntegration: false, // #2 Do not enable Node.js integration for remote content
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true, // #6 Do not disable webSecurity
  allowRunningInsecureContent: false, // #8 Do not enable allowRunningInsecureContent
  experimentalFeatures: false, // #9 Do not enable experimental features
  disableBlinkFeatures: 'Auxclick', // middle-click must not open a window
  webviewTag: false, // #11 Do not use <webview>
  navigateOnDragDrop: false, // #13 a dropped file must not replace the dashboard
  spellcheck: false, // nothing typed here needs a spellchecker calling home
  safeDialogs: true,
} as const;

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of WebContents hardened here. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Checklist #13 "Disable or limit navigation" and #14 "Disable or limit
 * creation of new windows": the dashboard never navigates away and never
 * opens a window. An allow-listed https link goes to the browser through
 * openExternal (#15); anything else is dropped.
 * Checklist #12 "Verify WebView options before creation": no webview at all.
 */
export function hardenWebContents(contents: WebContentsLike, openExternal: (url: string) => void): void {
  const refuse = (event: PreventableEvent, url: string) => {
    event.preventDefault();
    if (/^https:/i.test(url)) openExternal(url);
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', (event: PreventableEvent) => event.preventDefault());
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:/i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

type ResponseHeaders = Record<string, string[] | string>;

export interface SessionLike {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(listener: (details: { url: string; responseHeaders?: ResponseHeaders }, callback: (response: { responseHeaders?: ResponseHeaders; cancel?: boolean }) => void) => void): void;
  };
}

/** Adds the CSP header to a response, replacing any CSP the server sent. */
export function withCspHeader(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const next: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') next[name] = value;
  }
  next['Content-Security-Policy'] = [csp];
  return next;
}

/**
 * Installs the app-wide rules. Call once, when the app is ready, before any
 * window exists.
 */
export function setupSecurity(options: { app: AppLike; session: SessionLike; openExternal: (url: string) => void; dev: boolean }): void {
  const { app, session, openExternal, dev } = options;
  // #12/#13/#14 for every WebContents the app ever creates, including ones we did not expect.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  // #5 "Handle session permission requests from remote content": the dashboard needs none.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // #7 "Define a Content Security Policy": app:// responses carry it already
  // (app-protocol.ts); this covers the dev server and anything else loaded over http(s).
  const csp = contentSecurityPolicy(dev);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}
