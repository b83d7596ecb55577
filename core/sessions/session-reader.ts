/**
 * Watches Claude Code's session logs, `<config dir>/projects/<folder>/<id>.jsonl`,
 * and keeps the API errors real sessions hit and the time of the last
 * successful turn per surface.
 *
 * - Start-up reads no log from its start: every file is taken at its current
 *   end (one stat each), except the tail (`backfillBytes`) of the few most
 *   recently written files, so errors from the last hours show at once.
 * - Afterwards only appended bytes are read, bounded per file and per scan,
 *   on file-system events (fs.watch on projects/ and on each project folder:
 *   one watch per folder rather than per file, which keeps thousands of logs
 *   cheap), with a slow poll as a safety net for missed events and for
 *   folders created later.
 * - Partial lines wait for their newline; truncated or replaced files are
 *   read from their start; deleted files are forgotten.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SessionError, SessionsReport } from '../types';
import { readAppended, sameFile, tailAtEnd, tailAtStart, type FileIdentity, type TailState } from './log-tail';
import { LINE_MARKER, MAX_PARSED_LINE_CHARS, parseSessionLine } from './session-line';
import { SessionState } from './session-state';

export interface SessionReaderLimits {
  /** Appended bytes read from one file in one scan (older ones are skipped). */
  maxBytesPerFile: number;
  /** Bytes read over all files in one scan; the rest waits for the next scan. */
  maxBytesPerScan: number;
  /** Log files tracked at most (the most recently written are kept). */
  maxFiles: number;
  /** Project folders watched with fs.watch at most (the others are polled). */
  maxWatchedFolders: number;
  /** At start-up, the tails of this many most recently written logs are read... */
  backfillFiles: number;
  /** ...this many bytes from their end... */
  backfillBytes: number;
  /** ...if they were written within this long. */
  backfillMaxAgeMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionReaderLimits = {
  maxBytesPerFile: 4 * 1024 * 1024,
  maxBytesPerScan: 16 * 1024 * 1024,
  maxFiles: 10_000,
  maxWatchedFolders: 1_000,
  backfillFiles: 10,
  backfillBytes: 64 * 1024,
  backfillMaxAgeMs: 24 * 60 * 60_000,
};

export interface SessionReaderOptions {
  /** Claude Code's config folder ($CLAUDE_CONFIG_DIR or ~/.claude). */
  configDir: string;
  /** Applied to kept error text: the service's known secret values. */
  scrub?: (text: string) => string;
  /** An API error appended after start-up (not one read from the backfill). */
  onError?: (error: SessionError) => void;
  /** Anything kept changed (errors or success times). */
  onChange?: () => void;
  /** Safety-net poll, ms (default 30 s). */
  pollIntervalMs?: number;
  /** Wait after a file event before reading, so a burst of writes is one read (default 20 ms). */
  debounceMs?: number;
  limits?: Partial<SessionReaderLimits>;
  now?: () => number;
  /** False for one-shot use (`status`, `check`): read the recent tails, watch nothing. */
  watch?: boolean;
}

export interface SessionReader {
  /** Takes every log at its end, reads the recent tails, starts watching. */
  start(): Promise<void>;
  stop(): void;
  report(): SessionsReport;
  /** Reads everything appended now (tests, and the poll). */
  scanNow(): Promise<void>;
  /** Logs tracked (for the benchmark). */
  trackedFiles(): number;
}

/** Lines without it are neither errors nor turns: never decoded (most of a log: prompts, attachments, tool results). */
const MARKER = Buffer.from(LINE_MARKER);

interface ListedLog extends FileIdentity {
  size: number;
  mtimeMs: number;
}

interface Tracked {
  tail: TailState;
  mtimeMs: number;
}

