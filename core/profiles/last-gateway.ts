/**
 * Remembers what "use claude-login" removed from the user settings, so
 * switching back puts the same entries back at the same positions (a byte-
 * for-byte round trip). Non-secret values live in
 * `<appDataDir>/last-gateway.json`; secret values only in the SecretStore.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostContext, SecretStore } from '../ports';
import { writeFileAtomically } from '../fixes/atomic-write';

export interface RememberedEntry {
  /** Env variable name, or "apiKeyHelper" for the top-level key when `topLevel`. */
  name: string;
  topLevel: boolean;
  /** Index among its siblings before removal. */
  index: number;
  /** The value, for non-secret entries; secrets are in the SecretStore. */
  value: string | null;
  secret: boolean;
}

export interface LastGateway {
  baseUrl: string | null;
  savedAt: string;
  /** The user settings file the entries came from. */
  path: string;
  entries: RememberedEntry[];
}

export interface LastGatewayMemory {
  load(): Promise<(LastGateway & { secrets: Record<string, string> }) | null>;
  save(memory: LastGateway, secretValues: Record<string, string>): Promise<{ secretsKept: boolean }>;
}

const secretKey = (name: string) => `last-gateway:${name}`;

export function createLastGatewayMemory(host: HostContext, secrets: SecretStore | null): LastGatewayMemory {
  const file = join(host.appDataDir, 'last-gateway.json');
  return {
    async load() {
      let parsed: LastGateway;
      try {
        parsed = JSON.parse(await readFile(file, 'utf8')) as LastGateway;
        if (!parsed || !Array.isArray(parsed.entries)) return null;
      } catch {
        return null;
      }
      const values: Record<string, string> = {};
      for (const entry of parsed.entries) {
        if (!entry.secret || !secrets?.available) continue;
        const value = await secrets.get(secretKey(entry.name)).catch(() => null);
        if (value !== null) values[entry.name] = value;
      }
      return { ...parsed, secrets: values };
    },
    async save(memory, secretValues) {
      let secretsKept = true;
      for (const [name, value] of Object.entries(secretValues)) {
        if (!secrets?.available) {
          secretsKept = false;
          continue;
        }
        await secrets.set(secretKey(name), value);
      }
      const safe: LastGateway = { ...memory, entries: memory.entries.map((e) => (e.secret ? { ...e, value: null } : e)) };
      await writeFileAtomically(file, JSON.stringify(safe, null, 2) + '\n', { holdsSecret: true });
      return { secretsKept };
    },
  };
}
