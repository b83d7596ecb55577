import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import type { CheckReport } from '../../core/types';
import { Redactor } from '../../core/util/secret';
import { main } from '../main';
import { parseCheckArgs } from './check';
import { CANARY } from '../../core/testing/fixtures';

let root: string;
let home: string;
let gateway: TestGateway;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-check-cli-'));
  home = join(root, 'home');
  await mkdir(home, { recursive: true });
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.close();
  await rm(root, { recursive: true, force: true });
});

/** Runs the CLI with a temp HOME; output is captured raw (not scrubbed) so a leak would show. */
async function runCli(argv: string[], extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const redactor = new Redactor();
  const code = await main(argv, {
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      PATH: process.env.PATH,
      GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'),
      GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-such-claude'),
      GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'),
      ...extraEnv,
    },
    cwd: home,
    out: (t) => (out += t),
    err: (t) => (err += t),
    redactor,
    signal: new AbortController().signal,
  });
  return { code, out, err, redactor };
}

describe('gateway-doctor check', () => {
  it('lists every configuration finding that status lists, even two with the same id (two broken files)', async () => {
    gateway.setScenario('healthy');
    const project = join(root, 'two-broken');
    await mkdir(join(project, '.claude'), { recursive: true });
    await mkdir(join(home, '.claude'), { recursive: true });
    await writeFile(join(home, '.claude', 'settings.json'), '{,}');
    await writeFile(join(project, '.claude', 'settings.json'), '{,}');
    try {
      const env = { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY };
      const status = JSON.parse((await runCli(['status', '--json', '--project', project], env)).out) as CheckReport;
      const check = JSON.parse((await runCli(['check', '--json', '--project', project], env)).out) as CheckReport;
      const broken = (r: CheckReport) => r.findings.filter((f) => f.id === 'settings-invalid-json').map((f) => f.detail);
      expect(broken(status)).toHaveLength(2);
      expect(broken(check)).toEqual(broken(status));
    } finally {
      await rm(join(home, '.claude', 'settings.json'), { force: true });
    }
  });

  it('--json: schema check@1, healthy, exit 0, no secret in the output', async () => {
    gateway.setScenario('healthy');
    const { code, out, redactor } = await runCli(['check', '--json'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    const report = JSON.parse(out) as CheckReport;
    expect(report.schema).toBe('gateway-doctor/check@1');
    expect(report.probe.outcome).toBe('healthy');
    expect(report.probe.headersSent).toContain('authorization');
    expect(code).toBe(0);
    expect(out).not.toContain(CANARY);
    expect(redactor.scrub(CANARY)).not.toBe(CANARY);
  });

  it('text output shows verdict, stages, timings and findings; a down gateway exits 1', async () => {
    gateway.setScenario('credential-rejected');
    const { code, out } = await runCli(['check'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    expect(code).toBe(1);
    expect(out).toContain('DOWN');
    expect(out).toMatch(/✔ reachable\s+✘ authenticated/);
    expect(out).toContain('Timings:');
    expect(out).toContain('credential-rejected');
    expect(out).not.toContain(CANARY);
  });

  it('--realistic catches the WAF the short test passes; --timeout bounds a hanging gateway', async () => {
    gateway.setScenario('waf-xml');
    const realistic = await runCli(['check', '--json', '--realistic'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    expect((JSON.parse(realistic.out) as CheckReport).findings.map((f) => f.id)).toContain('waf-blocked');
    gateway.setScenario('hang');
    const hung = await runCli(['check', '--json', '--timeout', '500'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    expect((JSON.parse(hung.out) as CheckReport).probe.findings.map((f) => f.id)).toEqual(['gateway-timeout']);
    expect(hung.code).toBe(1);
  });

  it('--realistic streams: a buffering gateway is degraded (exit 1) and the text shows how the stream arrived', async () => {
    gateway.setScenario('healthy');
    const healthy = await runCli(['check', '--realistic'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    expect(healthy.out).toMatch(/Stream: server-sent events; 10 content deltas in \d+ read\(s\)/);
    gateway.setScenario('stream-buffered', { holdMs: 300 });
    const buffered = await runCli(['check', '--json', '--realistic'], { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY });
    const report = JSON.parse(buffered.out) as CheckReport;
    expect(report.probe.findings.map((f) => f.id)).toContain('stream-buffered');
    expect(report.probe.stream?.contentDeltaReads).toBe(1);
    expect(buffered.code).toBe(1);
    expect(buffered.out).not.toContain(CANARY);
  });

  it('no gateway: unconfigured, exit 1', async () => {
    const { code, out } = await runCli(['check', '--json']);
    expect((JSON.parse(out) as CheckReport).probe.outcome).toBe('unconfigured');
    expect(code).toBe(1);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['check', '--timeout', 'soon'])).code).toBe(2);
    expect((await runCli(['check', '--bogus'])).code).toBe(2);
    expect((await runCli(['check', '--project', join(root, 'missing')])).code).toBe(2);
    expect(() => parseCheckArgs(['--timeout', '50'])).toThrow(/between 100 and 120000/);
  });
});