export function createSessionReader(options: SessionReaderOptions): SessionReader {
  const limits: SessionReaderLimits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const projectsDir = join(options.configDir, 'projects');
  const now = options.now ?? Date.now;
  const scrub = options.scrub ?? ((t: string) => t);
  const state = new SessionState();
  const files = new Map<string, Tracked>();
  const dirty = new Set<string>();
  const folderWatchers = new Map<string, FSWatcher>();
  /** Project folders seen by the last listing, with or without logs (a new session's folder appears before its log). */
  let knownFolders: string[] = [];
  let rootWatcher: FSWatcher | null = null;
  /** While projects/ does not exist yet (Claude Code never ran here): watches the config folder for it. */
  let parentWatcher: FSWatcher | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let scanning: Promise<void> | null = null;
  let rescanWanted = false;

  async function listLogs(): Promise<Map<string, ListedLog>> {
    const found = new Map<string, ListedLog>();
    let folders: string[];
    try {
      folders = (await readdir(projectsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => join(projectsDir, d.name));
    } catch {
      return found; // no projects folder (yet): Claude Code has not run here
    }
    knownFolders = folders;
    const paths: string[] = [];
    for (const folder of folders) {
      try {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          if (entry.isFile() && entry.name.endsWith('.jsonl')) paths.push(join(folder, entry.name));
        }
      } catch {
        // unreadable folder: skip it
      }
    }
    const BATCH = 16; // small batches keep the peak memory of a big listing low (RSS stays at its peak)
    for (let i = 0; i < paths.length; i += BATCH) {
      const stats = await Promise.all(paths.slice(i, i + BATCH).map((p) => stat(p).then((s) => [p, s] as const, () => null)));
      for (const entry of stats) if (entry) found.set(entry[0], { size: entry[1].size, ino: entry[1].ino, birthtimeMs: entry[1].birthtimeMs, mtimeMs: entry[1].mtimeMs });
    }
    if (found.size > limits.maxFiles) {
      const keep = [...found].sort((a, b) => b[1].mtimeMs - a[1].mtimeMs).slice(0, limits.maxFiles);
      return new Map(keep);
    }
    return found;
  }

  function handleLines(path: string, lines: string[], fresh: boolean): boolean {
    const project = basename(join(path, '..'));
    let changed = false;
    for (const line of lines) {
      const parsed = parseSessionLine(line, project, scrub);
      if (!parsed) continue;
      changed = true;
      const added = state.add(parsed);
      if (added && fresh) {
        try {
          options.onError?.(added);
        } catch {
          // a subscriber's failure must not stop the reader
        }
      }
    }
    return changed;
  }

  async function backfill(): Promise<void> {
    const cutoff = now() - limits.backfillMaxAgeMs;
    const recent = [...files].filter(([, t]) => t.mtimeMs >= cutoff).sort((a, b) => b[1].mtimeMs - a[1].mtimeMs).slice(0, limits.backfillFiles);
    for (const [path, tracked] of recent) {
      const from = Math.max(0, tracked.tail.offset - limits.backfillBytes);
      const tail: TailState = { ...tailAtStart(tracked.tail), offset: from, skipping: from > 0 };
      const read = await readAppended(path, tail, { maxBytes: limits.backfillBytes, maxLineBytes: MAX_PARSED_LINE_CHARS, mustContain: MARKER });
      handleLines(path, read.lines, false);
    }
  }

  function syncWatchers(): void {
    if (!running || options.watch === false) return;
    if (!rootWatcher) {
      try {
        rootWatcher = watch(projectsDir, { persistent: false }, () => requestScan(null, true));
        rootWatcher.on('error', () => {
          rootWatcher?.close();
          rootWatcher = null;
        });
      } catch {
        rootWatcher = null; // not there yet: watch for it below
      }
    }
    if (rootWatcher) {
      parentWatcher?.close();
      parentWatcher = null;
    } else if (!parentWatcher) {
      try {
        parentWatcher = watch(options.configDir, { persistent: false }, (_event, name) => {
          if (name === 'projects') requestScan(null, true);
        });
        parentWatcher.on('error', () => {
          parentWatcher?.close();
          parentWatcher = null;
        });
      } catch {
        parentWatcher = null; // no config folder either: the poll will find it
      }
    }
    // Every tracked log lies in a folder of the last listing (or came from a watched folder's event),
    // so the listing alone names the folders: no walk over thousands of tracked paths per event.
    for (const folder of knownFolders) {
      if (folderWatchers.has(folder) || folderWatchers.size >= limits.maxWatchedFolders) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (typeof name === 'string' && name.endsWith('.jsonl')) requestScan(join(folder, name), false);
          else requestScan(null, true);
        });
        watcher.on('error', () => {
          watcher.close();
          folderWatchers.delete(folder);
        });
        folderWatchers.set(folder, watcher);
      } catch {
        // the poll covers it
      }
    }
  }

  function requestScan(path: string | null, relist: boolean): void {
    if (!running) return;
    if (path) dirty.add(path);
    if (relist) rescanWanted = true;
    if (debounceTimer) return;
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      void runScan();
    }, options.debounceMs ?? 20);
  }

  async function runScan(): Promise<void> {
    // One scan at a time: two reads of the same file at once would both advance its offset.
    while (scanning) await scanning;
    if (dirty.size === 0 && !rescanWanted) return;
    scanning = scanOnce().finally(() => {
      scanning = null;
    });
    await scanning;
    if (running && (dirty.size > 0 || rescanWanted)) requestScan(null, false);
  }

  /** New logs (created after start-up) are read from their start; the known ones from where we stopped. */
  async function relist(): Promise<void> {
    const listed = await listLogs();
    for (const path of files.keys()) if (!listed.has(path)) files.delete(path);
    for (const [path, info] of listed) {
      const known = files.get(path);
      if (!known) {
        files.set(path, { tail: tailAtStart(info), mtimeMs: info.mtimeMs });
        dirty.add(path);
      } else if (!sameFile(known.tail, info) || info.size !== known.tail.offset) {
        dirty.add(path);
      }
    }
    syncWatchers();
  }

  async function scanOnce(): Promise<void> {
    if (rescanWanted) {
      rescanWanted = false;
      await relist();
    }
    let budget = limits.maxBytesPerScan;
    let changed = false;
    for (const path of [...dirty]) {
      if (budget <= 0) break; // the rest stays dirty for the next scan
      dirty.delete(path);
      let tracked = files.get(path);
      if (!tracked) {
        // Appeared between polls: a new session, read from its start.
        tracked = { tail: tailAtStart({ ino: -1, birthtimeMs: -1 }), mtimeMs: now() };
        files.set(path, tracked);
        syncWatchers();
      }
      const read = await readAppended(path, tracked.tail, { maxBytes: Math.min(limits.maxBytesPerFile, budget), maxLineBytes: MAX_PARSED_LINE_CHARS, mustContain: MARKER });
      if (read.gone) {
        files.delete(path);
        continue;
      }
      budget -= read.bytesRead;
      tracked.mtimeMs = now();
      if (handleLines(path, read.lines, true)) changed = true;
    }
    if (changed) {
      try {
        options.onChange?.();
      } catch {
        // ignore subscriber failures
      }
    }
  }

  function schedulePoll(): void {
    if (!running || options.watch === false) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      rescanWanted = true;
      void runScan().finally(schedulePoll);
    }, options.pollIntervalMs ?? 30_000);
    pollTimer.unref?.();
  }

  return {
    async start() {
      if (running) return;
      running = true;
      for (const [path, info] of await listLogs()) files.set(path, { tail: tailAtEnd(info.size, info), mtimeMs: info.mtimeMs });
      await backfill();
      syncWatchers();
      schedulePoll();
    },

    stop() {
      running = false;
      if (pollTimer) clearTimeout(pollTimer);
      if (debounceTimer) clearTimeout(debounceTimer);
      pollTimer = debounceTimer = null;
      rootWatcher?.close();
      rootWatcher = null;
      parentWatcher?.close();
      parentWatcher = null;
      for (const w of folderWatchers.values()) w.close();
      folderWatchers.clear();
      files.clear();
      dirty.clear();
      state.clear();
    },

    report: () => state.report(true),

    async scanNow() {
      rescanWanted = true;
      await runScan();
    },

    trackedFiles: () => files.size,
  };
}

/** One-shot: what the recent tails of the session logs say (no watching). */
export async function readRecentSessions(options: Omit<SessionReaderOptions, 'watch' | 'onError' | 'onChange'>): Promise<SessionsReport> {
  const reader = createSessionReader({ ...options, watch: false });
  await reader.start();
  const report = reader.report();
  reader.stop();
  return report;
}
