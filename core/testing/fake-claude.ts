/**
 * Test helpers around test-gateway/fake-claude/claude.mjs: a temp HOME whose
 * `claude` is the fake, and a check that every process it started is gone.
 * Test-only (never imported by product code).
 */
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostContext } from '../ports';

export const FAKE_CLAUDE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-gateway', 'fake-claude', 'claude.mjs');

export type FakeClaudeMode = 'ok' | 'fail' | 'hang' | 'unknown' | 'old' | 'gateway-policy' | 'org-refused';

export function fakeClaudeHost(mode: FakeClaudeMode = 'ok', extraEnv: Record<string, string> = {}): { host: HostContext; pidFile: string; home: string } {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'gd-signin-')));
  const pidFile = join(home, 'fake-claude.pids');
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    GATEWAY_DOCTOR_CLAUDE_BIN: FAKE_CLAUDE,
    FAKE_CLAUDE_MODE: mode,
    FAKE_CLAUDE_PIDFILE: pidFile,
    ...extraEnv,
  };
  return { host: { platform: process.platform as HostContext['platform'], homeDir: home, env, appDataDir: join(home, 'app-data') }, pidFile, home };
}

/** Whether a process (or, with a negative pid, a process group) still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pids the fake wrote that are still running (zombies awaiting their parent count as gone). */
export function livingFakePids(pidFile: string): number[] {
  let text = '';
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0 && processAlive(pid) && !isZombie(pid));
}

function isZombie(pid: number): boolean {
  try {
    return /\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits (bounded) until every fake process is gone. */
export async function waitForNoFakeProcesses(pidFile: string, timeoutMs = 5_000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  let living = livingFakePids(pidFile);
  while (living.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    living = livingFakePids(pidFile);
  }
  return living;
}
