import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import { UsageError, type CliIo } from '../io';
import run from './serve';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-serve-'));
  await mkdir(join(root, 'home', '.claude'), { recursive: true });
  await mkdir(join(root, 'renderer'), { recursive: true });
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Gateway Doctor</title>');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function makeIo(argv: string[], signal: AbortSignal, out: string[], err: string[]): CliIo {
  return {
    argv,
    env: {
      HOME: join(root, 'home'),
      XDG_CONFIG_HOME: join(root, 'home', '.config'),
      GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'),
      GATEWAY_DOCTOR_SKIP_CLAUDE: '1',
      GATEWAY_DOCTOR_RENDERER_DIR: join(root, 'renderer'),
      PATH: '/usr/bin:/bin',
    },
    cwd: root,
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    redactor: new Redactor(),
    signal,
  };
}

describe('gateway-doctor serve', () => {
  it('prints a loopback URL with the token in the fragment; the API needs it in a header; stops on the signal', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    const running = run(makeIo([], controller.signal, out, err));
    await expect.poll(() => out.join(''), { timeout: 15_000 }).toContain('http://127.0.0.1:');
    const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/.exec(out.join(''))![0];
    const [origin, token] = url.split('/#token=');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Gateway Doctor');
    expect((await fetch(`${origin}/api/getPreferences`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${origin}/api/getPreferences?token=${token}`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${origin}/api/getPreferences`, { method: 'POST', headers: { 'x-gateway-doctor-token': token } })).status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    expect(err.join('')).toBe('');
  });

  it('--open hands the browser opener only a one-time code, never the token (other users can read argv in ps)', async () => {
    const bin = join(root, 'bin');
    const argvFile = join(root, 'opener-argv.txt');
    await mkdir(bin);
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`, { mode: 0o755 });
    const controller = new AbortController();
    const out: string[] = [];
    const io = makeIo(['--open'], controller.signal, out, []);
    const running = run({ ...io, env: { ...io.env, PATH: `${bin}:/usr/bin:/bin` } });
    try {
      await expect.poll(() => readFile(argvFile, 'utf8').catch(() => ''), { timeout: 15_000 }).toContain('#code=');
      const opened = (await readFile(argvFile, 'utf8')).trim();
      const token = /#token=([0-9a-f]{64})/.exec(out.join(''))![1];
      expect(opened).not.toContain(token);
      const [origin, code] = opened.split('/#code=');
      const exchange = () => fetch(`${origin}/session`, { method: 'POST', headers: { 'x-gateway-doctor-code': code } });
      const first = await exchange();
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ token });
      // Once used, the code is worth nothing.
      expect((await exchange()).status).toBe(401);
    } finally {
      controller.abort();
      await running;
    }
  });

  it('rejects a bad --port with a usage error naming the value', async () => {
    await expect(run(makeIo(['--port', 'eighty'], new AbortController().signal, [], []))).rejects.toThrow(UsageError);
    await expect(run(makeIo(['--port', 'eighty'], new AbortController().signal, [], []))).rejects.toThrow('"eighty"');
  });

  it('says how to build the dashboard when it is missing', async () => {
    const err: string[] = [];
    const io = makeIo([], new AbortController().signal, [], err);
    const code = await run({ ...io, env: { ...io.env, GATEWAY_DOCTOR_RENDERER_DIR: join(root, 'nowhere') } });
    expect(code).toBe(1);
    expect(err.join('')).toContain('npm run build:app');
  });
});
