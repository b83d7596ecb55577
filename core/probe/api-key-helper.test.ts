import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import type { HostContext } from '../ports';
import { createCommandRunner } from '../util/command-runner';
import { Redactor } from '../util/secret';
import { runApiKeyHelper } from './api-key-helper';
import { createProber } from './index';
import { CANARY, makeResolved, makeTempHost } from '../testing/fixtures';

let gateway: TestGateway;
let host: HostContext;
let cleanupHost: () => Promise<void>;
let projectDir: string;
const runner = createCommandRunner();

beforeAll(async () => {
  gateway = await startTestGateway();
  ({ host, cleanup: cleanupHost } = await makeTempHost());
  projectDir = await mkdtemp(join(tmpdir(), 'gd-helper-project-'));
});

afterAll(async () => {
  await gateway.close();
  await cleanupHost();
  await rm(projectDir, { recursive: true, force: true });
});

beforeEach(() => {
  gateway.setScenario('healthy');
  gateway.requests.length = 0;
});

function helperConfig(command: string, extra: Parameters<typeof makeResolved>[0] = {}) {
  return makeResolved({ baseUrl: gateway.url, apiKeyHelper: { command }, ...extra });
}

describe('apiKeyHelper', () => {
  it('runs through the shell with the settings env, sends the key in both headers, and never shows it', async () => {
    const redactor = new Redactor();
    const prober = createProber({ host, runner, redactor });
    try {
      const resolved = helperConfig('printf "%s\\n" "$GATEWAY_SECRET_FOR_TEST"', { env: { GATEWAY_SECRET_FOR_TEST: CANARY } });
      const report = await prober.probe(resolved, { kind: 'message' });
      expect(report.outcome).toBe('healthy');
      const post = gateway.requests.find((r) => r.method === 'POST')!;
      expect(post.headers['x-api-key']).toBe(CANARY);
      expect(post.headers.authorization).toBe(`Bearer ${CANARY}`);
      // Discovery sends the helper value only as x-api-key.
      const get = gateway.requests.find((r) => r.method === 'GET')!;
      expect(get.headers['x-api-key']).toBe(CANARY);
      expect(get.headers.authorization).toBeUndefined();
      expect(report.apiKeyHelper).toMatchObject({ ok: true, exitCode: 0, timedOut: false });
      expect(JSON.stringify(report)).not.toContain(CANARY);
      expect(redactor.scrub(`key=${CANARY}`)).not.toContain(CANARY);
    } finally {
      await prober.close();
    }
  });

  it('runs in the project folder when defined in project settings, else in the home folder', async () => {
    const project = await runApiKeyHelper('pwd', makeResolved({ apiKeyHelper: { command: 'pwd', sourceKind: 'local-settings' }, projectDir }), host, runner, { timeoutMs: 5000 });
    expect(project.cwd).toBe(projectDir);
    expect(project.ok).toBe(true);
    const user = await runApiKeyHelper('pwd', makeResolved({ apiKeyHelper: { command: 'pwd' }, projectDir }), host, runner, { timeoutMs: 5000 });
    expect(user.cwd).toBe(host.homeDir);
  });

  it('a banner line besides the key: api-key-helper-output-invalid, without printing the key', async () => {
    const prober = createProber({ host, runner });
    try {
      const report = await prober.probe(helperConfig(`echo "Welcome to Vault"; echo ${CANARY}`), { kind: 'message' });
      const finding = report.findings.find((f) => f.id === 'api-key-helper-output-invalid');
      expect(finding?.detail).toMatch(/2 non-empty lines/);
      expect(report.outcome).toBe('down');
      expect(JSON.stringify(report)).not.toContain(CANARY);
    } finally {
      await prober.close();
    }
  });

  it('a non-zero exit: api-key-helper-failing, quoting stderr but never stdout', async () => {
    const prober = createProber({ host, runner });
    try {
      const report = await prober.probe(helperConfig(`echo ${CANARY}; echo "vault: permission denied ${CANARY}" >&2; exit 3`), { kind: 'message' });
      const finding = report.findings.find((f) => f.id === 'api-key-helper-failing');
      expect(finding?.detail).toContain('exited with code 3');
      expect(finding?.detail).toContain('permission denied');
      expect(report.findings.map((f) => f.id)).not.toContain('credential-rejected');
      expect(JSON.stringify(report)).not.toContain(CANARY);
    } finally {
      await prober.close();
    }
  });

  it('quotes stderr without known secrets, the helper\'s stdout, URL passwords or key-shaped words, and caps the quote', async () => {
    const redactor = new Redactor();
    redactor.add('vault-known-secret-42');
    const script = [
      'echo one-time-stdout-value',
      `echo "token sk-ant-expired-${CANARY.slice(-8)} has expired (vault-known-secret-42 at https://ops:hunter2@vault.example; also one-time-stdout-value; Bearer abcdef123456)" >&2`,
      'exit 1',
    ].join('; ');
    const outcome = await runApiKeyHelper(script, makeResolved({ apiKeyHelper: { command: script } }), host, runner, { timeoutMs: 5000, redactor });
    expect(outcome.detail).toContain('has expired');
    for (const leaked of [`expired-${CANARY.slice(-8)}`, 'vault-known-secret-42', 'hunter2', 'one-time-stdout-value', 'abcdef123456']) expect(outcome.detail).not.toContain(leaked);
    const long = await runApiKeyHelper('printf "%0.s word" $(seq 1 500) >&2; exit 1', makeResolved({ apiKeyHelper: { command: 'x' } }), host, runner, { timeoutMs: 5000 });
    const quote = /it said: "(.*)"\.$/.exec(long.detail)![1];
    expect(quote.length).toBeLessThanOrEqual(200);
    expect(quote.endsWith('…')).toBe(true);
  });

  it('a helper slower than the probe timeout is stopped: api-key-helper-failing', async () => {
    const prober = createProber({ host, runner });
    try {
      const started = Date.now();
      const report = await prober.probe(helperConfig('sleep 20; echo late-key-value'), { kind: 'message', timeoutMs: 700 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(report.apiKeyHelper?.timedOut).toBe(true);
      expect(report.findings.find((f) => f.id === 'api-key-helper-failing')?.detail).toMatch(/did not finish/);
    } finally {
      await prober.close();
    }
  });

  it('caches the key like Claude Code (one run for two probes)', async () => {
    const counter = join(projectDir, 'runs.txt');
    await writeFile(counter, '');
    const prober = createProber({ host, runner });
    try {
      const resolved = helperConfig(`echo run >> "${counter}"; echo cached-key-123456`);
      await prober.probe(resolved, { kind: 'liveness' });
      await prober.probe(resolved, { kind: 'liveness' });
      const { readFile } = await import('node:fs/promises');
      expect((await readFile(counter, 'utf8')).trim().split('\n')).toHaveLength(1);
    } finally {
      await prober.close();
    }
  });
});
