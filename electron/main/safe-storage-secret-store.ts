/**
 * SecretStore (core/ports.ts) on Electron's safeStorage: profile secrets are
 * encrypted with the OS-protected key (macOS Keychain, Windows DPAPI, Linux
 * libsecret/KWallet) and only the ciphertext, base64, is written to the
 * shell's electron-store file.
 *
 * On Linux without a keyring Electron falls back to a hard-coded password
 * ('basic_text'); that is obfuscation, not encryption, so the store then
 * reports itself unavailable, and `withFileFallback` puts the app's 0600
 * fallback file in its place, saying so (kind "file"), exactly as the CLI does.
 */
import { createFileSecretStore } from '../../core/profiles/file-secret-store';
import type { SecretStore } from '../../core/ports';
import type { Platform } from '../../core/types';

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Where the ciphertexts live: a key → base64 map (electron-store in the app). */
export interface CiphertextMap {
  read(): Record<string, string>;
  write(next: Record<string, string>): void;
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  storage: CiphertextMap;
  platform: Platform;
}

/** What the store is, or why it is unavailable, in words a user can act on. */
function describeSafeStorage(safeStorage: SafeStorageLike, platform: Platform): { available: boolean; description: string; reason?: string } {
  let encryption = false;
  try {
    encryption = safeStorage.isEncryptionAvailable();
  } catch {
    encryption = false;
  }
  if (!encryption) {
    return {
      available: false,
      description:
        platform === 'linux'
          ? 'No OS keyring is available (install and unlock GNOME Keyring or KWallet), so Gateway Doctor cannot store secrets safely.'
          : 'OS encryption is not available to Gateway Doctor, so it cannot store secrets safely.',
      reason: platform === 'linux' ? 'no OS keyring is available (install and unlock GNOME Keyring or KWallet, then restart Gateway Doctor, to use it).' : 'OS encryption is not available to Gateway Doctor.',
    };
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        available: false,
        description: `No OS keyring was found: Electron safeStorage's "${backend}" backend would only obfuscate secrets with a built-in password, which is not encryption. Install and unlock GNOME Keyring or KWallet, then restart Gateway Doctor.`,
        reason: `no OS keyring was found, and Electron safeStorage's "${backend}" backend would only obfuscate secrets with a built-in password, which is not encryption (install and unlock GNOME Keyring or KWallet, then restart Gateway Doctor, to use the keyring).`,
      };
    }
    return { available: true, description: `Electron safeStorage (${backend})` };
  }
  return { available: true, description: platform === 'darwin' ? 'Electron safeStorage (macOS Keychain)' : 'Electron safeStorage (Windows DPAPI)' };
}

/**
 * Creates the store. Call after `app` is ready: safeStorage cannot answer
 * before that on every platform.
 */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, storage } = options;
  const { available, description } = describeSafeStorage(safeStorage, options.platform);
  return {
    available,
    kind: available ? 'safe-storage' : 'none',
    description,
    async get(key) {
      if (!available) return null;
      const encoded = storage.read()[key];
      if (typeof encoded !== 'string' || encoded === '') return null;
      try {
        return safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch {
        // Encrypted with another user's or machine's key (e.g. a copied profile): treat as absent.
        return null;
      }
    },
    async set(key, value) {
      if (!available) throw new Error(`Cannot store the secret: ${description}`);
      const encoded = safeStorage.encryptString(value).toString('base64');
      storage.write({ ...storage.read(), [key]: encoded });
    },
    async delete(key) {
      const current = storage.read();
      if (!(key in current)) return;
      const next = { ...current };
      delete next[key];
      storage.write(next);
    },
  };
}

/**
 * The store the app uses: safeStorage when it encrypts with an OS-protected
 * key, otherwise the 0600 fallback file in the app's data folder, whose
 * description carries the reason (e.g. the basic_text backend).
 */
export function withFileFallback(store: SecretStore, options: { safeStorage: SafeStorageLike; platform: Platform; appDataDir: string; displayPath?: (path: string) => string }): SecretStore {
  if (store.available) return store;
  const { reason } = describeSafeStorage(options.safeStorage, options.platform);
  return createFileSecretStore(options.appDataDir, reason ?? 'no OS-protected key is available.', options.displayPath);
}
