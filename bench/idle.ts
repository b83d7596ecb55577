/**
 * Idle cost of the monitor, in a process of its own: the real resolver,
 * the real prober against the gateway URL given by the parent, the real
 * watcher on a fixture HOME, default intervals. Prints one JSON line.
 * With a third argument (a Claude config folder holding session logs), the
 * session-log reader watches them too (bench/sessions.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../core/config';
import { watchTargets } from '../core/config/discovery';
import { hostFromEnv } from '../core/host';
import { benchIdle } from '../core/monitor/monitor.bench';
import { createProber } from '../core/probe';
import { createSessionReader, type SessionReader } from '../core/sessions';

const seconds = Number(process.argv[2] ?? 60);
const gatewayUrl = process.argv[3];
if (!gatewayUrl) throw new Error('usage: idle.ts <seconds> <gateway-url>');

const root = await mkdtemp(join(tmpdir(), 'gd-bench-idle-'));
const home = join(root, 'home');
await mkdir(join(home, '.claude'), { recursive: true });
await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: 'sk-bench-0000000000000000' } }) + '\n');
await mkdir(join(root, 'managed'));
const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
const resolved = await resolveConfig(host, { projectDir: null, claude: { installed: false, version: null, authStatus: null, behaviourVersion: '2.1.240' } });
const prober = createProber({ host });
const sessionsConfigDir = process.argv[4];
let sessions: SessionReader | null = null;
let sessionStartupMs: number | null = null;
if (sessionsConfigDir) {
  sessions = createSessionReader({ configDir: sessionsConfigDir });
  const t0 = performance.now();
  await sessions.start();
  sessionStartupMs = Math.round((performance.now() - t0) * 10) / 10;
}
try {
  const measured = await benchIdle({
    seconds,
    liveness: (signal) => prober.probe(resolved, { kind: 'liveness', timeoutMs: 10_000, signal }),
    fullProbe: (_reason, signal) => prober.probe(resolved, { kind: 'message', timeoutMs: 10_000, signal }),
    watchPaths: watchTargets(host, null),
  });
  const result = sessions ? { ...measured, sessionStartupMs, trackedLogs: sessions.trackedFiles() } : measured;
  process.stdout.write(JSON.stringify(result) + '\n');
} finally {
  sessions?.stop();
  await prober.close();
  await rm(root, { recursive: true, force: true });
}
process.exit(0);
