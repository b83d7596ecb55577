/**
 * IPC over the one contract (core/api.ts): one `ipcMain.handle` per method
 * name, and the core's events forwarded to live dashboard windows.
 *
 * Electron security checklist #17 "Validate the sender of all IPC messages":
 * every handler first checks that the calling frame is our own renderer
 * (app:// origin, or the dev server in development) and the top-level frame,
 * then validates the argument with the shared zod schemas (core/validation.ts)
 * before the service sees it.
 *
 * Replies are an envelope, `{ ok: true, value }` or `{ ok: false, error:
 * { code, message } }`, because Electron turns a thrown error into a string
 * with a stack-ish prefix; the preload unwraps it and rejects with the plain
 * `{ code, message }` object.
 */
import { API_EVENTS, API_METHODS, type ApiErrorPayload, type ApiMethod, type GatewayDoctorClient, type Unsubscribe } from '../../core/api';
import { validateApiArgs, type ArgCheck } from '../../core/validation';
import { eventChannel, invokeChannel } from '../shared/channels';

export { eventChannel, invokeChannel };

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorPayload };

/** The part of Electron's IpcMainInvokeEvent the checks read. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of ipcMain used here (the thinnest seam for tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, arg: unknown) => Promise<IpcReply>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  service: GatewayDoctorClient;
  /** True for our own renderer's URL (renderer-origin.ts isTrustedRendererUrl). */
  isTrustedSender: (url: string) => boolean;
  /** Defaults to the shared contract schemas. */
  validate?: (method: ApiMethod, arg: unknown) => ArgCheck;
  /** Scrubs known secrets from error messages before they cross. */
  scrub?: (text: string) => string;
  log?: (message: string) => void;
}

/** Turns anything thrown by the service into a one-line `{ code, message }`. */
export function toErrorPayload(error: unknown, scrub: (text: string) => string = (t) => t): ApiErrorPayload {
  const maybe = error as { code?: unknown; message?: unknown } | null;
  const codes: ReadonlyArray<ApiErrorPayload['code']> = ['bad-request', 'not-found', 'conflict', 'refused', 'internal'];
  const code = typeof maybe?.code === 'string' && (codes as readonly string[]).includes(maybe.code) ? (maybe.code as ApiErrorPayload['code']) : 'internal';
  const raw = typeof maybe?.message === 'string' && maybe.message ? maybe.message : 'Something went wrong in Gateway Doctor.';
  return { code, message: scrub(raw.split('\n')[0]).slice(0, 500) };
}

/**
 * Registers one handler per API method. Returns a function that removes them
 * (used on quit and in tests).
 */
export function registerIpcHandlers(options: IpcOptions): () => void {
  const { ipcMain, service, isTrustedSender } = options;
  const validate = options.validate ?? validateApiArgs;
  const scrub = options.scrub ?? ((t: string) => t);
  const log = options.log ?? (() => undefined);
  for (const method of API_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, arg): Promise<IpcReply> => {
      const frame = event?.senderFrame ?? null;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
        log(`Refused IPC ${method} from an untrusted frame (${frame ? safeOrigin(frame.url) : 'no frame'}).`);
        return { ok: false, error: { code: 'refused', message: `Refused: ${method} may only be called by the Gateway Doctor dashboard.` } };
      }
      const checked = validate(method, arg);
      if (!checked.ok) return { ok: false, error: { code: 'bad-request', message: checked.message } };
      try {
        const call = service[method] as (arg: unknown) => Promise<unknown>;
        const value = await call.call(service, checked.value);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error, scrub) };
      }
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
 * Forwards every contract event to the dashboard windows that are alive at
 * that moment (there is at most one, and often none).
 */
export function forwardEvents(service: Pick<GatewayDoctorClient, 'on'>, liveWindows: () => EventTarget[]): Unsubscribe {
  const unsubscribers = API_EVENTS.map((event) =>
    service.on(event, (payload) => {
      for (const win of liveWindows()) {
        if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
        win.webContents.send(eventChannel(event), payload);
      }
    }),
  );
  return () => unsubscribers.forEach((off) => off());
}
