import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSafeStorageSecretStore, withFileFallback, type CiphertextMap, type SafeStorageLike } from './safe-storage-secret-store';
import { CANARY } from '../../core/testing/fixtures';


/** A fake safeStorage: XOR with a key byte, so ciphertext really differs from the plaintext. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}): SafeStorageLike {
  const key = options.key ?? 0x5a;
  return {
    isEncryptionAvailable: () => options.available ?? true,
    // Header "v10" + the key byte, like a key id: another machine's key cannot decrypt it.
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from([key]), Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ key))]),
    decryptString: (buf) => {
      if (buf.subarray(0, 3).toString() !== 'v10' || buf[3] !== key) throw new Error('bad');
      return Buffer.from(buf.subarray(4).map((b) => b ^ key)).toString('utf8');
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

function memoryMap(): CiphertextMap & { data: Record<string, string> } {
  const map = { data: {} as Record<string, string>, read: () => map.data, write: (next: Record<string, string>) => void (map.data = next) };
  return map;
}

describe('safeStorage secret store', () => {
  it('round-trips a secret and stores only base64 ciphertext', async () => {
    const storage = memoryMap();
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), storage, platform: 'darwin' });
    expect(store).toMatchObject({ available: true, description: 'Electron safeStorage (macOS Keychain)' });
    await store.set('profile:work', CANARY);
    expect(JSON.stringify(storage.data)).not.toContain(CANARY);
    expect(Buffer.from(storage.data['profile:work'], 'base64').subarray(0, 3).toString()).toBe('v10');
    expect(await store.get('profile:work')).toBe(CANARY);
    expect(await store.get('profile:other')).toBeNull();
  });

  it('keeps other keys when setting and deleting', async () => {
    const storage = memoryMap();
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), storage, platform: 'win32' });
    await store.set('a', 'secret-a-123456');
    await store.set('b', 'secret-b-123456');
    await store.delete('a');
    await store.delete('missing');
    expect(Object.keys(storage.data)).toEqual(['b']);
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBe('secret-b-123456');
  });

  it('is unavailable with a reason when encryption is not available, and refuses to save', async () => {
    const storage = memoryMap();
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ available: false }), storage, platform: 'win32' });
    expect(store.available).toBe(false);
    expect(store.description).toMatch(/cannot store secrets safely/);
    await expect(store.set('k', CANARY)).rejects.toThrow(/Cannot store the secret/);
    await expect(store.set('k', CANARY)).rejects.not.toThrow(CANARY);
    expect(storage.data).toEqual({});
  });

  it("is unavailable on Linux when the backend is 'basic_text' (hard-coded password)", async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), storage: memoryMap(), platform: 'linux' });
    expect(store.available).toBe(false);
    expect(store.description).toContain('basic_text');
    expect(store.description).toMatch(/GNOME Keyring or KWallet/);
    const ok = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'kwallet6' }), storage: memoryMap(), platform: 'linux' });
    expect(ok).toMatchObject({ available: true, description: 'Electron safeStorage (kwallet6)' });
  });

  it('treats ciphertext it cannot decrypt (another machine) as absent', async () => {
    const storage = memoryMap();
    await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ key: 1 }), storage, platform: 'darwin' }).set('k', CANARY);
    const other = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), storage, platform: 'darwin' });
    expect(await other.get('k')).toBeNull();
    storage.data.k = '';
    expect(await other.get('k')).toBeNull();
  });

  it("falls back to the 0600 file on Linux's basic_text backend, saying it is obfuscation, not encryption", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gd-safe-fallback-'));
    try {
      const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
      const storage = memoryMap();
      const store = withFileFallback(createSafeStorageSecretStore({ safeStorage, storage, platform: 'linux' }), { safeStorage, platform: 'linux', appDataDir: dir });
      expect(store).toMatchObject({ available: true, kind: 'file' });
      expect(store.description).toMatch(/basic_text.*obfuscate.*not encryption/);
      expect(store.description).toContain(join(dir, 'secrets.json'));
      await store.set('profile:corp', CANARY);
      expect(await store.get('profile:corp')).toBe(CANARY);
      expect(storage.data).toEqual({});
      expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(dir, 'secrets.json'), 'utf8')).toContain(CANARY);
      // With a real keyring the fallback is never used.
      const keyring = fakeSafeStorage({ backend: 'gnome_libsecret' });
      expect(withFileFallback(createSafeStorageSecretStore({ safeStorage: keyring, storage, platform: 'linux' }), { safeStorage: keyring, platform: 'linux', appDataDir: dir }).kind).toBe('safe-storage');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
