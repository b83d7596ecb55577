import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, makeTempHost, memorySecretStore, type TempHost } from '../fixes/test-fixtures';
import { createProfileStore } from './profile-store';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
});
afterEach(() => t.cleanup());

const input = { name: 'Corp Gateway', baseUrl: 'https://gw.example/v1', credentialKind: 'ANTHROPIC_AUTH_TOKEN' as const, provider: 'anthropic' as const };

describe('profile store', () => {
  it('keeps secrets in the SecretStore, never in profiles.json', async () => {
    const secrets = memorySecretStore();
    const store = createProfileStore({ host: t.host, secrets });
    const saved = await store.save({ ...input, secret: CANARY, customHeaders: 'X-Team: blue' });
    expect(saved).toMatchObject({ id: 'corp-gateway', hasSecret: true });
    expect(secrets.data.get('profile:corp-gateway')).toBe(CANARY);
    expect(await readFile(join(t.host.appDataDir, 'profiles.json'), 'utf8')).not.toContain(CANARY);
    expect(await store.getSecret('corp-gateway')).toBe(CANARY);
    // Saving again without a secret keeps the stored one.
    expect((await store.save({ ...input, id: 'corp-gateway', name: 'Renamed' })).hasSecret).toBe(true);
    expect((await store.list()).map((p) => p.name)).toEqual(['Renamed']);
    const second = await store.save(input);
    expect(second.id).toBe('corp-gateway-2');
    expect(await store.remove('corp-gateway')).toBe(true);
    expect(secrets.data.has('profile:corp-gateway')).toBe(false);
    expect(await store.remove('nope')).toBe(false);
  });

  it('refuses a secret when the store is unavailable, with its description', async () => {
    const store = createProfileStore({ host: t.host, secrets: memorySecretStore(false) });
    await expect(store.save({ ...input, secret: CANARY })).rejects.toThrow(/Cannot store the credential: No secret store here/);
    expect((await store.save(input)).hasSecret).toBe(false);
  });

  it('validates URL, name, headers and secrets with messages naming the field', async () => {
    const store = createProfileStore({ host: t.host, secrets: memorySecretStore() });
    await expect(store.save({ ...input, baseUrl: 'ftp://x' })).rejects.toThrow(/Profile baseUrl: base URL must be an http/);
    await expect(store.save({ ...input, name: ' ' })).rejects.toThrow(/Profile name: name is required/);
    await expect(store.save({ ...input, customHeaders: 'no colon here' })).rejects.toThrow(/Profile customHeaders/);
    await expect(store.save({ ...input, secret: 'two words' })).rejects.toThrow(/Profile secret/);
    await expect(store.save({ ...input, credentialKind: 'apiKeyHelper' })).rejects.toThrow(/helper command/);
  });
});
