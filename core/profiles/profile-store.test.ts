import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';
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
    const store = createProfileStore({ host: t.host, secrets: memorySecretStore({ available: false }) });
    await expect(store.save({ ...input, secret: CANARY })).rejects.toThrow(/Cannot store the credential: No secret store here/);
    await expect(store.save({ ...input, secret: CANARY })).rejects.toMatchObject({ code: 'refused' });
    expect((await store.save(input)).hasSecret).toBe(false);
  });

  it('validates URL, name, headers and secrets with messages naming the field', async () => {
    const store = createProfileStore({ host: t.host, secrets: memorySecretStore() });
    await expect(store.save({ ...input, baseUrl: 'ftp://x' })).rejects.toThrow(/Profile baseUrl: base URL must be an http/);
    await expect(store.save({ ...input, name: ' ' })).rejects.toThrow(/Profile name: name is required/);
    await expect(store.save({ ...input, customHeaders: 'no colon here' })).rejects.toThrow(/Profile customHeaders/);
    await expect(store.save({ ...input, secret: 'two words' })).rejects.toThrow(/Profile secret/);
    await expect(store.save({ ...input, credentialKind: 'apiKeyHelper' })).rejects.toThrow(/helper command/);
    // A placeholder with no stored value behind it is not a header value (the boundary lets placeholders through).
    await expect(store.save({ ...input, customHeaders: 'X-Team: ••••1234' })).rejects.toThrow(/Profile customHeaders: custom headers may not contain control characters or characters above U\+00FF/);
    // Every transport maps these to bad-request, never internal.
    await expect(store.save({ ...input, baseUrl: 'not a url' })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('keeps secret-looking header and variable values in the SecretStore; the file (0600) and listings hold only the redacted form', async () => {
    const secrets = memorySecretStore();
    const store = createProfileStore({ host: t.host, secrets });
    const headerSecret = `${CANARY}-hdr`;
    const envSecret = `${CANARY}-env`;
    const saved = await store.save({
      ...input,
      customHeaders: `X-Team: blue\nX-Api-Key: ${headerSecret}`,
      extraEnv: { ANTHROPIC_FOUNDRY_API_KEY: envSecret, ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '32000', HTTPS_PROXY: 'http://alice:pw123@proxy:3128' },
    });
    const file = join(t.host.appDataDir, 'profiles.json');
    const text = await readFile(file, 'utf8');
    const listed = JSON.stringify(await store.list());
    for (const shown of [text, listed, JSON.stringify(saved), JSON.stringify(await store.get(saved.id))]) {
      expect(shown).not.toContain(CANARY);
      expect(shown).not.toContain('pw123');
      expect(shown).toContain('X-Team: blue');
      expect(shown).toContain('my-resource');
      expect(shown).toContain('32000');
    }
    expect(listed).toContain('X-Api-Key: ••••-hdr');
    expect(listed).not.toContain('storedSecrets');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(secrets.data.get(`profile:${saved.id}:header:x-api-key`)).toBe(headerSecret);
    expect(secrets.data.get(`profile:${saved.id}:env:ANTHROPIC_FOUNDRY_API_KEY`)).toBe(envSecret);

    // For writing settings, the values come back, and are named for the Redactor.
    const revealed = await store.reveal(saved.id);
    expect(revealed!.profile.customHeaders).toBe(`X-Team: blue\nX-Api-Key: ${headerSecret}`);
    expect(revealed!.profile.extraEnv).toMatchObject({ ANTHROPIC_FOUNDRY_API_KEY: envSecret, HTTPS_PROXY: 'http://alice:pw123@proxy:3128' });
    expect(revealed!.secretValues).toEqual(expect.arrayContaining([headerSecret, envSecret, 'http://alice:pw123@proxy:3128']));

    // An edit form sends the redacted form back: the stored value is kept, not replaced by dots.
    const listedProfile = (await store.list())[0];
    await store.save({ ...input, id: saved.id, name: 'Renamed', customHeaders: listedProfile.customHeaders, extraEnv: listedProfile.extraEnv });
    expect((await store.reveal(saved.id))!.profile.customHeaders).toBe(`X-Team: blue\nX-Api-Key: ${headerSecret}`);
    expect((await store.reveal(saved.id))!.profile.extraEnv).toMatchObject({ ANTHROPIC_FOUNDRY_API_KEY: envSecret, HTTPS_PROXY: 'http://alice:pw123@proxy:3128', ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource' });

    // A header removed in an edit leaves no value behind; removing the profile forgets them all.
    await store.save({ ...input, id: saved.id, customHeaders: 'X-Team: blue', extraEnv: listedProfile.extraEnv });
    expect(secrets.data.has(`profile:${saved.id}:header:x-api-key`)).toBe(false);
    await store.remove(saved.id);
    expect([...secrets.data.keys()].filter((k) => k.startsWith(`profile:${saved.id}`))).toEqual([]);
  });

  it('refuses a secret-looking header when no secret store can keep it, naming it', async () => {
    const store = createProfileStore({ host: t.host, secrets: memorySecretStore({ available: false }) });
    await expect(store.save({ ...input, customHeaders: `X-Api-Key: ${CANARY}` })).rejects.toThrow(/header x-api-key .*No secret store here/);
  });
});
