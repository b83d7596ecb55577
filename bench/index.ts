/**
 * `npm run bench`: every figure the issues name, measured on this machine
 * against the loopback test gateway and real temp folders. Prints a table,
 * or one JSON object with `-- --json`. `-- --only probe,watcher` picks sections.
 *
 * The idle CPU/RSS measurement runs in a child process of its own, because
 * RSS is a whole-process figure and this process also runs Chromium drivers
 * and 10,000-probe loops.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveConfig } from '../core/config';
import { hostFromEnv } from '../core/host';
import { benchDetection, benchTokensPerDay, benchWatcher, IDLE_SETTLE_SECONDS } from '../core/monitor/monitor.bench';
import { createProber } from '../core/probe';
import { benchProbe, median } from '../core/probe/probe.bench';
import { benchStreaming } from './streaming';
import type { ClaudeCodeInfo } from '../core/types';
import { startTestGateway } from '../test-gateway/server';
import { benchDashboard } from '../e2e/bench/dashboard.bench';
import { benchStartup } from './startup';
import { benchSessions } from './sessions';

const run = promisify(execFile);
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
const wanted = (name: string) => !only || only.includes(name);

const NO_CLAUDE: ClaudeCodeInfo = { installed: false, version: null, authStatus: null, behaviourVersion: '2.1.240' };

interface Row {
  metric: string;
  value: number | string;
  unit: string;
  goal: string;
  met: boolean | null;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {};
function row(metric: string, value: number | string, unit: string, goal: string, met: boolean | null) {
  rows.push({ metric, value, unit, goal, met });
}
function log(text: string) {
  if (!asJson) process.stderr.write(text + '\n');
}

async function fixtureHome(baseUrl: string) {
  const root = await mkdtemp(join(tmpdir(), 'gd-bench-home-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  const settingsPath = join(home, '.claude', 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ env: { ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_AUTH_TOKEN: 'sk-bench-0000000000000000' } }, null, 2) + '\n');
  const managed = join(root, 'managed');
  await mkdir(managed);
  const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: managed, GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  return { root, home, host, settingsPath, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The guide's curl verification request, one process per request (as a user runs it). */
async function curlPerInvocation(url: string, token: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '--max-time', '10', '-w', '%{time_total}', '-X', 'POST', `${url}/v1/messages`, '-H', `Authorization: Bearer ${token}`, '-H', 'anthropic-version: 2023-06-01', '-H', 'content-type: application/json', '-d', '{"model":"claude-sonnet-4-6","max_tokens":1,"messages":[{"role":"user","content":"."}]}'], { timeout: 15_000 });
    out.push(Number.parseFloat(stdout) * 1000);
  }
  return out;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

async function probeSection() {
  log('probe: latency vs curl, RSS over 10,000 probes…');
  const p = await benchProbe();
  results.probe = p;
  // The guide's test: a 1-token POST /v1/messages. The app keeps its connection alive; curl, run as the guide shows, cannot.
  const gateway = await startTestGateway();
  const fx = await fixtureHome(gateway.url);
  const prober = createProber({ host: fx.host });
  try {
    const resolved = await resolveConfig(fx.host, { projectDir: null, claude: NO_CLAUDE });
    for (let i = 0; i < 20; i++) await prober.probe(resolved, { kind: 'message' });
    const app: number[] = [];
    for (let i = 0; i < 100; i++) app.push((await prober.probe(resolved, { kind: 'message' })).timings.totalMs);
    const curl = await curlPerInvocation(gateway.url, 'sk-bench-0000000000000000', 100);
    const ratio = median(app) / median(curl);
    results.probeMessage = { medianAppMs: r2(median(app)), medianCurlMs: r2(median(curl)), ratio: r2(ratio) };
    row('verification POST: app (keep-alive) / curl as in the guide', r2(ratio), '×', '≤ 1.0', ratio <= 1);
  } finally {
    await prober.close();
    await gateway.close();
    await fx.cleanup();
  }
  // For information: a sub-millisecond loopback HEAD where curl also reuses its connection; it swings around 1.0 between runs.
  row('liveness HEAD: app / curl (both keep-alive)', p.ratio, '×', 'info', null);
  row('RSS growth over the first 10,000 probes (warm-up ramp)', p.rssGrowthMb, 'MB', '—', null);
  row('RSS growth over the next 10,000 probes (steady state)', p.rssSteadyGrowthMb, 'MB', 'flat (< 5)', p.rssSteadyGrowthMb < 5);
  row('heap growth over 10,000 probes (after GC)', p.heapGrowthMb, 'MB', 'flat', p.heapGrowthMb < 2);
}

