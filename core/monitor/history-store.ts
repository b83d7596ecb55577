import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../ports';
import type { HistoryEntry, HistoryRange, HistorySummary, Outcome, ProbeKind } from '../types';

export interface HistoryStore {
  /** Records one probe: a single appended line, never a rewrite of the file. */
  append(entry: HistoryEntry): void;
  /** Entries at or after `sinceMs`, oldest first (all kept entries by default). */
  entries(sinceMs?: number): HistoryEntry[];
  summary(range: HistoryRange): HistorySummary;
}

export interface HistoryStoreOptions {
  /** The app's data folder; the store writes history.jsonl (and history.1.jsonl) there. */
  dir: string;
  clock: Clock;
  /** Lines per file before it rotates (default 50,000). */
  maxEntries?: number;
  /** How long entries are kept (default 7 days). */
  retentionMs?: number;
  /** Write failures (disk full, permissions), in words; history is best-effort. */
  onError?: (message: string) => void;
}

const HISTORY_FILE = 'history.jsonl';
const HISTORY_ROTATED_FILE = 'history.1.jsonl';
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RETENTION_MS = 7 * DAY_MS;
const DEFAULT_MAX_ENTRIES = 50_000;
/** At most this much of each file is read at start-up (the newest part), so a huge file cannot stall launch. */
const MAX_READ_BYTES = 16 * 1024 * 1024;
const MAX_CHART_POINTS = 288;

const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['healthy', 'degraded', 'down', 'offline', 'unconfigured']);
const KINDS: ReadonlySet<string> = new Set<ProbeKind>(['liveness', 'message', 'realistic']);

/**
 * Probe history as JSON lines, so it survives restarts and an append costs one
 * small write. Two files bound the disk use: when history.jsonl reaches
 * `maxEntries` lines, or its oldest entry is older than the retention window,
 * it is renamed to history.1.jsonl (replacing the previous one). Entries older
 * than the window are dropped on load. A corrupt or truncated line (a crash
 * mid-write) is skipped, never fatal, and the next append starts on a fresh
 * line so it cannot be glued onto the broken one.
 */
