/**
 * Benchmarks of the session-log reader (core/sessions), against real files:
 *
 * 1. An API error appended to a session log → visible in the service's
 *    snapshot (the `snapshot` event), p50/p95 over many appends, with the
 *    tokens that reading costs (none: no request is sent to see it; the full
 *    probe it triggers is counted separately, at most one a minute).
 * 2. 1,000 session logs of 1 MB each (built from lines the real Claude Code
 *    wrote) present at start-up: the start-up scan time, then idle CPU and
 *    RSS of the monitor plus the reader watching them, in a process of its own.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { hostFromEnv } from '../core/host';
import { createGatewayDoctor } from '../core/service';
import { createSessionReader } from '../core/sessions';
import type { DashboardSnapshot } from '../core/types';
import { startTestGateway } from '../test-gateway/server';
import { makeSessionsHome, memorySecretStore } from '../core/testing/fixtures';
import { IDLE_SETTLE_SECONDS } from '../core/monitor/monitor.bench';

const run = promisify(execFile);
// Run from the repository root (npm run bench); this file is bundled elsewhere before it runs.
const FIXTURES = resolve('core', 'sessions', 'fixtures');

export interface BenchRow {
  metric: string;
  value: number | string;
  unit: string;
  goal: string;
  met: boolean | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (n: number) => Math.round(n * 10) / 10;

function fixtureLines(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8').split('\n').filter(Boolean);
}

/** Error appended → in the snapshot. */
export async function benchSessionLatency(samples = 40): Promise<{ p50Ms: number; p95Ms: number; maxMs: number; samples: number; tokensToSee: number; probesTriggered: number }> {
  const gateway = await startTestGateway({ scenario: 'healthy' });
  const { log, env, cleanup } = await makeSessionsHome(gateway.url, { prefix: 'gd-bench-sessions-', token: 'sk-bench-0000000000000000' });
  try {
    await writeFile(log, fixtureLines('2.1.332-healthy').join('\n') + '\n');
    const host = hostFromEnv(env, 'linux');
    const service = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', watch: true });
    let latest: DashboardSnapshot | null = null;
    let wake: (() => void) | null = null;
    service.on('snapshot', (s) => {
      latest = s;
      wake?.();
    });
    await service.start();
    await sleep(1_500); // start-up probe and first snapshots are not what we measure
    const messagesBefore = gateway.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')).length;
    const errorLine = fixtureLines('2.1.332-529').find((l) => l.includes('"isApiErrorMessage":true'))!;
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const at = new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(); // unique, so each sample is told apart
      const t0 = performance.now();
      appendFileSync(log, errorLine.replace(/"timestamp":"[^"]+"/, `"timestamp":"${at}"`) + '\n');
      const deadline = t0 + 5_000;
      while (!(latest as DashboardSnapshot | null)?.sessions?.recentErrors.some((e) => e.at === at) && performance.now() < deadline) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 5);
        });
      }
      times.push(performance.now() - t0);
      await sleep(100);
    }
    const probesTriggered = gateway.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')).length - messagesBefore;
    await service.close();
    // Reading the logs sends nothing: every token spent here is a probe the errors triggered (at most one a minute).
    return { p50Ms: r1(pct(times, 50)), p95Ms: r1(pct(times, 95)), maxMs: r1(Math.max(...times)), samples, tokensToSee: 0, probesTriggered };
  } finally {
    await gateway.close();
    await cleanup();
  }
}

/** Writes `count` logs of about `bytes` each, spread over project folders, from lines the real Claude Code wrote. */
export async function makeSessionLogs(configDir: string, count = 1_000, bytes = 1024 * 1024, projects = 50): Promise<void> {
  const lines = [...fixtureLines('2.1.332-401'), ...fixtureLines('2.1.197-healthy')];
  let block = '';
  while (block.length < bytes) block += lines.join('\n') + '\n';
  const content = block.slice(0, block.lastIndexOf('\n', bytes) + 1);
  const old = new Date(Date.now() - 3 * 86_400_000);
  const { utimes } = await import('node:fs/promises');
  for (let p = 0; p < projects; p++) await mkdir(join(configDir, 'projects', `-home-user-code-project-${p}`), { recursive: true });
  for (let i = 0; i < count; i++) {
    const path = join(configDir, 'projects', `-home-user-code-project-${i % projects}`, `session-${i}.jsonl`);
    await writeFile(path, content);
    // Most logs are old; the 20 newest are from today (the reader reads back the tails of the 10 newest).
    if (i >= 20) await utimes(path, old, old);
  }
}

