/**
 * `gateway-doctor watch --json` as a real child process of the built CLI,
 * against the loopback test gateway, with real timers: the process keeps
 * running after its first line, stopping the gateway yields exactly one down
 * line, restarting it exactly one recovery line, and SIGINT / SIGTERM end it
 * with exit code 0. (In-process, the test runner itself kept the event loop
 * alive, which is how `watch` exiting with code 13 after one line went unseen.)
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import { buildCli, spawnCli } from '../testing/built-cli';
import { makeProcessSandbox } from '../testing/process-sandbox';
import { CANARY } from '../../core/testing/fixtures';


let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});
beforeAll(() => buildCli());

async function waitFor(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Watcher {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  events: () => Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startWatch(gateway: TestGateway): Promise<Watcher> {
  const root = await mkdtemp(join(tmpdir(), 'gd-watch-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const box = await makeProcessSandbox(root, { env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY } });
  const child = spawnCli(['watch', '--json', '--interval', '10', '--project', box.project], { env: box.env, cwd: root });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => void (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => void (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const events = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  // --interval applies to this run only: no preferences file is written.
  cleanup.push(() => expect(existsSync(join(root, 'data', 'preferences.json'))).toBe(false));
  return { child, stdout: () => out, stderr: () => err, events, exited };
}

describe('gateway-doctor watch --json (built CLI, real process)', () => {
  it('keeps watching: exactly one down and one recovery line when the gateway stops and comes back; SIGINT exits 0', { timeout: 150_000 }, async () => {
    const gateway = await startTestGateway({ scenario: 'healthy' });
    cleanup.push(() => gateway.close());
    const w = await startWatch(gateway);
    let exitedEarly: { code: number | null } | null = null;
    void w.exited.then((e) => (exitedEarly = e));

    await waitFor(() => w.events().some((e) => e.to === 'healthy') || exitedEarly !== null, 30_000, 'the first healthy line');
    await gateway.stop();
    await waitFor(() => w.events().some((e) => e.to === 'down') || exitedEarly !== null, 60_000, 'a down line');
    expect(exitedEarly, `watch exited on its own; stderr: ${w.stderr()}`).toBeNull();
    await gateway.restart();
    await waitFor(() => w.events().some((e) => e.from === 'down' && e.to === 'healthy') || exitedEarly !== null, 60_000, 'a recovery line');
    expect(exitedEarly, `watch exited on its own; stderr: ${w.stderr()}`).toBeNull();

    w.child.kill('SIGINT');
    expect(await w.exited).toEqual({ code: 0, signal: null });

    const events = w.events();
    const downs = events.filter((e) => e.to === 'down');
    const recoveries = events.filter((e) => e.from === 'down' && (e.to === 'healthy' || e.to === 'degraded'));
    expect(downs).toHaveLength(1);
    expect(recoveries).toHaveLength(1);
    expect(downs[0].notify?.kind).toBe('down');
    expect(downs[0].cause?.id).toBe('gateway-refused');
    expect(recoveries[0].notify?.kind).toBe('recovered');
    expect(w.stdout() + w.stderr()).not.toContain(CANARY);
    expect(w.stderr()).toBe('');
  });

  it('is still running well after its first line, and SIGTERM exits 0', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ scenario: 'healthy' });
    cleanup.push(() => gateway.close());
    const w = await startWatch(gateway);
    await waitFor(() => w.events().length > 0 || w.child.exitCode !== null, 30_000, 'the first line');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(w.child.exitCode, `watch exited on its own; stderr: ${w.stderr()}`).toBeNull();
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(w.stderr()).toBe('');
  });
});
