/**
 * IPC over the one contract (core/api.ts): one `ipcMain.handle` per method
 * name, and the core's events forwarded to live dashboard windows.
 *
 * Electron security checklist #17 "Validate the sender of all IPC messages":
 * every handler first checks that the calling frame is our own renderer
 * (app:// origin, or the dev server in development) and the top-level frame,
 * then makes the call as the HTTP bridge does (core/contract-call.ts): the
 * shared zod schemas validate the argument before the service sees it, the
 * Redactor scrubs the value, and `toErrorPayload` maps errors.
 *
 * Replies are an envelope (`ContractReply`), `{ ok: true, value }` or
 * `{ ok: false, error: { code, message } }`, because Electron turns a thrown
 * error into a string with a stack-ish prefix; the preload unwraps it and
 * rejects with the plain `{ code, message }` object.
 */
import { API_EVENTS, API_METHODS, type ContractReply, type GatewayDoctorClient, type Unsubscribe } from '../../core/api';
import { callContract, type ContractRedactor } from '../../core/contract-call';
import { eventChannel, invokeChannel } from '../shared/channels';

export { eventChannel, invokeChannel };

/** The part of Electron's IpcMainInvokeEvent the checks read. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of ipcMain used here (the thinnest seam for tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, arg: unknown) => Promise<ContractReply>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  service: GatewayDoctorClient;
  /** True for our own renderer's URL (renderer-origin.ts isTrustedRendererUrl). */
  isTrustedSender: (url: string) => boolean;
  /** The service's Redactor: every reply value and error message passes through it before crossing. */
  redactor: ContractRedactor;
  log?: (message: string) => void;
}

/**
 * Registers one handler per API method. Returns a function that removes them
 * (used on quit and in tests).
 */
export function registerIpcHandlers(options: IpcOptions): () => void {
  const { ipcMain, service, isTrustedSender } = options;
  const { redactor } = options;
  const log = options.log ?? (() => undefined);
  for (const method of API_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, arg): Promise<ContractReply> => {
      const frame = event?.senderFrame ?? null;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
        log(`Refused IPC ${method} from an untrusted frame (${frame ? safeOrigin(frame.url) : 'no frame'}).`);
        return { ok: false, error: { code: 'refused', message: `Refused: ${method} may only be called by the Gateway Doctor dashboard.` } };
      }
      return callContract(service, method, arg, { redactor });
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    // URL.origin is "null" for app: and file: URLs; scheme and host say where the call came from.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparseable URL';
  }
}

/** A window as the event forwarder sees it. */
export interface EventTarget {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; send(channel: string, payload: unknown): void };
}

/**
 * Forwards every contract event, scrubbed by the Redactor as the HTTP
 * bridge's event stream is, to the dashboard windows that are alive at that
 * moment (there is at most one, and often none).
 */
export function forwardEvents(service: Pick<GatewayDoctorClient, 'on'>, liveWindows: () => EventTarget[], redactor: ContractRedactor): Unsubscribe {
  const unsubscribers = API_EVENTS.map((event) =>
    service.on(event, (payload) => {
      const windows = liveWindows().filter((win) => !win.isDestroyed() && !win.webContents.isDestroyed());
      if (windows.length === 0) return;
      const scrubbed = redactor.scrubDeep(payload);
      for (const win of windows) win.webContents.send(eventChannel(event), scrubbed);
    }),
  );
  return () => unsubscribers.forEach((off) => off());
}