/** Start-up scan of the logs: list, stat, take each at its end, read the tails of the 20 newest. */
export async function benchSessionStartup(configDir: string, runs = 5): Promise<{ medianMs: number; maxMs: number; tracked: number }> {
  const times: number[] = [];
  let tracked = 0;
  for (let i = 0; i < runs; i++) {
    const reader = createSessionReader({ configDir });
    const t0 = performance.now();
    await reader.start();
    times.push(performance.now() - t0);
    tracked = reader.trackedFiles();
    reader.stop();
  }
  return { medianMs: r1(pct(times, 50)), maxMs: r1(Math.max(...times)), tracked };
}

/** Idle CPU and RSS with the reader watching the logs, in a process of its own (bench/idle.ts). */
async function idleWithSessions(configDir: string, seconds: number): Promise<{ cpuPct: number; rssMb: number; startupPeakRssMb: number; sessionStartupMs: number; trackedLogs: number }> {
  const gateway = await startTestGateway();
  try {
    const { build } = await import('esbuild');
    const outfile = join('dist', 'run', 'idle.mjs');
    await build({ entryPoints: ['bench/idle.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    const { stdout } = await run(process.execPath, [outfile, String(seconds), gateway.url, configDir], { timeout: (seconds + 120) * 1000 });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } finally {
    await gateway.close();
  }
}

export async function benchSessions(log: (text: string) => void = () => undefined): Promise<{ results: Record<string, unknown>; rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  const results: Record<string, unknown> = {};

  log('sessions: error appended to a session log → visible in the snapshot…');
  const latency = await benchSessionLatency();
  results.latency = latency;
  rows.push({ metric: 'session error appended → in the snapshot, p50 / p95', value: `${latency.p50Ms} / ${latency.p95Ms}`, unit: 'ms', goal: 'p95 ≤ 1,000', met: latency.p95Ms <= 1000 });
  rows.push({ metric: 'tokens spent to see a session error', value: latency.tokensToSee, unit: 'tokens', goal: '0', met: latency.tokensToSee === 0 });
  rows.push({ metric: `full probes triggered by ${latency.samples} session errors (rate-capped)`, value: latency.probesTriggered, unit: 'probes', goal: '≤ 1 a minute', met: latency.probesTriggered <= 1 });

  log('sessions: writing 1,000 session logs of 1 MB each…');
  const root = await mkdtemp(join(tmpdir(), 'gd-bench-sessionlogs-'));
  try {
    const configDir = join(root, '.claude');
    await makeSessionLogs(configDir);
    const startup = await benchSessionStartup(configDir);
    results.startup = startup;
    rows.push({ metric: `start-up scan of ${startup.tracked} session logs of 1 MB, median / max`, value: `${startup.medianMs} / ${startup.maxMs}`, unit: 'ms', goal: '≤ 1,000', met: startup.maxMs <= 1000 });

    log('sessions: idle CPU and RSS with the reader watching them, 60 s in a process of its own…');
    const idle = await idleWithSessions(configDir, 60);
    results.idle = idle;
    rows.push({ metric: 'idle CPU with 1,000 session logs watched (60 s)', value: idle.cpuPct, unit: '% of a core', goal: '< 1', met: idle.cpuPct < 1 });
    rows.push({ metric: `idle RSS with 1,000 session logs watched (from ${IDLE_SETTLE_SECONDS} s after start)`, value: idle.rssMb, unit: 'MB', goal: '< 80', met: idle.rssMb < 80 });
    rows.push({ metric: `RSS peak in the first ${IDLE_SETTLE_SECONDS} s with 1,000 session logs (start-up)`, value: idle.startupPeakRssMb, unit: 'MB', goal: 'info', met: null });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return { results, rows };
}
