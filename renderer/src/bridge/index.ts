/**
 * Picks the transport once: the Electron preload's `window.gatewayDoctor`
 * when present, otherwise HTTP + SSE (browser mode). Everything else in the
 * renderer sees only the contract.
 */
import type { GatewayDoctorClient } from '../../../core/api';
import { createHttpClient, takeToken } from './http-client';
import type { DashboardClient } from './types';

declare global {
  interface Window {
    gatewayDoctor?: GatewayDoctorClient;
  }
}

let client: DashboardClient | null = null;

export function getClient(): DashboardClient {
  if (client) return client;
  if (window.gatewayDoctor) {
    client = window.gatewayDoctor;
  } else {
    client = createHttpClient(takeToken(window.location, window.sessionStorage, window.history));
  }
  return client;
}

export { ContractError, errorMessage } from './types';
export type { DashboardClient, ConnectionState } from './types';
