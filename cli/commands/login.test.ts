/**
 * `gateway-doctor login` / `logout` as real child processes of the built CLI
 * (`npm run build:cli`), with the fake `claude` in a temp HOME and BROWSER
 * pointed at a recorder: the URL is printed on a line of its own and opened,
 * a code typed on stdin signs in, SIGINT/SIGTERM cancel and leave no `claude`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeClaudeHost, livingFakePids, waitForNoFakeProcesses, type FakeClaudeMode } from '../../core/testing/fixtures';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'gateway-doctor.js');
const CODE = 'CANARYcli-code-9876#state';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  pidFile: string;
  opened: () => string[];
}

function startCli(args: string[], mode: FakeClaudeMode = 'ok'): Run {
  const fake = fakeClaudeHost(mode);
  const openedFile = join(fake.home, 'opened.txt');
  const recorder = join(fake.home, 'browser.sh');
  writeFileSync(recorder, `#!/bin/sh\necho "$1" >> '${openedFile}'\n`);
  chmodSync(recorder, 0o755);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...(fake.host.env as NodeJS.ProcessEnv), BROWSER: recorder, GATEWAY_DOCTOR_DATA_DIR: join(fake.home, 'data'), GATEWAY_DOCTOR_MANAGED_DIR: join(fake.home, 'managed') },
    cwd: fake.home,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  void exit.then(() => clearTimeout(killer));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    pidFile: fake.pidFile,
    opened: () => (existsSync(openedFile) ? readFileSync(openedFile, 'utf8').trim().split('\n') : []),
  };
}

const urlLine = (out: string) => out.split('\n').find((l) => l.startsWith('https://'));

describe.skipIf(!existsSync(CLI) || process.platform === 'win32')('gateway-doctor login / logout (built CLI, real processes)', () => {
  it('prints the URL on its own line, opens it, passes the code from stdin, exits 0 signed in', async () => {
    const run = startCli(['login']);
    await expect.poll(() => urlLine(run.stdout()), { timeout: 20_000 }).toBeTruthy();
    run.child.stdin!.write(`${CODE}\n`);
    expect(await run.exit).toBe(0);
    const url = urlLine(run.stdout())!;
    expect(url).toMatch(/^https:\/\/claude\.com\/cai\/oauth\/authorize\?\S+$/);
    expect(run.opened()).toEqual([url]);
    expect(run.stdout()).toContain('Signed in as ada@example.com');
    expect(run.stdout() + run.stderr()).not.toContain('CANARYcli');
    expect(await waitForNoFakeProcesses(run.pidFile)).toEqual([]);
  });

  it('--no-browser opens nothing; --json prints the URL event and the result', async () => {
    const run = startCli(['login', '--no-browser', '--json', '--email', 'grace@example.com']);
    await expect.poll(() => run.stdout(), { timeout: 20_000 }).toContain('"event":"url"');
    run.child.stdin!.end(`${CODE}\n`);
    expect(await run.exit).toBe(0);
    expect(run.opened()).toEqual([]);
    const lines = run.stdout().trim().split('\n');
    expect(JSON.parse(lines[0]).url).toMatch(/^https:\/\/claude\.com\//);
    const result = JSON.parse(lines.slice(1).join('\n'));
    expect(result).toMatchObject({ schema: 'gateway-doctor/login@1', signedIn: true, signIn: { account: { email: 'grace@example.com' } } });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} cancels, exits 1 and leaves no claude process behind`, async () => {
      const run = startCli(['login'], 'hang');
      await expect.poll(() => urlLine(run.stdout()), { timeout: 20_000 }).toBeTruthy();
      // The fake and its grandchild are both running.
      await expect.poll(() => livingFakePids(run.pidFile).length).toBe(2);
      run.child.kill(signal);
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toContain('Sign-in cancelled.');
      expect(await waitForNoFakeProcesses(run.pidFile)).toEqual([]);
    });
  }

  it('refused by managed settings: exit 1 with what to do', async () => {
    const run = startCli(['login'], 'gateway-policy');
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('managed settings');
  });

  it('logout previews without --yes and signs out with it', async () => {
    const login = startCli(['login']);
    await expect.poll(() => urlLine(login.stdout()), { timeout: 20_000 }).toBeTruthy();
    login.child.stdin!.end(`${CODE}\n`);
    expect(await login.exit).toBe(0);
    // Same HOME: reuse the fake's folder through its pid file's folder.
    const home = dirname(login.pidFile);
    const env = { PATH: process.env.PATH, HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude'), GATEWAY_DOCTOR_CLAUDE_BIN: join(ROOT, 'test-gateway', 'fake-claude', 'claude.mjs'), GATEWAY_DOCTOR_DATA_DIR: join(home, 'data') };
    const runOnce = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((res) => {
        const child = spawn(process.execPath, [CLI, ...args], { env, cwd: home });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('close', (code) => res({ code, out }));
      });
    const preview = await runOnce(['logout']);
    expect(preview).toMatchObject({ code: 0 });
    expect(preview.out).toContain('Signed in as ada@example.com');
    expect(preview.out).toContain('logout --yes');
    const done = await runOnce(['logout', '--yes']);
    expect(done).toMatchObject({ code: 0, out: 'Signed out of claude.ai.\n' });
  });
});
