import { describe, expect, it } from 'vitest';
import { parseSseBlock, takeCredential } from '../bridge/http-client';
import { chartGeometry, chartSummary } from './chart';
import { parseUnifiedDiff } from './diff';
import { formatSource, snoozeUntil, sourceTitle } from './format';

describe('chartSummary', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  const at = (minAgo: number) => new Date(now - minAgo * 60_000).toISOString();
  it('says the numbers the chart shows: checks, failures, fastest, slowest, median, p95, latest', () => {
    const history = {
      range: '24h' as const, uptimePct: 66.7, p50Ms: 40, p95Ms: 118,
      samples: [
        { at: at(30), latencyMs: 40, outcome: 'healthy' as const },
        { at: at(20), latencyMs: null, outcome: 'down' as const },
        { at: at(10), latencyMs: 120.4, outcome: 'healthy' as const },
        { at: at(60 * 25), latencyMs: 5, outcome: 'healthy' as const },
      ],
    };
    expect(chartSummary(history, now)).toBe('Latency over the last 24 hours: 3 checks, 1 failed; fastest 40 ms, slowest 120 ms, median 40 ms, 95th percentile 118 ms; latest 120 ms.');
  });
  it('says when there is nothing to show, and when the latest check failed', () => {
    expect(chartSummary({ range: '24h', uptimePct: null, p50Ms: null, p95Ms: null, samples: [] }, now)).toBe('Latency over the last 24 hours: no checks yet.');
    const down = { range: '24h' as const, uptimePct: 0, p50Ms: null, p95Ms: null, samples: [{ at: at(1), latencyMs: null, outcome: 'down' as const }] };
    expect(chartSummary(down, now)).toBe('Latency over the last 24 hours: 1 check, 1 failed.');
  });
});

describe('parseUnifiedDiff', () => {
  it('classifies added, removed, hunk and header lines for colouring', () => {
    const lines = parseUnifiedDiff('--- a/settings.json\n+++ b/settings.json\n@@ -1,3 +1,2 @@\n {\n-  "A": 1,\n+  "B": 2\n }\n');
    expect(lines.map((l) => l.kind)).toEqual(['header', 'header', 'hunk', 'context', 'remove', 'add', 'context']);
    expect(lines[4].text).toBe('-  "A": 1,');
  });
});

describe('chartGeometry', () => {
  const now = Date.parse('2026-07-01T12:00:00Z');
  it('places samples across 24 h, breaks the line at failures and marks them', () => {
    const g = chartGeometry(
      [
        { at: '2026-07-01T00:00:00Z', latencyMs: 100, outcome: 'healthy' },
        { at: '2026-07-01T00:05:00Z', latencyMs: 200, outcome: 'healthy' },
        { at: '2026-07-01T06:00:00Z', latencyMs: null, outcome: 'down' },
        { at: '2026-07-01T11:59:00Z', latencyMs: 100, outcome: 'healthy' },
      ],
      { width: 600, height: 100, now },
    );
    expect(g.maxMs).toBe(200);
    expect(g.line).toBe('M300,50L302.1,0M599.6,50h2');
    expect(g.failures).toEqual([450]);
  });
  it('draws nothing when there is no data, with a stable scale', () => {
    const g = chartGeometry([], { width: 600, height: 100, now });
    expect(g.line).toBe('');
    expect(g.maxMs).toBe(50);
  });
});

describe('takeCredential', () => {
  const session = () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    const replaced: string[] = [];
    const history = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    return { storage, replaced, history };
  };

  it('keeps the token from the fragment in the session and removes it from the URL, keeping a deep link', () => {
    const { storage, replaced, history } = session();
    expect(takeCredential({ search: '?x=1', pathname: '/', hash: '#token=abc123#finding=proxy-invalid' }, storage, history).token).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#finding=proxy-invalid']);
    // A reload finds it in the session.
    expect(takeCredential({ search: '', pathname: '/', hash: '' }, storage, history).token).toBe('abc123');
  });

  it('ignores a token in the query string (it would reach servers and logs) and an empty one', () => {
    const { storage, history } = session();
    expect(takeCredential({ search: '?token=abc123', pathname: '/', hash: '' }, storage, history).token).toBeNull();
    expect(takeCredential({ search: '', pathname: '/', hash: '#token=' }, storage, history).token).toBeNull();
  });

  it('hands a one-time code over for exchange and hides it', () => {
    const { storage, replaced, history } = session();
    expect(takeCredential({ search: '', pathname: '/', hash: '#code=c0de' }, storage, history)).toEqual({ token: null, code: 'c0de' });
    expect(replaced).toEqual(['/']);
  });
});

describe('parseSseBlock', () => {
  it('reads the event name and joins data lines; comments alone are no event', () => {
    expect(parseSseBlock('event: notify\ndata: {"a":1}')).toEqual({ event: 'notify', data: '{"a":1}' });
    expect(parseSseBlock('data: a\ndata: b')).toEqual({ event: 'message', data: 'a\nb' });
    expect(parseSseBlock(': keep-alive')).toBeNull();
  });
});

describe('formatting', () => {
  it('shows provenance as file:line', () => {
    expect(formatSource({ kind: 'user-settings', path: '/h/.claude/settings.json', line: 4 })).toBe('/h/.claude/settings.json:4');
    expect(formatSource(null)).toBe('default');
    // With the home folder known: ~/… on screen, the full path in the tooltip.
    const source = { kind: 'user-settings' as const, path: '/home/ana/.claude/settings.json', line: 4 };
    expect(formatSource(source, '/home/ana')).toBe('~/.claude/settings.json:4');
    expect(sourceTitle(source)).toBe('/home/ana/.claude/settings.json:4');
  });
  it('snoozes until 08:00 tomorrow, local time', () => {
    const until = new Date(snoozeUntil('tomorrow', new Date(2026, 6, 1, 22, 30)));
    expect([until.getDate(), until.getHours(), until.getMinutes()]).toEqual([2, 8, 0]);
    expect(Date.parse(snoozeUntil('4h', new Date(0)))).toBe(4 * 3600_000);
  });
});
