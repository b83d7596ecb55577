import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { buildCli } from '../testing/built-cli';
import { makeProcessSandbox } from '../testing/process-sandbox';
import { readStdinBounded, runExplain } from './explain';
import { CANARY } from '../../core/testing/fixtures';

let root: string;

// explain goes through the service, which reads the configuration: a temp HOME, never the real one.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-explain-'));
  await mkdir(join(root, 'home'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function sandboxEnv(): Record<string, string> {
  return { HOME: join(root, 'home'), GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') };
}

function makeIo(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    argv,
    env: sandboxEnv(),
    cwd: join(root, 'home'),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    redactor: new Redactor(),
    signal: new AbortController().signal,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const noStdin = { readStdin: async () => { throw new Error('stdin must not be read'); } };

describe('gateway-doctor explain', () => {
  it('names the finding, cause and fix, and exits 0 on a match', async () => {
    const { io, out } = makeIo(['API Error: Unable to connect to API (ConnectionRefused)']);
    expect(await runExplain(io, noStdin)).toBe(0);
    expect(out()).toContain('gateway-refused:');
    expect(out()).toContain('Cause:');
    expect(out()).toContain('Fix:');
  });

  it('joins unquoted words into one text', async () => {
    const { io, out } = makeIo(['API', 'Error:', '529', 'overloaded_error']);
    expect(await runExplain(io, noStdin)).toBe(0);
    expect(out()).toContain('upstream-overloaded');
  });

  it('prints the explain@1 JSON with --json', async () => {
    const { io, out } = makeIo(['--json', 'Invalid or malformed JSON']);
    expect(await runExplain(io, noStdin)).toBe(0);
    const parsed = JSON.parse(out());
    expect(parsed).toMatchObject({ schema: 'gateway-doctor/explain@1', matched: true, findingId: 'settings-invalid-json' });
  });

  it('exits 1 and says so when nothing matches', async () => {
    const { io, out } = makeIo(['--json', 'all good here']);
    expect(await runExplain(io, noStdin)).toBe(1);
    expect(JSON.parse(out())).toMatchObject({ matched: false, findingId: null });
  });

  it('reads the text from stdin with "-"', async () => {
    const { io, out } = makeIo(['-']);
    expect(await runExplain(io, { readStdin: async () => 'getaddrinfo ENOTFOUND gw.corp.example\n' })).toBe(0);
    expect(out()).toContain('gateway-dns-failed');
  });

  it('is a usage error with no text, an unknown option, or both text and "-"', async () => {
    await expect(runExplain(makeIo([]).io, noStdin)).rejects.toBeInstanceOf(UsageError);
    await expect(runExplain(makeIo(['--verbose', 'x']).io, noStdin)).rejects.toThrow(/unknown option "--verbose"/);
    await expect(runExplain(makeIo(['-', 'text']).io, noStdin)).rejects.toBeInstanceOf(UsageError);
    await expect(runExplain(makeIo(['-']).io, { readStdin: async () => '  \n' })).rejects.toThrow(/no error text given on stdin/);
  });

  it('goes through the CLI entry point with exit code 2 for usage errors', async () => {
    const { main } = await import('../main');
    const err: string[] = [];
    const code = await main(['explain'], { env: sandboxEnv(), cwd: join(root, 'home'), out: () => {}, err: (t) => err.push(t), redactor: new Redactor(), signal: new AbortController().signal });
    expect(code).toBe(2);
    expect(err.join('')).toContain('no error text given');
  });

  it('never prints a credential that was pasted with the error', async () => {
    for (const argv of [[`401 invalid x-api-key ${CANARY}`], ['--json', `Authorization: Bearer ${CANARY} → 401 Unauthorized invalid token`]]) {
      const { io, out, err } = makeIo(argv);
      await runExplain(io, noStdin);
      expect(out() + err()).not.toContain(CANARY);
    }
  });
});

describe('gateway-doctor explain as a real process', () => {
  it('scrubs the configured credential from the echoed text, even when it does not look like one', { timeout: 60_000 }, async () => {
    buildCli();
    // No sk- prefix, no label: the text patterns alone cannot tell it is a secret.
    const token = 'corp7f3a9c1e5b2d4068tok';
    const box = await makeProcessSandbox(join(root, 'configured'), { env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: token } });
    for (const args of [['explain', `API Error: 401 ${token} unauthorized`], ['explain', '--json', `API Error: 401 ${token} unauthorized`]]) {
      const run = await box.cli(args, { timeoutMs: 30_000 });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('credential-rejected');
      expect(run.stdout).toContain('••••');
      expect(run.stdout + run.stderr).not.toContain(token);
    }
  });
});

describe('readStdinBounded', () => {
  it('stops after the limit', async () => {
    const stream = Readable.from(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)]);
    const text = await readStdinBounded(15, new AbortController().signal, stream);
    expect(text).toBe('a'.repeat(10) + 'b'.repeat(5));
  });

  it('returns what it has when aborted', async () => {
    const stream = new Readable({ read() {} });
    stream.push('partial');
    const controller = new AbortController();
    const pending = readStdinBounded(100, controller.signal, stream);
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBe('partial');
  });
});
