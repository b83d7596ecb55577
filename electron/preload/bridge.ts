/**
 * Builds `window.gatewayDoctor`: exactly one async function per contract
 * method, plus `on(event, listener)`. Nothing else crosses.
 *
 * Electron security checklist #20 "Do not expose Electron APIs to untrusted
 * web content": ipcRenderer and IpcRendererEvent objects never reach the
 * page; listeners receive the payload only, and only for contract events.
 */
import { API_EVENTS, API_METHODS, toErrorPayload, type ApiErrorPayload, type ApiEvent, type ContractReply, type GatewayDoctorClient, type GatewayDoctorEvents, type Unsubscribe } from '../../core/api';
import { eventChannel, invokeChannel } from '../shared/channels';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Main scrubbed the message with the service's Redactor before it crossed; the preload knows no secrets. */
const scrubbedInMain = { scrub: (text: string) => text };

/** Unwraps main's reply; failures reject with a plain `{ code, message }` (it survives contextBridge intact). */
function unwrap(reply: unknown): unknown {
  const r = reply as ContractReply | null;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false && r.error && typeof r.error.message === 'string') throw toErrorPayload(r.error, scrubbedInMain);
  throw { code: 'internal', message: 'Gateway Doctor returned an unexpected reply.' } satisfies ApiErrorPayload;
}

export function createBridge(ipcRenderer: IpcRendererLike): GatewayDoctorClient {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    // Only the first argument is forwarded: the contract takes at most one plain object.
    api[method] = (arg?: unknown) => ipcRenderer.invoke(invokeChannel(method), arg).then(unwrap);
  }
  api.on = <E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe => {
    if (!(API_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}". Known: ${API_EVENTS.join(', ')}.`);
    if (typeof listener !== 'function') throw new Error('on(event, listener): listener must be a function.');
    const channel = eventChannel(event);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as GatewayDoctorEvents[E]);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
  return api as unknown as GatewayDoctorClient;
}
