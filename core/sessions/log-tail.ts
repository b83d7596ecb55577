/**
 * Reads what was appended to a file since the last read, as whole lines,
 * with bounds: at most `maxBytes` per read (older appended bytes are skipped,
 * since the newest lines are the ones that matter), a partial last line kept
 * for the next read (at most `maxLineBytes`, longer lines are dropped), and
 * truncation or replacement of the file (a new inode) detected, so the new
 * content is read from its start.
 */
import { open } from 'node:fs/promises';

export interface TailState {
  /** Bytes of the file already consumed. */
  offset: number;
  /**
   * Identity of the file at `offset` (inode and creation time: a deleted
   * file's inode number is often reused at once); a change means it was
   * rotated or replaced.
   */
  ino: number;
  birthtimeMs: number;
  /** The unterminated end of the last read. */
  carry: Buffer;
  /** The next bytes up to a newline belong to a line that is being dropped. */
  skipping: boolean;
}

export interface TailLimits {
  maxBytes: number;
  maxLineBytes: number;
  /** When set, only lines containing these bytes are decoded (the others are never turned into strings). */
  mustContain?: Buffer;
}

export interface FileIdentity {
  ino: number;
  birthtimeMs: number;
}

export function tailAtEnd(size: number, id: FileIdentity): TailState {
  return { offset: size, ino: id.ino, birthtimeMs: id.birthtimeMs, carry: Buffer.alloc(0), skipping: false };
}

export function tailAtStart(id: FileIdentity): TailState {
  return { offset: 0, ino: id.ino, birthtimeMs: id.birthtimeMs, carry: Buffer.alloc(0), skipping: false };
}

export function sameFile(state: TailState, id: FileIdentity): boolean {
  return state.ino === id.ino && state.birthtimeMs === id.birthtimeMs;
}

export interface TailRead {
  lines: string[];
  /** The file no longer exists (or is not a file). */
  gone: boolean;
  /** More appended bytes remain than this read took (only when a read was cut short). */
  bytesRead: number;
}

const NEWLINE = 0x0a;

/**
 * Reads the appended lines and advances `state` in place. Never throws for a
 * missing or unreadable file: it reports `gone` and an empty read.
 */
export async function readAppended(path: string, state: TailState, limits: TailLimits): Promise<TailRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { lines: [], gone: true, bytesRead: 0 };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { lines: [], gone: true, bytesRead: 0 };
    if (!sameFile(state, stat) || stat.size < state.offset) {
      // Rotated, replaced or truncated: everything in it now is new.
      Object.assign(state, tailAtStart(stat));
    }
    if (stat.size === state.offset) return { lines: [], gone: false, bytesRead: 0 };
    let start = state.offset;
    if (stat.size - start > limits.maxBytes) {
      start = stat.size - limits.maxBytes;
      state.carry = Buffer.alloc(0);
      state.skipping = true; // the bytes before `start` held the beginning of this line
    }
    const buffer = Buffer.allocUnsafe(stat.size - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    state.offset = start + filled;
    return { lines: splitLines(state, buffer.subarray(0, filled), limits), gone: false, bytesRead: filled };
  } catch {
    return { lines: [], gone: false, bytesRead: 0 };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Splits on newlines (a byte never found inside a multi-byte UTF-8 character), keeping the partial end. */
function splitLines(state: TailState, chunk: Buffer, limits: TailLimits): string[] {
  const { maxLineBytes, mustContain } = limits;
  const lines: string[] = [];
  let from = 0;
  for (let nl = chunk.indexOf(NEWLINE, from); nl !== -1; nl = chunk.indexOf(NEWLINE, from)) {
    const piece = chunk.subarray(from, nl);
    from = nl + 1;
    if (state.skipping) {
      state.skipping = false;
      state.carry = Buffer.alloc(0);
      continue;
    }
    const bytes = state.carry.length ? Buffer.concat([state.carry, piece]) : piece;
    state.carry = Buffer.alloc(0);
    if (bytes.length > 0 && bytes.length <= maxLineBytes && (!mustContain || bytes.includes(mustContain))) lines.push(bytes.toString('utf8'));
  }
  if (from < chunk.length && !state.skipping) {
    const rest = chunk.subarray(from);
    if (state.carry.length + rest.length > maxLineBytes) {
      state.carry = Buffer.alloc(0);
      state.skipping = true; // too long to ever parse: drop it up to its newline
    } else {
      state.carry = Buffer.concat([state.carry, rest]);
    }
  }
  return lines;
}
