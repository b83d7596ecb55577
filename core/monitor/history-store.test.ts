import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry, Outcome } from '../types';
import { FakeClock } from '../testing/fixtures';
import { createHistoryStore, percentile, summarize } from './history-store';

let dir: string;
let clock: FakeClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gd-history-'));
  clock = new FakeClock();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function entry(atMs: number, outcome: Outcome, latencyMs: number | null = 100, findingIds: string[] = []): HistoryEntry {
  return { at: new Date(atMs).toISOString(), kind: 'liveness', outcome, latencyMs, findingIds };
}

describe('createHistoryStore', () => {
  it('persists entries across a re-created store', () => {
    const a = createHistoryStore({ dir, clock });
    a.append(entry(clock.now() - 60_000, 'healthy', 120));
    a.append(entry(clock.now(), 'down', null, ['gateway-refused']));

    const b = createHistoryStore({ dir, clock });
    expect(b.entries()).toEqual([entry(clock.now() - 60_000, 'healthy', 120), entry(clock.now(), 'down', null, ['gateway-refused'])]);
  });

  it('appends one line per probe instead of rewriting the file', () => {
    const store = createHistoryStore({ dir, clock });
    store.append(entry(clock.now(), 'healthy', 50));
    const first = readFileSync(join(dir, 'history.jsonl'), 'utf8');
    store.append(entry(clock.now() + 1000, 'healthy', 60));
    const second = readFileSync(join(dir, 'history.jsonl'), 'utf8');
    expect(second.startsWith(first)).toBe(true);
    expect(second.trim().split('\n')).toHaveLength(2);
  });

  it('rotates to history.1.jsonl at maxEntries and still reads both files', () => {
    const store = createHistoryStore({ dir, clock, maxEntries: 3 });
    for (let i = 0; i < 5; i++) store.append(entry(clock.now() + i * 1000, 'healthy', 10 + i));
    expect(readFileSync(join(dir, 'history.1.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);

    for (let i = 5; i < 7; i++) store.append(entry(clock.now() + i * 1000, 'healthy', 10 + i));
    // The second rotation replaced the first: disk holds at most 2 files.
    expect(readFileSync(join(dir, 'history.1.jsonl'), 'utf8')).toContain('"latencyMs":13');
    expect(readFileSync(join(dir, 'history.1.jsonl'), 'utf8')).not.toContain('"latencyMs":10');

    const reopened = createHistoryStore({ dir, clock, maxEntries: 3 });
    expect(reopened.entries().map((e) => e.latencyMs)).toEqual([13, 14, 15, 16]);
  });

  it('drops entries older than 7 days', () => {
    const store = createHistoryStore({ dir, clock });
    store.append(entry(clock.now() - 8 * 86_400_000, 'down', null));
    store.append(entry(clock.now() - 6 * 86_400_000, 'healthy', 10));
    expect(store.entries()).toHaveLength(1);
    expect(createHistoryStore({ dir, clock }).entries()).toHaveLength(1);
  });

  it('skips a corrupt line and a truncated last line, and keeps appending on a fresh line', () => {
    const file = join(dir, 'history.jsonl');
    const good = JSON.stringify(entry(clock.now() - 2000, 'healthy', 42));
    writeFileSync(file, `${good}\nnot json at all\n{"at":"2025-01-15T08:59:59.000Z","kind":"liveness","outcome":"nonsense","latencyMs":1,"findingIds":[]}\n{"at":"2025-01-15T08:5`);
    const store = createHistoryStore({ dir, clock });
    expect(store.entries().map((e) => e.latencyMs)).toEqual([42]);

    store.append(entry(clock.now(), 'healthy', 77));
    const reopened = createHistoryStore({ dir, clock });
    expect(reopened.entries().map((e) => e.latencyMs)).toEqual([42, 77]);
  });

  it('never throws when the folder cannot be written, and reports why', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const errors: string[] = [];
    const store = createHistoryStore({ dir: blocker, clock, onError: (m) => errors.push(m) });
    expect(() => store.append(entry(clock.now(), 'healthy', 1))).not.toThrow();
    expect(errors[0]).toContain(blocker);
    expect(store.entries()).toHaveLength(1);
  });

  it('creates only its own file in its folder', () => {
    const store = createHistoryStore({ dir: join(dir, 'app-data'), clock });
    expect(existsSync(join(dir, 'app-data'))).toBe(false);
    store.append(entry(clock.now(), 'healthy', 1));
    expect(existsSync(join(dir, 'app-data', 'history.jsonl'))).toBe(true);
  });

  it('summarises the last 24 h and 7 d from what it stored', () => {
    const store = createHistoryStore({ dir, clock });
    const now = clock.now();
    // Older than 24 h but within 7 d: an outage.
    store.append(entry(now - 3 * 86_400_000, 'down', null));
    store.append(entry(now - 3 * 86_400_000 + 1000, 'down', null));
    // Last 24 h: 3 up, 1 down, 1 offline, 1 unconfigured.
    store.append(entry(now - 5000, 'healthy', 100));
    store.append(entry(now - 4000, 'degraded', 300));
    store.append(entry(now - 3000, 'healthy', 200));
    store.append(entry(now - 2000, 'down', null));
    store.append(entry(now - 1000, 'offline', null));
    store.append(entry(now, 'unconfigured', null));

    const day = store.summary('24h');
    expect(day.uptimePct).toBe(75);
    expect(day.p50Ms).toBe(200);
    expect(day.p95Ms).toBe(300);
    expect(day.samples).toHaveLength(6);

    const week = store.summary('7d');
    expect(week.uptimePct).toBe(50);
  });
});

describe('summarize', () => {
  it('has no uptime when only offline or unconfigured checks exist', () => {
    const s = summarize([entry(0, 'offline', null), entry(1, 'unconfigured', null)], '24h', 0, 86_400_000);
    expect(s.uptimePct).toBeNull();
    expect(s.p50Ms).toBeNull();
  });

  it('downsamples a day of 30 s checks to at most 288 points, keeping an outage visible', () => {
    const from = 0;
    const entries: HistoryEntry[] = [];
    for (let t = 0; t < 86_400_000; t += 30_000) {
      entries.push(entry(t, t === 43_200_000 ? 'down' : 'healthy', t === 43_200_000 ? null : 100));
    }
    expect(entries.length).toBe(2880);
    const s = summarize(entries, '24h', from, 86_400_000);
    expect(s.samples.length).toBeLessThanOrEqual(288);
    expect(s.samples.length).toBeGreaterThan(280);
    expect(s.samples.filter((p) => p.outcome === 'down')).toHaveLength(1);
    expect(s.samples.every((p) => p.outcome === 'down' || p.latencyMs === 100)).toBe(true);
  });

  it('uses nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
  });
});

// Appending to a file another process truncated mid-line must not lose the new entry.
describe('history after a crash mid-write', () => {
  it('keeps the entry appended after a torn line', () => {
    const store = createHistoryStore({ dir, clock });
    store.append(entry(clock.now() - 1000, 'healthy', 5));
    appendFileSync(join(dir, 'history.jsonl'), '{"at":"20');
    const again = createHistoryStore({ dir, clock });
    again.append(entry(clock.now(), 'healthy', 6));
    expect(createHistoryStore({ dir, clock }).entries().map((e) => e.latencyMs)).toEqual([5, 6]);
  });
});
