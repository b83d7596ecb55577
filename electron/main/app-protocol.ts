/**
 * Serves the built dashboard over app://gateway-doctor/ (see
 * renderer-origin.ts for why). The handler is plain fetch-API code, so it is
 * tested in Node against real files; only `protocol` is Electron.
 */
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, contentSecurityPolicy, contentTypeFor, resolveAppRequest } from './renderer-origin';

/** Builds the request handler for `protocol.handle('app', ...)`. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const csp = contentSecurityPolicy(false);
  const baseHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: baseHeaders });
    }
    const file = resolveAppRequest(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: baseHeaders });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: { ...baseHeaders, 'content-type': contentTypeFor(file) },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: baseHeaders });
    }
  };
}

/** The privileges the scheme needs; must be registered before `app` is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;