export function createHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  const { dir, clock } = opts;
  const maxEntries = Math.max(1, opts.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
  const currentPath = join(dir, HISTORY_FILE);
  const rotatedPath = join(dir, HISTORY_ROTATED_FILE);

  const rotated = readEntries(rotatedPath);
  const current = readEntries(currentPath);
  let linesInCurrent = current.lines;
  let currentOldestMs = current.entries.length > 0 ? Date.parse(current.entries[0].at) : null;
  let needsNewline = current.endsWithoutNewline;
  let memory: HistoryEntry[] = [...rotated.entries, ...current.entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  prune();

  function prune(): void {
    const cutoff = clock.now() - retentionMs;
    let drop = 0;
    while (drop < memory.length && Date.parse(memory[drop].at) < cutoff) drop++;
    if (drop > 0) memory = memory.slice(drop);
    // Memory never holds more than both files could.
    if (memory.length > 2 * maxEntries) memory = memory.slice(memory.length - 2 * maxEntries);
  }

  function rotateIfDue(atMs: number): void {
    const tooMany = linesInCurrent >= maxEntries;
    const tooOld = currentOldestMs !== null && atMs - currentOldestMs > retentionMs;
    if (!tooMany && !tooOld) return;
    if (existsSync(currentPath)) renameSync(currentPath, rotatedPath);
    linesInCurrent = 0;
    currentOldestMs = null;
    needsNewline = false;
  }

  return {
    append(entry: HistoryEntry): void {
      const clean = sanitize(entry);
      if (!clean) return;
      const atMs = Date.parse(clean.at);
      memory.push(clean);
      prune();
      try {
        mkdirSync(dir, { recursive: true });
        rotateIfDue(atMs);
        appendFileSync(currentPath, `${needsNewline ? '\n' : ''}${JSON.stringify(clean)}\n`, { encoding: 'utf8', mode: 0o600 });
        needsNewline = false;
        linesInCurrent += 1;
        if (currentOldestMs === null) currentOldestMs = atMs;
      } catch (error) {
        opts.onError?.(`Could not write probe history to ${currentPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    entries(sinceMs?: number): HistoryEntry[] {
      prune();
      if (sinceMs === undefined) return [...memory];
      return memory.filter((e) => Date.parse(e.at) >= sinceMs);
    },
    summary(range: HistoryRange): HistorySummary {
      prune();
      const now = clock.now();
      const windowMs = range === '24h' ? DAY_MS : 7 * DAY_MS;
      // The on-demand realistic check is kept for the token budget only: it judges
      // streaming, not whether the gateway was up, so it stays out of uptime and latency.
      return summarize(
        memory.filter((e) => Date.parse(e.at) >= now - windowMs && e.kind !== 'realistic'),
        range,
        now - windowMs,
        now,
      );
    },
  };
}

/**
 * The dashboard's numbers from raw entries. Uptime counts healthy and degraded
 * as up and down as down; offline (our side) and unconfigured (nothing to
 * check) say nothing about the gateway, so they leave the denominator.
 * Latency percentiles use only probes that got an answer (healthy/degraded).
 * Samples are bucketed into at most 288 equal slices of the window; each
 * shows the worst outcome and the mean latency in that slice, so a short
 * outage stays visible on the chart.
 */
export function summarize(entries: readonly HistoryEntry[], range: HistoryRange, fromMs: number, toMs: number): HistorySummary {
  let up = 0;
  let down = 0;
  const latencies: number[] = [];
  for (const e of entries) {
    if (e.outcome === 'healthy' || e.outcome === 'degraded') {
      up++;
      if (e.latencyMs !== null) latencies.push(e.latencyMs);
    } else if (e.outcome === 'down') {
      down++;
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    range,
    uptimePct: up + down === 0 ? null : Math.round((up / (up + down)) * 10_000) / 100,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    samples: downsample(entries, fromMs, toMs),
  };
}

/** Nearest-rank percentile of sorted values (null when empty). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const SEVERITY: Record<Outcome, number> = { healthy: 0, unconfigured: 1, offline: 2, degraded: 3, down: 4 };

function downsample(entries: readonly HistoryEntry[], fromMs: number, toMs: number): HistorySummary['samples'] {
  if (entries.length <= MAX_CHART_POINTS) {
    return entries.map((e) => ({ at: e.at, latencyMs: e.latencyMs, outcome: e.outcome }));
  }
  const span = Math.max(1, toMs - fromMs);
  const buckets = new Map<number, { first: string; worst: Outcome; sum: number; n: number }>();
  for (const e of entries) {
    const index = Math.min(MAX_CHART_POINTS - 1, Math.max(0, Math.floor(((Date.parse(e.at) - fromMs) / span) * MAX_CHART_POINTS)));
    const b = buckets.get(index);
    if (!b) {
      buckets.set(index, { first: e.at, worst: e.outcome, sum: e.latencyMs ?? 0, n: e.latencyMs === null ? 0 : 1 });
      continue;
    }
    if (SEVERITY[e.outcome] > SEVERITY[b.worst]) b.worst = e.outcome;
    if (e.latencyMs !== null) {
      b.sum += e.latencyMs;
      b.n++;
    }
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, b]) => ({ at: b.first, latencyMs: b.n === 0 ? null : Math.round(b.sum / b.n), outcome: b.worst }));
}

/** Keeps only the known fields with valid values: history is read back from disk, so it is untrusted input. */
function sanitize(value: unknown): HistoryEntry | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return null;
  if (typeof v.kind !== 'string' || !KINDS.has(v.kind)) return null;
  if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return null;
  const latency = v.latencyMs;
  if (latency !== null && (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0)) return null;
  const ids = Array.isArray(v.findingIds) ? v.findingIds.filter((x): x is string => typeof x === 'string' && x.length <= 100).slice(0, 50) : [];
  const tokens = typeof v.tokens === 'number' && Number.isInteger(v.tokens) && v.tokens >= 0 && v.tokens <= 10_000 ? { tokens: v.tokens } : {};
  return { at: new Date(Date.parse(v.at)).toISOString(), kind: v.kind as ProbeKind, outcome: v.outcome as Outcome, latencyMs: latency as number | null, findingIds: ids, ...tokens };
}

function readEntries(path: string): { entries: HistoryEntry[]; lines: number; endsWithoutNewline: boolean } {
  let text: string;
  try {
    const size = statSync(path).size;
    const start = Math.max(0, size - MAX_READ_BYTES);
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
    // When we skipped the head, the first line is partial: drop it.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
  } catch {
    return { entries: [], lines: 0, endsWithoutNewline: false };
  }
  const entries: HistoryEntry[] = [];
  const rawLines = text.split('\n');
  let lines = 0;
  for (const line of rawLines) {
    if (line.trim() === '') continue;
    lines++;
    try {
      const entry = sanitize(JSON.parse(line));
      if (entry) entries.push(entry);
    } catch {
      // A torn or corrupt line: skip it.
    }
  }
  return { entries, lines, endsWithoutNewline: text.length > 0 && !text.endsWith('\n') };
}
