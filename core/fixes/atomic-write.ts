/**
 * Writes a user's file so that it is either the old bytes or the new bytes,
 * never half of each: write-file-atomic writes a temp file in the same folder,
 * fsyncs it and renames it over the target. The file's mode is kept, and a
 * file that holds a credential is made 0600 on POSIX so other users cannot
 * read it.
 */
import { chmod, mkdir, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

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

/** Atomically writes `data` to `path`, creating parent folders. */
export async function writeFileAtomically(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const existing = await fileMode(path);
  let mode = options.mode ?? existing ?? 0o644;
  if (options.holdsSecret && process.platform !== 'win32') mode = 0o600;
  await writeFileAtomic(path, data, { mode, fsync: true });
  // write-file-atomic applies the mode through the umask-free chmod, but be
  // explicit for files that must not be readable by others.
  if (process.platform !== 'win32') await chmod(path, mode);
}

/** Deletes a file; a file that is already gone is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
