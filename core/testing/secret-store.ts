/**
 * An in-memory SecretStore: the OS keychain is the one thing tests and the
 * demo cannot have, so this is the thinnest seam for it. `data` lets a test
 * see what was stored; `available: false` is a machine with no store at all.
 */
import type { SecretStore } from '../ports';

const NO_STORE_DESCRIPTION = 'No secret store here: secrets cannot be stored. Use the desktop app, or set the credential yourself.';

export function memorySecretStore(options: { available?: boolean; description?: string } = {}): SecretStore & { data: Map<string, string> } {
  const available = options.available ?? true;
  const data = new Map<string, string>();
  return {
    data,
    available,
    description: options.description ?? (available ? 'memory' : NO_STORE_DESCRIPTION),
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => {
      if (!available) throw new Error('unavailable');
      data.set(key, value);
    },
    delete: async (key) => void data.delete(key),
  };
}
