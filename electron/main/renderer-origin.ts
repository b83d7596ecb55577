/**
 * Where the dashboard comes from, and who counts as "our renderer".
 *
 * Electron security checklist #18 "Avoid usage of the file:// protocol":
 * the built dashboard is served from a custom `app://gateway-doctor/`
 * protocol, so the page has a real origin, `'self'` in the CSP means only
 * our bundle, and the response carries the CSP as an HTTP header (#7).
 * In development the electron-vite dev server URL is the other trusted origin.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'gateway-doctor';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Electron security checklist #7 "Define a Content Security Policy". All
 * network traffic happens in the main process, so the page may load nothing
 * but its own bundle. Development adds what Vite's HMR needs (inline React
 * refresh preamble, websocket).
 */
export function contentSecurityPolicy(dev = false): string {
  const script = dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'";
  const connect = dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'";
  return [
    "default-src 'none'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    connect,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The URL of the dashboard, optionally at a deep link built by shared/deep-link.ts ("finding=<id>", "view=profiles"…). */
export function dashboardUrl(options: { devServerUrl?: string | null; hash?: string }): string {
  const base = options.devServerUrl ? options.devServerUrl.replace(/\/?$/, '/') : `${APP_ORIGIN}/index.html`;
  return options.hash ? `${base}#${options.hash}` : base;
}

/**
 * True when a frame URL is our own renderer: the app:// origin, or the dev
 * server's origin when one is configured. Anything else (a navigated-away
 * page, a data: URL, an iframe from elsewhere) is refused.
 */
export function isTrustedRendererUrl(url: string | undefined | null, devServerUrl?: string | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
    } catch {
      return false;
    }
  }
  return false;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request URL to a file inside the renderer folder, or null
 * when it points elsewhere (another host, `..` traversal, encoded separators,
 * NUL bytes). "/" serves index.html.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return target;
}
