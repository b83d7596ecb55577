import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChildEnv, createCommandRunner } from './command-runner';

const node = process.execPath;
/** setsid(1) is util-linux: on every Linux, not on macOS or Windows. */
const hasSetsid = process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v setsid'], { stdio: 'ignore' }).status === 0;
const runner = createCommandRunner();
let temp: string;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'gd-runner-'));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** Ends a process the test started (its pid written to a file), waiting briefly for the file. */
async function killPidFrom(pidFile: string): Promise<void> {
  const { readFileSync, existsSync } = await import('node:fs');
  for (let i = 0; i < 50 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

describe('createCommandRunner', () => {
  it('returns exit code, stdout and stderr of a finished program', async () => {
    const result = await runner.run(node, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out', stderr: 'err', timedOut: false });
    expect(result.spawnError).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a missing program as spawnError instead of throwing', async () => {
    const result = await runner.run('gd-no-such-program-4711', [], { timeoutMs: 5_000 });
    expect(result.exitCode).toBeNull();
    expect(result.spawnError).toContain('gd-no-such-program-4711 was not found');
  });

  it('reports a missing working folder clearly', async () => {
    const result = await runner.run(node, ['-e', '0'], { timeoutMs: 5_000, cwd: join(temp, 'nope') });
    expect(result.spawnError).toContain(join(temp, 'nope'));
  });

  it('kills a program that runs past its timeout, including its children', async () => {
    const marker = join(temp, 'grandchild-survived');
    // The child starts a grandchild that would write the marker after 1.5 s.
    const script = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', 'setTimeout(() => require("fs").writeFileSync(${JSON.stringify(marker)}, "x"), 1500)'], { stdio: 'ignore' });
      setInterval(() => {}, 1000);`;
    const result = await runner.run(node, ['-e', script], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    await new Promise((r) => setTimeout(r, 2000));
    const { existsSync } = await import('node:fs');
    expect(process.platform === 'win32' || !existsSync(marker)).toBe(true);
  });

  // A `setsid` grandchild leaves the process group, so it survives the group
  // kill; holding stdout open it used to keep the runner waiting for 'close'
  // (46 s against a 10 s limit in the review). The runner must stop reading at
  // the deadline. The grandchild writes its pid so the test can end it.
  it.runIf(hasSetsid)('returns at the deadline even when a setsid grandchild holds stdout open', async () => {
    const pidFile = join(temp, 'setsid-timeout.pid');
    const script = `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 30' & sleep 60`;
    const started = Date.now();
    const result = await runner.run('/bin/sh', ['-c', script], { timeoutMs: 1_000 });
    const took = Date.now() - started;
    await killPidFrom(pidFile);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    // Generous margin for a loaded machine; the bug made this 30 s.
    expect(took).toBeLessThan(6_000);
  });

  it.runIf(hasSetsid)('returns soon after the program exits even when a setsid grandchild holds stdout open', async () => {
    const pidFile = join(temp, 'setsid-exit.pid');
    const script = `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 30' & echo the-key`;
    const started = Date.now();
    const result = await runner.run('/bin/sh', ['-c', script], { timeoutMs: 20_000 });
    const took = Date.now() - started;
    await killPidFrom(pidFile);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.stdout.trim()).toBe('the-key');
    expect(took).toBeLessThan(10_000);
  });

  it('keeps at most maxOutputBytes of output and still finishes', async () => {
    const result = await runner.run(node, ['-e', 'process.stdout.write("x".repeat(200000))'], { timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(1000);
  });

  it('does not use a shell unless asked', async () => {
    const noShell = await runner.run('echo', ['$HOME'], { timeoutMs: 5_000, env: { HOME: '/gd-fake-home' } });
    expect(noShell.stdout.trim()).toBe('$HOME');
    const shell = await runner.run('echo $GD_VALUE', [], { timeoutMs: 5_000, shell: true, env: { GD_VALUE: 'from-shell' } });
    expect(shell.stdout.trim()).toBe('from-shell');
  });

  it('gives the child exactly the given environment plus PATH', async () => {
    const script = 'process.stdout.write(JSON.stringify({home: process.env.HOME, dropped: process.env.GD_DROPPED ?? null, path: !!process.env.PATH}))';
    const result = await runner.run(node, ['-e', script], { timeoutMs: 10_000, env: { HOME: temp, GD_DROPPED: undefined } });
    expect(JSON.parse(result.stdout)).toEqual({ home: temp, dropped: null, path: true });
  });

  it('runs in the given working folder', async () => {
    await writeFile(join(temp, 'here.txt'), 'hi');
    const result = await runner.run(node, ['-e', 'process.stdout.write(require("fs").readFileSync("here.txt","utf8"))'], { timeoutMs: 10_000, cwd: temp });
    expect(result.stdout).toBe('hi');
  });
});

describe('buildChildEnv', () => {
  it('drops undefined values and inherits PATH only when missing', () => {
    const env = buildChildEnv({ HOME: '/h', X: undefined, PATH: '/only/here' });
    expect(env).toEqual({ HOME: '/h', PATH: '/only/here' });
  });
});
