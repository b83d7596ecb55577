/**
 * The contract over HTTP + server-sent events, for browser mode. The per-run
 * token arrives once in the address bar (`?token=`); it is kept in
 * sessionStorage and removed from the visible URL so it is not shared by
 * copy-paste or kept in history.
 */
import { API_EVENTS, API_METHODS } from '../../../core/api';
import type { ApiErrorPayload, ApiEvent, GatewayDoctorClient, GatewayDoctorEvents, Unsubscribe } from '../../../core/api';
import { ContractError, type ConnectionListener, type DashboardClient } from './types';

const TOKEN_KEY = 'gateway-doctor-token';
const TOKEN_HEADER = 'x-gateway-doctor-token';

/** Reads the token from the address bar (and then hides it) or from the session. */
export function takeToken(location: Pick<Location, 'search' | 'pathname' | 'hash'>, storage: Pick<Storage, 'getItem' | 'setItem'>, history?: Pick<History, 'replaceState'>): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    history?.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

async function toError(response: Response): Promise<ContractError> {
  try {
    const payload = (await response.json()) as Partial<ApiErrorPayload>;
    if (payload && typeof payload.message === 'string') return new ContractError(payload.code ?? 'internal', payload.message);
  } catch {
    // not JSON: fall through to a message in words
  }
  if (response.status === 401) return new ContractError('refused', 'This page has no valid token. Open the URL that `gateway-doctor serve` printed.');
  return new ContractError('internal', `The dashboard server answered ${response.status}.`);
}

/** Builds a client whose methods POST to /api/<method> and whose events come from one shared EventSource. */
export function createHttpClient(token: string | null): DashboardClient {
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<ConnectionListener>();
  let source: EventSource | null = null;

  function ensureSource(): void {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
    source.onopen = () => connectionListeners.forEach((l) => l('live'));
    source.onerror = () => connectionListeners.forEach((l) => l('lost'));
    for (const event of API_EVENTS) {
      source.addEventListener(event, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        listeners.get(event)?.forEach((listener) => listener(payload));
      });
    }
  }

  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    client[method] = async (arg?: unknown) => {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: token ?? '', 'content-type': 'application/json' },
          body: arg === undefined ? undefined : JSON.stringify(arg),
        });
      } catch {
        throw new ContractError('internal', 'Cannot reach the Gateway Doctor server. Is `gateway-doctor serve` still running?');
      }
      if (!response.ok) throw await toError(response);
      return response.json();
    };
  }
  client.on = <E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe => {
    ensureSource();
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  };
  client.onConnection = (listener: ConnectionListener): Unsubscribe => {
    ensureSource();
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  };
  return client as unknown as GatewayDoctorClient & DashboardClient;
}
