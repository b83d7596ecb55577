/**
 * The fallback SecretStore: a 0600 JSON file in the app's data folder, for
 * machines where no OS keychain is reachable (Linux without a Secret Service:
 * WSL, minimal desktops, servers). Claude Code itself keeps its login in
 * ~/.claude/.credentials.json with mode 0600 in that case; this is the same
 * protection (file permissions), no more, and every surface names it as such
 * (`kind: 'file'`) so it is never used silently.
 */
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../ports';
import { writeFileAtomically } from '../fixes/atomic-write';
import { createFileLocks } from '../fixes/file-lock';

export const SECRETS_FILE_NAME = 'secrets.json';
const MAX_BYTES = 1024 * 1024;

interface StoredSecrets {
  version: 1;
  secrets: Record<string, string>;
}

/**
 * Creates the file store in `appDataDir`. `reason` says why no OS store is
 * available; it is part of the description.
 */
export function createFileSecretStore(appDataDir: string, reason: string, displayPath: (path: string) => string = (p) => p): SecretStore {
  const file = join(appDataDir, SECRETS_FILE_NAME);
  // The tray and a CLI in a terminal may both save a secret: each write is a
  // read-modify-write of the whole file, so it holds the same cross-process
  // lock the fix engine uses (else one process's key is lost to the other's).
  const locks = createFileLocks(join(appDataDir, 'locks'));
  let queue: Promise<unknown> = Promise.resolve();
  // One write at a time within this process (the lock is not re-entrant); each write is atomic on disk.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const locked = () => locks.hold([file], fn);
    const next = queue.then(locked, locked);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<Record<string, string>> {
    let text: string;
    try {
      const info = await stat(file);
      if (info.size > MAX_BYTES) throw new Error(`${file} is larger than 1 MB, so Gateway Doctor will not read it as its secrets file.`);
      // Someone loosened the permissions: tighten them again before reading.
      if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) await chmod(file, 0o600);
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as StoredSecrets;
      if (parsed && typeof parsed.secrets === 'object' && parsed.secrets !== null) return { ...parsed.secrets };
    } catch {
      // fall through
    }
    throw new Error(`${file} is not a valid Gateway Doctor secrets file; move it away to start again (its credentials are then lost).`);
  }

  async function store(secrets: Record<string, string>): Promise<void> {
    await writeFileAtomically(file, JSON.stringify({ version: 1, secrets } satisfies StoredSecrets, null, 2) + '\n', { holdsSecret: true, mode: 0o600 });
  }

  return {
    available: true,
    kind: 'file',
    description: `a file only you can read (${displayPath(file)}, mode 0600), because ${reason} This is the same protection Claude Code gives its own login without a keychain: anyone with your user account can read it.`,
    async get(key) {
      return (await load())[key] ?? null;
    },
    set(key, value) {
      return serial(async () => store({ ...(await load()), [key]: value }));
    },
    delete(key) {
      return serial(async () => {
        const current = await load();
        if (!(key in current)) return;
        delete current[key];
        await store(current);
      });
    },
  };
}
