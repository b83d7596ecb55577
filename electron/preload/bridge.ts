/**
 * Builds `window.gatewayDoctor`: exactly one async function per contract
 * method, plus `on(event, listener)`. Nothing else crosses.
 *
 * Electron security checklist #20 "Do not expose Electron APIs to untrusted
 * web content": ipcRenderer and IpcRendererEvent objects never reach the
 * page; listeners receive the payload only, and only for contract events.
 */
import { API_EVENTS, contractOver, toErrorPayload, type ApiErrorPayload, type ApiArgs, type ApiEvent, type ApiMethod, type ApiResult, type ContractReply, type ContractSender, type GatewayDoctorClient, type GatewayDoctorEvents, type Unsubscribe } from '../../core/api';
import { eventChannel, invokeChannel } from '../shared/channels';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Main scrubbed the message with the service's Redactor before it crossed; the preload knows no secrets. */
const scrubbedInMain = { scrub: (text: string) => text };

/**
 * Unwraps main's reply; failures reject with a plain `{ code, message }` (it
 * survives contextBridge intact). A value is what main's service returned for
 * this method, validated and scrubbed there: the one place the preload takes
 * the other side of the contract at its word.
 */
function unwrap<M extends ApiMethod>(reply: unknown): ApiResult<M> {
  const r = reply as ContractReply | null;
  if (r && r.ok === true) return r.value as ApiResult<M>;
  if (r && r.ok === false && r.error && typeof r.error.message === 'string') throw toErrorPayload(r.error, scrubbedInMain);
  throw { code: 'internal', message: 'Gateway Doctor returned an unexpected reply.' } satisfies ApiErrorPayload;
}

export function createBridge(ipcRenderer: IpcRendererLike): GatewayDoctorClient {
  // Only the first argument is forwarded: the contract takes at most one plain object.
  const send: ContractSender = <M extends ApiMethod>(method: M, arg: ApiArgs<M>) => ipcRenderer.invoke(invokeChannel(method), arg).then((reply) => unwrap<M>(reply));
  const on = <E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe => {
    if (!(API_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}". Known: ${API_EVENTS.join(', ')}.`);
    if (typeof listener !== 'function') throw new Error('on(event, listener): listener must be a function.');
    const channel = eventChannel(event);
    // The payload is the event main forwarded on this event's own channel.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as GatewayDoctorEvents[E]);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
  return { ...contractOver(send), on };
}