async function watcherSection() {
  log('watcher: write → resolved state (plain, atomic rename, delete+recreate)…');
  const fx = await fixtureHome('http://127.0.0.1:9');
  try {
    const w = await benchWatcher({
      file: fx.settingsPath,
      samples: 40,
      content: (i) => JSON.stringify({ env: { ANTHROPIC_BASE_URL: `http://127.0.0.1:${4000 + i}`, ANTHROPIC_AUTH_TOKEN: 'sk-bench-0000000000000000' } }, null, 2) + '\n',
      resolve: () => resolveConfig(fx.host, { projectDir: null, claude: NO_CLAUDE }),
    });
    results.watcher = w;
    for (const [name, v] of Object.entries(w)) row(`watcher ${name} → resolved, p50 / p95`, `${v.p50} / ${v.p95}`, 'ms', 'p95 ≤ 150', v.p95 <= 150 && v.missed === 0);
  } finally {
    await fx.cleanup();
  }
}

async function detectionSection() {
  log('detection: gateway stops → down event, and back → recovery, at the default 30 s interval…');
  const gateway = await startTestGateway();
  const fx = await fixtureHome(gateway.url);
  const prober = createProber({ host: fx.host });
  try {
    const resolved = await resolveConfig(fx.host, { projectDir: null, claude: NO_CLAUDE });
    const d = await benchDetection({
      livenessIntervalSec: 30,
      probeTimeoutMs: 10_000,
      stopGateway: () => gateway.stop(),
      startGateway: () => gateway.restart(),
      liveness: (signal) => prober.probe(resolved, { kind: 'liveness', timeoutMs: 10_000, signal }),
    });
    results.detection = d;
    row('down detected after the gateway stops', d.downDetectMs, 'ms', '≤ 40,000', d.downDetectMs <= 40_000);
    row('recovery detected after it is back', d.recoveryDetectMs, 'ms', '≤ 40,000', d.recoveryDetectMs <= 40_000);
  } finally {
    await prober.close();
    await gateway.close();
    await fx.cleanup();
  }
}

