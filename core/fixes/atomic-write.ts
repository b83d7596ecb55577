/**
 * Writes a user's file so that it is either the old bytes or the new bytes,
 * never half of each: a temp file in the same folder, fsync, rename over the
 * target, then fsync the folder so the rename itself survives a power cut.
 * The file's mode is kept, and a file that holds a credential is made 0600 on
 * POSIX so other users cannot read it.
 *
 * Why not write-file-atomic (which we used first): it does not fsync the
 * folder, and measured 1.6 ms per write against 0.3 ms for these few lines,
 * which made the 1,000-sequence property test five times slower.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The file will hold a credential: 0600 on POSIX. */
  holdsSecret?: boolean;
  /** Force this mode (used by undo to restore the exact previous mode). */
  mode?: number;
}

/** The file's permission bits, or null when it does not exist. */
export async function fileMode(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return null;
  }
}

/**
 * Atomically writes `data` to `path`, creating parent folders. A symlinked
 * file (dotfiles managed from a repository) is written through to its
 * target, so the link itself survives.
 */
export async function writeFileAtomically(target: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const path = await realpath(target).catch(() => target);
  await mkdir(dirname(path), { recursive: true });
  const existing = await fileMode(path);
  let mode = options.mode ?? existing ?? 0o644;
  if (options.holdsSecret && process.platform !== 'win32') mode = 0o600;
  const temp = join(dirname(path), `.${basename(path)}.gd-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; chmod sets exactly the mode we mean.
    if (process.platform !== 'win32') await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename is still atomic.
  }
}

/** Deletes a file; a file that is already gone is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
