import { describe, expect, it, vi } from 'vitest';
import { API_EVENTS, API_METHODS, ApiError, type ApiEvent, type GatewayDoctorClient } from '../../core/api';
import type { ContractReply } from '../../core/api';
import { redact, Redactor } from '../../core/util/secret';
import { eventChannel, forwardEvents, invokeChannel, registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from './ipc';
import { isTrustedRendererUrl } from './renderer-origin';
import { CANARY } from '../../core/testing/fixtures';


/** A fake ipcMain: records handlers so tests can invoke them like Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => Promise<ContractReply>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (channel: string, url: string | null, arg?: unknown, parent: unknown = null) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: url === null ? null : { url, parent } }, arg);
  };
  return { ipcMain, handlers, invoke };
}

function fakeService(overrides: Partial<GatewayDoctorClient> = {}) {
  const service = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async (arg: unknown) => ({ method: m, arg }))])) as unknown as GatewayDoctorClient;
  return Object.assign(service, overrides);
}

const OURS = 'app://gateway-doctor/index.html#profiles';
const canaryRedactor = () => {
  const redactor = new Redactor();
  redactor.add(CANARY);
  return redactor;
};
const setup = (service = fakeService()) => {
  const fake = fakeIpcMain();
  const off = registerIpcHandlers({ ipcMain: fake.ipcMain, service, isTrustedSender: (url) => isTrustedRendererUrl(url), redactor: canaryRedactor() });
  return { ...fake, service, off };
};

describe('registerIpcHandlers', () => {
  it('registers exactly one gd:invoke:<method> handler per contract method, and removes them', () => {
    const { handlers, off } = setup();
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map(invokeChannel).sort());
    off();
    expect(handlers.size).toBe(0);
  });

  it('calls the service with the validated argument from our own renderer', async () => {
    const { invoke, service } = setup();
    expect(await invoke('gd:invoke:getHistory', OURS, { range: '7d' })).toEqual({ ok: true, value: { method: 'getHistory', arg: { range: '7d' } } });
    expect(service.getHistory).toHaveBeenCalledWith({ range: '7d' });
    expect(await invoke('gd:invoke:getSnapshot', OURS, undefined)).toMatchObject({ ok: true });
  });

  it('refuses calls from other origins, subframes and frameless senders, without calling the service', async () => {
    const { invoke, service } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/out/renderer/index.html', 'app://other/index.html', 'http://localhost:5173/']) {
      const reply = await invoke('gd:invoke:applyPlan', url, { planId: 'p1' });
      expect(reply).toEqual({ ok: false, error: { code: 'refused', message: 'Refused: applyPlan may only be called by the Gateway Doctor dashboard.' } });
    }
    expect(await invoke('gd:invoke:applyPlan', OURS, { planId: 'p1' }, { url: OURS })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await invoke('gd:invoke:applyPlan', null, { planId: 'p1' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(service.applyPlan).not.toHaveBeenCalled();
  });

  it('refuses bad arguments with a bad-request naming the field, without echoing a secret', async () => {
    const { invoke, service } = setup();
    const wrongType = await invoke('gd:invoke:getHistory', OURS, { range: '1y' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((wrongType as { error: { message: string } }).error.message).toContain('range');
    const extra = await invoke('gd:invoke:saveProfile', OURS, { name: 'x', baseUrl: 'https://gw', credentialKind: 'none', provider: 'anthropic', secret: CANARY, evil: CANARY });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(extra)).not.toContain(CANARY);
    expect(await invoke('gd:invoke:snooze', OURS, { until: 'tomorrow-ish' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await invoke('gd:invoke:applyPlan', OURS, 'p1')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(service.getHistory).not.toHaveBeenCalled();
    expect(service.saveProfile).not.toHaveBeenCalled();
  });

  it('turns service errors into { code, message }: ApiError codes kept, others internal, first line only, secrets scrubbed', async () => {
    const service = fakeService({
      applyPlan: vi.fn(async () => {
        throw new ApiError('conflict', 'settings.json changed since the preview');
      }),
      getReport: vi.fn(async () => {
        throw new Error(`boom with ${CANARY}\n    at secretFunction (/src/x.ts:1:1)`);
      }),
    });
    const { invoke } = setup(service);
    expect(await invoke('gd:invoke:applyPlan', OURS, { planId: 'p1' })).toEqual({ ok: false, error: { code: 'conflict', message: 'settings.json changed since the preview' } });
    const internal = await invoke('gd:invoke:getReport', OURS);
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: `boom with ${redact(CANARY)}` } });
    expect(JSON.stringify(internal)).not.toContain('at secretFunction');
  });

  it('trusts the dev server origin only when it is the configured one', async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers({ ipcMain: fake.ipcMain, service: fakeService(), isTrustedSender: (url) => isTrustedRendererUrl(url, 'http://localhost:5173'), redactor: canaryRedactor() });
    expect(await fake.invoke('gd:invoke:listProfiles', 'http://localhost:5173/#x')).toMatchObject({ ok: true });
    expect(await fake.invoke('gd:invoke:listProfiles', 'http://localhost:6000/')).toMatchObject({ ok: false });
  });
});

describe('forwardEvents', () => {
  it('sends each contract event on gd:event:<name>, scrubbed, to live windows only, and unsubscribes', () => {
    const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
    const service = {
      on: (event: ApiEvent, listener: (payload: unknown) => void) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)!.delete(listener);
      },
    } as unknown as Pick<GatewayDoctorClient, 'on'>;
    const live = { isDestroyed: () => false, webContents: { isDestroyed: () => false, send: vi.fn() } };
    const closed = { isDestroyed: () => true, webContents: { isDestroyed: () => true, send: vi.fn() } };
    const off = forwardEvents(service, () => [live, closed], canaryRedactor());
    expect([...listeners.keys()].sort()).toEqual([...API_EVENTS].sort());
    for (const l of listeners.get('notify')!) l({ kind: 'down', body: `key ${CANARY}` });
    expect(live.webContents.send).toHaveBeenCalledWith(eventChannel('notify'), { kind: 'down', body: `key ${redact(CANARY)}` });
    expect(closed.webContents.send).not.toHaveBeenCalled();
    off();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
