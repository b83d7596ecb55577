import type { ApiErrorPayload, GatewayDoctorClient, Unsubscribe } from '../../../core/api';

export type ConnectionState = 'connecting' | 'live' | 'lost';
export type ConnectionListener = (state: Exclude<ConnectionState, 'connecting'>) => void;

/** The contract plus, where the transport has one, a connection signal (browser mode). */
export interface DashboardClient extends GatewayDoctorClient {
  onConnection?(listener: ConnectionListener): Unsubscribe;
}

/** An error that crossed the contract: a code and a sentence. */
export class ContractError extends Error {
  constructor(
    readonly code: ApiErrorPayload['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Any thrown value, as a sentence for the user (never a stack). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof (error as { message: unknown }).message === 'string') {
    // Electron prefixes IPC errors with "Error invoking remote method 'gd:invoke:x': Error: ".
    const text = (error as { message: string }).message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
    return text.split('\n')[0] || 'Something went wrong.';
  }
  return 'Something went wrong.';
}