async function idleSection() {
  log('idle: monitor CPU and RSS over 60 s, in a process of its own…');
  const gateway = await startTestGateway();
  let stdout: string;
  try {
    // Bundle first, then run the bundle with plain node: the bundler must not sit in the measured process.
    const { build } = await import('esbuild');
    const outfile = join('dist', 'run', 'idle.mjs');
    await build({ entryPoints: ['bench/idle.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    ({ stdout } = await run(process.execPath, [outfile, '60', gateway.url], { timeout: 180_000 }));
  } finally {
    await gateway.close();
  }
  const idle = JSON.parse(stdout.trim().split('\n').pop()!);
  results.idle = idle;
  row('idle CPU (monitor + watcher, 60 s)', idle.cpuPct, '% of a core', '< 1', idle.cpuPct < 1);
  row(`idle RSS (from ${IDLE_SETTLE_SECONDS} s after start)`, idle.rssMb, 'MB', '< 80', idle.rssMb < 80);
  row(`RSS peak in the first ${IDLE_SETTLE_SECONDS} s (start-up)`, idle.startupPeakRssMb, 'MB', 'info', null);
}

async function tokensSection() {
  log('tokens: one simulated day at default settings, heavy use…');
  const t = await benchTokensPerDay();
  results.tokens = t;
  row('tokens per day at default settings (heavy use)', t.tokens, 'tokens', '≤ 100', t.tokens <= 100);
}

async function streamingSection() {
  log('streaming: the realistic check\'s own cost against the test gateway…');
  const s = await benchStreaming();
  results.streaming = s;
  row('streaming check: max_tokens asked / output billed per run', `${s.maxTokensAsked} / ${s.outputTokensBilled}`, 'tokens', '≤ 40', s.maxTokensAsked <= 40 && s.outputTokensBilled <= 40 && s.allHealthy);
  row('streaming check: input tokens per run (gateway estimate)', s.inputTokensBilled, 'tokens', 'info', null);
}

async function dashboardSection() {
  log('dashboard: bundle size, first paint, settings change → DOM…');
  const d = await benchDashboard();
  results.dashboard = d;
  row('renderer JavaScript, gzip', d.rendererGzipKb, 'KB', '≤ 200', d.rendererGzipKb <= 200);
  row('serve start → first meaningful paint', d.firstMeaningfulPaintMs, 'ms', '≤ 1,500', d.firstMeaningfulPaintMs <= 1500);
  row('settings change on disk → DOM, p50 / p95', `${d.settingsToDomP50Ms} / ${d.settingsToDomP95Ms}`, 'ms', 'p95 ≤ 300', d.settingsToDomP95Ms <= 300);
}

async function startupSection() {
  log('startup: built main bundle under the electron stand-in, 5 runs each…');
  const s = await benchStartup(5);
  results.startup = s;
  row('tray app: ready → tray visible (median of 5)', s.trayAfterReadyMs, 'ms', '≤ 300', s.trayAfterReadyMs <= 300);
  row('tray app: ready → tray visible, claude taking 5 s', s.trayAfterReadySlowClaudeMs, 'ms', '≤ 300', s.trayAfterReadySlowClaudeMs <= 300);
  row('tray app: ready → first health state in the tray', s.firstHealthAfterReadyMs, 'ms', '≤ 1,500', s.firstHealthAfterReadyMs <= 1500);
  if (s.firstHealthRealClaudeMs !== null) row('tray app: ready → first health, real npm claude 2.1.197', s.firstHealthRealClaudeMs, 'ms', 'info', null);
}

async function sessionsSection() {
  const s = await benchSessions(log);
  results.sessions = s.results;
  for (const r of s.rows) row(r.metric, r.value, r.unit, r.goal, r.met);
}

const sections: Array<[string, () => Promise<void>]> = [
  ['tokens', tokensSection],
  ['watcher', watcherSection],
  ['probe', probeSection],
  ['streaming', streamingSection],
  ['dashboard', dashboardSection],
  ['startup', startupSection],
  ['idle', idleSection],
  ['detection', detectionSection],
  ['sessions', sessionsSection],
];

for (const [name, section] of sections) {
  if (!wanted(name)) continue;
  try {
    await section();
  } catch (error) {
    row(`${name}: failed`, (error as Error).message.slice(0, 200), '', '', false);
  }
}

if (asJson) {
  process.stdout.write(JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, results, rows }, null, 2) + '\n');
} else {
  const widths = [Math.max(58, ...rows.map((r) => r.metric.length)), 16, 12, 18];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' ') + '\n';
  process.stdout.write(line(['metric', 'value', 'unit', 'goal', 'met']));
  process.stdout.write(line([...widths.map((w) => '-'.repeat(w)), '---']));
  for (const r of rows) process.stdout.write(line([r.metric, String(r.value), r.unit, r.goal, r.met === null ? '—' : r.met ? 'yes' : 'NO']));
}
process.exit(0);
