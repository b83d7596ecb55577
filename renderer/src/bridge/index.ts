/**
 * Picks the transport once: the Electron preload's `window.gatewayDoctor`
 * when present, otherwise HTTP + SSE (browser mode), which needs this run's
 * token (see http-client.ts). Everything else in the renderer sees only the
 * contract.
 */
import type { GatewayDoctorClient } from '../../../core/api';
import { createHttpClient, exchangeCode, takeCredential } from './http-client';
import type { DashboardClient } from './types';

declare global {
  interface Window {
    gatewayDoctor?: GatewayDoctorClient;
  }
}

/** A client, or why this tab has none (browser mode opened without its token). */
export type Connection = { client: DashboardClient } | { noToken: string };

export async function openClient(): Promise<Connection> {
  if (window.gatewayDoctor) return { client: window.gatewayDoctor };
  const { token, code } = takeCredential(window.location, window.sessionStorage, window.history);
  if (token) return { client: createHttpClient(token) };
  if (code) {
    const exchanged = await exchangeCode(code, window.sessionStorage);
    return 'token' in exchanged ? { client: createHttpClient(exchanged.token) } : { noToken: exchanged.error };
  }
  return { noToken: 'This tab was opened without the link that lets it talk to Gateway Doctor.' };
}

export { ContractError, errorMessage } from './types';
export type { DashboardClient, ConnectionState } from './types';
