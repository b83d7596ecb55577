import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  it('prints a tokenised loopback URL that serves the dashboard, and stops on the signal', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    const running = run(makeIo([], controller.signal, out, err));
    await expect.poll(() => out.join(''), { timeout: 15_000 }).toContain('http://127.0.0.1:');
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(out.join(''))![0];
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Gateway Doctor');
    const withoutToken = await fetch(url.replace(/\?token=.*/, ''));
    expect(withoutToken.status).toBe(401);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    expect(err.join('')).toBe('');
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
