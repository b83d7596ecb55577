import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_EVENTS, API_METHODS, type GatewayDoctorClient } from '../../core/api';

const exposed = new Map<string, unknown>();
const ipc = {
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'v' })),
  on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    if (!ipc.listeners.has(channel)) ipc.listeners.set(channel, new Set());
    ipc.listeners.get(channel)!.add(listener);
  }),
  removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    ipc.listeners.get(channel)?.delete(listener);
  }),
  send: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: ipc,
}));

async function loadBridge(): Promise<GatewayDoctorClient> {
  await import('./index');
  return exposed.get('gatewayDoctor') as GatewayDoctorClient;
}

describe('preload', () => {
  beforeEach(() => {
    ipc.invoke.mockClear();
  });

  it('exposes only window.gatewayDoctor, with exactly the contract methods plus on', async () => {
    const api = await loadBridge();
    expect([...exposed.keys()]).toEqual(['gatewayDoctor']);
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[key], key).toBe('function');
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('invokes gd:invoke:<method> with the one argument only and resolves the value', async () => {
    const api = await loadBridge();
    await expect(api.getHistory({ range: '24h' })).resolves.toBe('v');
    expect(ipc.invoke).toHaveBeenCalledWith('gd:invoke:getHistory', { range: '24h' });
    await (api.checkNow as (...args: unknown[]) => Promise<unknown>)({ realistic: true }, 'extra', ipc);
    expect(ipc.invoke).toHaveBeenLastCalledWith('gd:invoke:checkNow', { realistic: true });
  });

  it('rejects with a plain { code, message } on failure, and with internal on a malformed reply', async () => {
    const api = await loadBridge();
    ipc.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'conflict', message: 'changed since the preview' } });
    await expect(api.applyPlan({ planId: 'p' })).rejects.toEqual({ code: 'conflict', message: 'changed since the preview' });
    ipc.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'weird', message: 'x' } });
    await expect(api.applyPlan({ planId: 'p' })).rejects.toEqual({ code: 'internal', message: 'x' });
    ipc.invoke.mockResolvedValueOnce('garbage');
    await expect(api.getSnapshot()).rejects.toMatchObject({ code: 'internal' });
  });

  it('on() passes the payload only (never the IpcRendererEvent), for contract events only, and unsubscribes', async () => {
    const api = await loadBridge();
    const received: unknown[][] = [];
    const off = api.on('notify', (...args: unknown[]) => received.push(args));
    expect(ipc.on).toHaveBeenCalledWith('gd:event:notify', expect.any(Function));
    const fakeEvent = { sender: ipc, ports: [] };
    for (const l of ipc.listeners.get('gd:event:notify')!) l(fakeEvent, { kind: 'down' }, 'ignored');
    expect(received).toEqual([[{ kind: 'down' }]]);
    off();
    expect(ipc.listeners.get('gd:event:notify')!.size).toBe(0);
    expect(() => api.on('not-an-event' as (typeof API_EVENTS)[number], () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('snapshot', 'x' as unknown as () => void)).toThrow(/listener must be a function/);
  });
});

describe('preload bundle', () => {
  it('has no runtime import besides electron and the bundled contract lists (a sandboxed preload can require nothing else)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const runtimeImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    const here = __dirname;
    expect(runtimeImports(join(here, 'index.ts')).sort()).toEqual(['./bridge', 'electron']);
    expect(runtimeImports(join(here, 'bridge.ts')).sort()).toEqual(['../../core/api', '../shared/channels']);
    expect(runtimeImports(join(here, '..', 'shared', 'channels.ts'))).toEqual([]);
    expect(runtimeImports(join(here, '..', '..', 'core', 'api.ts'))).toEqual([]);
  });
});
