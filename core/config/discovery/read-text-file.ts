/**
 * Reads a configuration file defensively. Whatever sits at the path (nothing,
 * a folder, a FIFO, a symlink loop, a 2 GB log, a binary, a file we may not
 * read) the answer is a plain result with a sentence naming the file, never
 * an exception, and never a read that could block or exhaust memory.
 */
import { lstat, open, stat } from 'node:fs/promises';
import { lstatSync, statSync } from 'node:fs';

/** Claude Code refuses a `--settings` file above 2 MiB; no settings file needs more. */
const MAX_SETTINGS_BYTES = 2 * 1024 * 1024;

export interface ReadOptions {
  /** Default 2 MiB. */
  maxBytes?: number;
  /** Shell and PowerShell files may start with a UTF-8 BOM; JSON may not. */
  allowBom?: boolean;
  /** An empty shell profile is normal; an empty JSON file is not. */
  allowEmpty?: boolean;
}

export type TextFileResult =
  | { state: 'loaded'; text: string }
  | { state: 'missing'; problem?: string }
  | { state: 'invalid' | 'unreadable'; problem: string };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'UNKNOWN';
}

/** Turns an fs error into a sentence about `path` (never the file's content). */
export function describeFsError(path: string, error: unknown): TextFileResult {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return { state: 'missing' };
    case 'ENOTDIR':
      return { state: 'unreadable', problem: `${path} cannot be read: one of its parent folders is a file, not a folder.` };
    case 'EACCES':
    case 'EPERM':
      return { state: 'unreadable', problem: `${path} cannot be read: permission denied (${code}). Check the file's owner and permissions.` };
    case 'ELOOP':
      return { state: 'unreadable', problem: `${path} cannot be read: it is a symbolic link loop (ELOOP).` };
    case 'EISDIR':
      return { state: 'unreadable', problem: `${path} is a folder, not a file.` };
    case 'ENAMETOOLONG':
      return { state: 'unreadable', problem: `${path} cannot be read: the path is too long.` };
    default:
      return { state: 'unreadable', problem: `${path} cannot be read (${code}).` };
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Reads `path` as UTF-8 text when it is a regular file of at most
 * `maxBytes` without NUL bytes or (unless allowed) a byte-order mark. Empty
 * files are reported as invalid unless allowed, since they are not JSON.
 */
export async function readTextFile(path: string, options: ReadOptions = {}): Promise<TextFileResult> {
  const maxBytes = options.maxBytes ?? MAX_SETTINGS_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      // A dangling symlink looks missing, but deserves a word of explanation.
      try {
        if ((await lstat(path)).isSymbolicLink()) {
          return { state: 'missing', problem: `${path} is a symbolic link to a file that does not exist.` };
        }
      } catch {
        // Really missing.
      }
    }
    return describeFsError(path, error);
  }
  if (info.isDirectory()) return { state: 'unreadable', problem: `${path} is a folder, not a file.` };
  // FIFOs, sockets and devices could block a read forever.
  if (!info.isFile()) return { state: 'unreadable', problem: `${path} is not a regular file.` };
  if (info.size > maxBytes) {
    return { state: 'unreadable', problem: `${path} is too large to read (${formatMiB(info.size)}; the limit is ${formatMiB(maxBytes)}). It was not read.` };
  }

  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      // Read at most one byte past the limit, in case the file grew since stat.
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let total = 0;
      while (total < buffer.length) {
        const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
        if (bytesRead === 0) break;
        total += bytesRead;
      }
      bytes = buffer.subarray(0, total);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return describeFsError(path, error);
  }
  if (bytes.length > maxBytes) {
    return { state: 'unreadable', problem: `${path} is too large to read (over ${formatMiB(maxBytes)}). It was not read.` };
  }
  return checkContent(path, bytes, options);
}

function checkContent(path: string, bytes: Buffer, options: ReadOptions): TextFileResult {
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasUtf8Bom && options.allowBom) bytes = bytes.subarray(3);
  else if (hasUtf8Bom) {
    return { state: 'invalid', problem: `${path} starts with a byte-order mark (BOM), which JSON does not allow. Save it as UTF-8 without BOM.` };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { state: 'invalid', problem: `${path} starts with a UTF-16 byte-order mark: it is saved as UTF-16. Save it as UTF-8 without BOM.` };
  }
  if (bytes.includes(0)) {
    return { state: 'invalid', problem: `${path} contains NUL bytes: it looks like a binary file, not text.` };
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '' && !options.allowEmpty) return { state: 'invalid', problem: `${path} is empty, which is not valid JSON. Put {} in it or delete it.` };
  return { state: 'loaded', text };
}

/** Synchronous existence check that never throws (for cheap watch-target discovery). */
export function existsSyncSafe(path: string, kind: 'file' | 'dir' | 'any' = 'any'): boolean {
  try {
    const info = statSync(path);
    if (kind === 'file') return info.isFile();
    if (kind === 'dir') return info.isDirectory();
    return true;
  } catch {
    try {
      // A `.git` worktree file or a dangling link still counts as "something is there".
      return kind === 'any' && lstatSync(path) !== undefined;
    } catch {
      return false;
    }
  }
}
