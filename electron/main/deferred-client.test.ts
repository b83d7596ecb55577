import { describe, expect, it } from 'vitest';
import type { GatewayDoctorClient } from '../../core/api';
import { deferredClient } from './deferred-client';

function fakeService() {
  const listeners: Array<(payload: unknown) => void> = [];
  return {
    listeners,
    service: {
      getPreferences: async () => ({ marker: 'real' }),
      on: (_event: string, listener: (payload: unknown) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    } as unknown as GatewayDoctorClient,
  };
}

describe('deferredClient', () => {
  it('holds calls until the service exists, then answers them', async () => {
    let resolve!: (s: GatewayDoctorClient) => void;
    const client = deferredClient(new Promise((r) => (resolve = r)));
    const pending = client.getPreferences();
    const { service } = fakeService();
    resolve(service);
    await expect(pending).resolves.toEqual({ marker: 'real' });
  });

  it('attaches subscriptions when the service arrives, and unsubscribing before that prevents them', async () => {
    const fake = fakeService();
    let resolve!: (s: GatewayDoctorClient) => void;
    const ready = new Promise<GatewayDoctorClient>((r) => (resolve = r));
    const client = deferredClient(ready);
    const seen: unknown[] = [];
    client.on('snapshot', (p) => seen.push(p));
    const off = client.on('notify', () => seen.push('never'));
    off();
    resolve(fake.service);
    await ready;
    await Promise.resolve();
    expect(fake.listeners).toHaveLength(1);
    fake.listeners[0]('hello');
    expect(seen).toEqual(['hello']);
  });

  it('rejects calls with the start-up error when the service could not be created', async () => {
    const client = deferredClient(Promise.reject(new Error('preferences.json is not valid JSON')));
    client.on('snapshot', () => undefined);
    await expect(client.getSnapshot()).rejects.toThrow('preferences.json is not valid JSON');
  });
});
