/**
 * Probe benchmark (for `npm run bench`, not vitest): the app's probe latency
 * against the loopback test gateway, next to curl's `%{time_total}` for the
 * same HEAD /api/hello in the same run, both over kept-alive connections;
 * and the RSS growth over 10,000 consecutive liveness probes.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { startTestGateway } from '../../test-gateway/server';
import { createProber } from './prober';
import { makeResolved, makeTempHost } from '../testing/fixtures';

const run = promisify(execFile);

export interface ProbeBenchResult {
  /** Median of the latency the app measures and reports (ProbeReport.timings.totalMs), comparable to curl's time_total. */
  medianProbeMs: number;
  /** Median wall time of a whole prober.probe() call (building, sending, diagnosing, redacting). */
  medianProbeWallMs: number;
  medianCurlMs: number;
  /** medianProbeMs / medianCurlMs: the goal is at most 1.0. */
  ratio: number;
  /** RSS after the probes minus RSS after warm-up, in MB: the goal is flat. */
  rssGrowthMb: number;
  /** RSS growth over a second run of `probes`, right after the first (MB): the steady state, once JIT code and allocator arenas have settled. */
  rssSteadyGrowthMb: number;
  /** Heap in use after GC, after minus before (MB): separates a real leak from V8 reserving heap space. */
  heapGrowthMb: number;
  /** Liveness probes run for the RSS measurement. */
  probes: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** curl's time_total (ms) for `count` HEAD requests on one kept-alive connection. */
async function curlTimes(url: string, count: number): Promise<number[]> {
  const args = ['-s', '-I', '-o', '/dev/null', '--max-time', '10', '-w', '%{time_total}\\n'];
  for (let i = 0; i < count; i++) args.push(url);
  const { stdout } = await run('curl', args, { timeout: 60_000, maxBuffer: 1024 * 1024 });
  return stdout
    .split('\n')
    .map((line) => Number.parseFloat(line))
    .filter((n) => Number.isFinite(n))
    .map((s) => s * 1000);
}

/**
 * Runs the benchmark. `probes` (default 10,000) liveness probes measure
 * memory; the latency comparison takes `samples` (default 200) of each.
 */
export async function benchProbe(opts: { probes?: number; samples?: number } = {}): Promise<ProbeBenchResult> {
  const probes = opts.probes ?? 10_000;
  const samples = opts.samples ?? 200;
  const gateway = await startTestGateway();
  const { host, cleanup } = await makeTempHost();
  const prober = createProber({ host });
  const resolved = makeResolved({ baseUrl: gateway.url, authToken: 'sk-bench-token-000000000000' });
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    // Warm up (JIT, connection): the first thousand probes are not representative.
    for (let i = 0; i < 2000; i++) await prober.probe(resolved, { kind: 'liveness' });
    gateway.requests.length = 0;

    gc?.();
    const before = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < probes; i++) {
      await prober.probe(resolved, { kind: 'liveness' });
      if (gateway.requests.length > 1000) gateway.requests.length = 0; // the gateway's own log is not the app's memory
    }
    gateway.requests.length = 0;
    gc?.();
    const after = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    // A second, identical run: growth here is what a day-long monitor would keep adding.
    for (let i = 0; i < probes; i++) {
      await prober.probe(resolved, { kind: 'liveness' });
      if (gateway.requests.length > 1000) gateway.requests.length = 0;
    }
    gateway.requests.length = 0;
    gc?.();
    const steadyAfter = process.memoryUsage().rss;
    if (process.env.GATEWAY_DOCTOR_BENCH_DEBUG) console.error({ connections: gateway.connectionCount, memory: process.memoryUsage() });

    // Latency: interleave rounds so both see the same machine load; curl keeps its connection alive within a round.
    await curlTimes(`${gateway.url}/api/hello`, 20);
    const app: number[] = [];
    const wall: number[] = [];
    const curl: number[] = [];
    const rounds = 4;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < samples / rounds; i++) {
        const t0 = performance.now();
        const report = await prober.probe(resolved, { kind: 'liveness' });
        wall.push(performance.now() - t0);
        app.push(report.timings.totalMs);
      }
      curl.push(...(await curlTimes(`${gateway.url}/api/hello`, samples / rounds)));
      gateway.requests.length = 0;
    }

    const medianProbeMs = median(app);
    const medianCurlMs = median(curl);
    return {
      medianProbeMs: round(medianProbeMs),
      medianProbeWallMs: round(median(wall)),
      medianCurlMs: round(medianCurlMs),
      ratio: round(medianProbeMs / medianCurlMs),
      rssGrowthMb: round((after - before) / (1024 * 1024), 2),
      rssSteadyGrowthMb: round((steadyAfter - after) / (1024 * 1024), 2),
      heapGrowthMb: round((heapAfter - heapBefore) / (1024 * 1024), 2),
      probes,
    };
  } finally {
    await prober.close();
    await gateway.close();
    await cleanup();
  }
}
