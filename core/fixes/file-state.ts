/**
 * Reads a target file as bytes plus its sha256, the unit of optimistic
 * concurrency: a plan remembers the hash it was made against, and apply/undo
 * refuse when the file no longer has it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface FileState {
  exists: boolean;
  bytes: Buffer | null;
  /** sha256 hex of the bytes; '' when the file does not exist. */
  hash: string;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Largest file the engine will edit (settings and profiles are small). */
const MAX_EDITABLE_BYTES = 5 * 1024 * 1024;

export async function readFileState(path: string): Promise<FileState> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_EDITABLE_BYTES) throw new Error(`${path} is larger than ${MAX_EDITABLE_BYTES} bytes, so Gateway Doctor will not edit it.`);
    return { exists: true, bytes, hash: sha256(bytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { exists: false, bytes: null, hash: '' };
    if (code === 'EISDIR') throw new Error(`${path} is a folder, not a file, so Gateway Doctor will not edit it.`);
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`${path} cannot be read (permission denied), so Gateway Doctor will not edit it.`);
    throw error;
  }
}
