import type { HistorySummary } from '../../../core/types';

export interface ChartGeometry {
  /** SVG path for successful samples; segments break at failures and gaps. */
  line: string;
  /** x positions of failed samples. */
  failures: number[];
  maxMs: number;
  /** Horizontal grid lines: value and y. */
  ticks: Array<{ ms: number; y: number }>;
}

const GAP_MS = 15 * 60_000;

/** A check that failed: no latency, or the gateway was down or the machine offline. Drawn as a red tick, not on the line. */
function failedSample(sample: HistorySummary['samples'][number]): boolean {
  return sample.latencyMs === null || sample.outcome === 'down' || sample.outcome === 'offline';
}

/**
 * Lays out 24 h of samples in a fixed-size box so the chart never changes
 * size as data arrives (no layout jumps). Pure, so it is tested without a DOM.
 */
export function chartGeometry(
  samples: HistorySummary['samples'],
  opts: { width: number; height: number; now: number; rangeMs?: number },
): ChartGeometry {
  const rangeMs = opts.rangeMs ?? 24 * 3600_000;
  const start = opts.now - rangeMs;
  const ok = samples.filter((s) => !failedSample(s));
  const highest = ok.reduce((max, s) => Math.max(max, s.latencyMs ?? 0), 0);
  const maxMs = niceCeiling(Math.max(highest, 50));
  const x = (at: number) => Math.min(opts.width, Math.max(0, ((at - start) / rangeMs) * opts.width));
  const y = (ms: number) => opts.height - (ms / maxMs) * opts.height;
  let line = '';
  let previous: number | null = null;
  let segmentPoints = 0;
  // A lone point draws nothing as a path: give it a short stroke so it shows as a dot.
  const closeSegment = () => {
    if (segmentPoints === 1) line += 'h2';
    segmentPoints = 0;
  };
  const failures: number[] = [];
  for (const sample of [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const at = Date.parse(sample.at);
    if (Number.isNaN(at) || at < start) continue;
    if (failedSample(sample)) {
      failures.push(round(x(at)));
      closeSegment();
      previous = null;
      continue;
    }
    const command = previous === null || at - previous > GAP_MS ? 'M' : 'L';
    if (command === 'M') closeSegment();
    line += `${command}${round(x(at))},${round(y(sample.latencyMs ?? 0))}`;
    segmentPoints += 1;
    previous = at;
  }
  closeSegment();
  const ticks = [0.5, 1].map((f) => ({ ms: Math.round(maxMs * f), y: round(y(maxMs * f)) }));
  return { line, failures, maxMs, ticks };
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The chart's text alternative: the numbers it shows, in words. Screen
 * readers read it instead of the drawing. Uses the same samples as the chart
 * (the last 24 h before `now`).
 */
export function chartSummary(history: HistorySummary, now: number, rangeMs = 24 * 3600_000): string {
  const inRange = history.samples.filter((s) => {
    const at = Date.parse(s.at);
    return !Number.isNaN(at) && at >= now - rangeMs;
  });
  if (inRange.length === 0) return 'Latency over the last 24 hours: no checks yet.';
  const failed = inRange.filter(failedSample);
  const ok = inRange.filter((s) => !failedSample(s)).map((s) => s.latencyMs ?? 0);
  const ms = (value: number | null) => (value === null ? 'unknown' : `${Math.round(value)} ms`);
  const parts = [`Latency over the last 24 hours: ${inRange.length} ${inRange.length === 1 ? 'check' : 'checks'}, ${failed.length} failed`];
  if (ok.length > 0) {
    parts.push(`fastest ${ms(Math.min(...ok))}, slowest ${ms(Math.max(...ok))}, median ${ms(history.p50Ms)}, 95th percentile ${ms(history.p95Ms)}`);
    const last = inRange.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
    parts.push(failedSample(last) ? 'the latest check failed' : `latest ${ms(last.latencyMs)}`);
  }
  return `${parts.join('; ')}.`;
}
