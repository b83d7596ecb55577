/**
 * Exclusive cross-process locks for the fix engine: one per target file and
 * one for the journal, so two Gateway Doctor processes (the tray and a
 * `fix --yes` in a terminal, or two terminals) cannot both pass the "file
 * unchanged since the preview" check and then overwrite each other, nor
 * read-modify-write the journal at the same time.
 *
 * proper-lockfile (mkdir is atomic on every file system, NFS included; the
 * holder refreshes the lock's mtime, and a lock not refreshed for
 * LOCK_STALE_MS — its holder crashed or was killed — is taken over).
 * The lock folders live in the app's data folder, named by a hash of the
 * target's real path, never next to the user's files (no litter in
 * ~/.claude or a repository, nothing for file watchers to see).
 */
import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { sha256 } from './file-state';

/** A lock whose holder stopped refreshing it for this long is stale and taken over. */
export const LOCK_STALE_MS = 10_000;
/** How long to wait for another process to finish its change before giving up. */
const LOCK_WAIT_RETRIES = { retries: 40, factor: 1.25, minTimeout: 25, maxTimeout: 500, randomize: true } as const;

/** Another process held a lock for longer than we wait. */
export class LockBusyError extends Error {
  constructor(readonly path: string) {
    super(`Another Gateway Doctor is changing ${path} right now; try again in a moment.`);
    this.name = 'LockBusyError';
  }
}

/**
 * The same file reached through a symlink or a relative path gets the same
 * lock, also before it (or its folder) exists: the nearest existing folder is
 * resolved and the rest of the path appended, so the key does not change when
 * another process creates the file meanwhile.
 */
async function canonical(path: string): Promise<string> {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      rest.unshift(basename(existing));
      existing = parent;
    }
  }
}

export interface FileLocks {
  /**
   * Runs `fn` holding an exclusive lock on every path (taken in one global
   * order, so two callers can never deadlock). Throws LockBusyError when a
   * lock stays taken beyond the wait.
   */
  hold<T>(paths: string[], fn: () => Promise<T>): Promise<T>;
}

export function createFileLocks(locksDir: string): FileLocks {
  return {
    async hold(paths, fn) {
      await mkdir(locksDir, { recursive: true, mode: 0o700 });
      const keyed = new Map<string, string>();
      for (const path of paths) keyed.set(await canonical(path), path);
      const keys = [...keyed.keys()].sort();
      const releases: Array<() => Promise<void>> = [];
      try {
        for (const key of keys) {
          try {
            releases.push(
              await lockfile.lock(join(locksDir, sha256(key).slice(0, 32)), {
                realpath: false,
                stale: LOCK_STALE_MS,
                retries: LOCK_WAIT_RETRIES,
                // The default throws from a timer, which would crash the
                // process; a lost lock only matters to the change in flight,
                // which re-checks hashes, so it is ignored here.
                onCompromised: () => undefined,
              }),
            );
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new LockBusyError(keyed.get(key) ?? key);
            throw error;
          }
        }
        return await fn();
      } finally {
        for (const release of releases.reverse()) await release().catch(() => undefined);
      }
    },
  };
}
