/**
 * The contract over HTTP + server-sent events, for browser mode.
 *
 * The per-run token arrives in the URL fragment (`#token=`), which a browser
 * never sends to a server, or as a one-time code (`#code=`, what
 * `serve --open` passes to the browser) exchanged once at POST /session. It
 * is kept in sessionStorage (this tab only), removed from the address bar,
 * and sent in a header on every call, the event stream included: the server
 * trusts nothing a browser attaches by itself (cookies, the URL). EventSource
 * cannot send headers, so the stream is read with fetch.
 */
import { API_EVENTS, CODE_HEADER, contractOver, TOKEN_HEADER, toErrorPayload } from '../../../core/api';
import type { ApiArgs, ApiErrorPayload, ApiEvent, ApiMethod, ApiResult, ContractSender, GatewayDoctorEvents, Unsubscribe } from '../../../core/api';
import { ContractError, type ConnectionListener, type DashboardClient } from './types';

const TOKEN_KEY = 'gateway-doctor-token';
const RECONNECT_MS = 2_000;

type Where = Pick<Location, 'search' | 'pathname' | 'hash'>;

/** Splits `#token=…` / `#code=…` off the fragment; the rest (deep links) stays. Also accepts `#token=x#finding=y`. */
function splitFragment(hash: string): { token: string | null; code: string | null; rest: string } {
  const parts = hash.replace(/^#/, '').split(/[#&]/).filter((p) => p !== '');
  let token: string | null = null;
  let code: string | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    if (part.startsWith('token=')) token = decodeURIComponent(part.slice('token='.length));
    else if (part.startsWith('code=')) code = decodeURIComponent(part.slice('code='.length));
    else rest.push(part);
  }
  return { token, code, rest: rest.length > 0 ? `#${rest.join('&')}` : '' };
}

/**
 * Reads the token from the fragment (and then hides it) or from this tab's
 * session. A one-time code is returned separately, for `exchangeCode`.
 */
export function takeCredential(location: Where, storage: Pick<Storage, 'getItem' | 'setItem'>, history?: Pick<History, 'replaceState'>): { token: string | null; code: string | null } {
  const { token, code, rest } = splitFragment(location.hash);
  if (token !== null || code !== null) history?.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
  if (token) {
    storage.setItem(TOKEN_KEY, token);
    return { token, code: null };
  }
  const stored = storage.getItem(TOKEN_KEY);
  return { token: stored && stored !== '' ? stored : null, code: code || null };
}

/** Trades a one-time code for the token (once: a second try, by anyone, gets nothing). */
export async function exchangeCode(code: string, storage: Pick<Storage, 'setItem'>, fetcher: typeof fetch = fetch): Promise<{ token: string } | { error: string }> {
  try {
    const response = await fetcher('/session', { method: 'POST', headers: { [CODE_HEADER]: code } });
    const body = (await response.json().catch(() => null)) as { token?: unknown; message?: unknown } | null;
    if (response.ok && typeof body?.token === 'string' && body.token !== '') {
      storage.setItem(TOKEN_KEY, body.token);
      return { token: body.token };
    }
    return { error: typeof body?.message === 'string' ? body.message : 'This link could not be used.' };
  } catch {
    return { error: 'Cannot reach the Gateway Doctor server. Is `gateway-doctor serve` still running?' };
  }
}

async function toError(response: Response): Promise<ContractError> {
  try {
    const payload = (await response.json()) as Partial<ApiErrorPayload>;
    if (payload && typeof payload.message === 'string') {
      // The server scrubbed the message; the mapper keeps a code the contract knows (else internal).
      const { code, message } = toErrorPayload(payload, { scrub: (text) => text });
      return new ContractError(code, message);
    }
  } catch {
    // not JSON: fall through to a message in words
  }
  if (response.status === 401) return new ContractError('refused', 'This page has no valid token. Open the dashboard with `gateway-doctor serve --open`.');
  return new ContractError('internal', `The dashboard server answered ${response.status}.`);
}

/** Parses a server-sent event block ("event: x\ndata: y") into its name and data. */
export function parseSseBlock(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/** The server's answer for this method (it validated the argument and scrubbed the value): taken at its word, as JSON. */
async function resultOf<M extends ApiMethod>(response: Response): Promise<ApiResult<M>> {
  const value: unknown = await response.json();
  return value as ApiResult<M>;
}

const isApiEvent = (name: string): name is ApiEvent => (API_EVENTS as readonly string[]).includes(name);

/** Builds a client whose methods POST to /api/<method> and whose events come from one shared stream. */
export function createHttpClient(token: string): DashboardClient {
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<ConnectionListener>();
  let streaming = false;

  function dispatch(block: string): void {
    const parsed = parseSseBlock(block);
    if (!parsed || !isApiEvent(parsed.event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(parsed.data);
    } catch {
      return;
    }
    listeners.get(parsed.event)?.forEach((listener) => listener(payload));
  }

  /** Reads the stream until it ends, then reconnects after a pause; a refused token stops for good. */
  async function stream(): Promise<void> {
    for (;;) {
      let refused = false;
      try {
        const response = await fetch('/api/events', { headers: { [TOKEN_HEADER]: token, accept: 'text/event-stream' }, cache: 'no-store' });
        refused = response.status === 401 || response.status === 403;
        if (response.ok && response.body) {
          connectionListeners.forEach((l) => l('live'));
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value.replace(/\r\n?/g, '\n');
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch {
        // network error: reported below, then retried
      }
      connectionListeners.forEach((l) => l('lost'));
      if (refused) return;
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  function ensureStream(): void {
    if (streaming) return;
    streaming = true;
    void stream();
  }

  const send: ContractSender = async <M extends ApiMethod>(method: M, arg: ApiArgs<M>): Promise<ApiResult<M>> => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' },
        body: arg === undefined ? undefined : JSON.stringify(arg),
      });
    } catch {
      throw new ContractError('internal', 'Cannot reach the Gateway Doctor server. Is `gateway-doctor serve` still running?');
    }
    if (!response.ok) throw await toError(response);
    return resultOf<M>(response);
  };
  const on = <E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe => {
    ensureStream();
    const set = listeners.get(event) ?? new Set();
    // The stream delivers each payload to the listeners of its own event name.
    const wrapped = (payload: unknown) => listener(payload as GatewayDoctorEvents[E]);
    set.add(wrapped);
    listeners.set(event, set);
    return () => set.delete(wrapped);
  };
  const onConnection = (listener: ConnectionListener): Unsubscribe => {
    ensureStream();
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  };
  return { ...contractOver(send), on, onConnection };
}
