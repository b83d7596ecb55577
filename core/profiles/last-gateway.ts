/**
 * Remembers what "use claude-login" removed from the user settings, so
 * switching back puts the same entries back at the same positions (a byte-
 * for-byte round trip). Non-secret values live in
 * `<appDataDir>/last-gateway.json` (0600); secret values only in the
 * SecretStore, including any value carrying a URL user name and password
 * (`https://user:pw@gw`, proxy URLs), whatever its variable is called.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostContext, SecretStore } from '../ports';
import { writeFileAtomically } from '../fixes/atomic-write';
import { redactUrlUserinfo, urlUserinfo } from '../util/secret';

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
    async save(given, givenSecrets) {
      // A URL with a password is a secret too: it goes where the other secrets go.
      const secretValues = { ...givenSecrets };
      const entries = given.entries.map((e) => {
        if (e.secret || e.value === null || urlUserinfo(e.value) === null) return e;
        secretValues[e.name] = e.value;
        return { ...e, secret: true };
      });
      const memory: LastGateway = { ...given, baseUrl: given.baseUrl === null ? null : redactUrlUserinfo(given.baseUrl), entries };
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
