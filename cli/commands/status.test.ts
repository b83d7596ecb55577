import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import type { StatusReport } from '../../core/types';
import { main } from '../main';
import { CANARY } from '../../core/testing/fixtures';

let root: string;
let home: string;
let managed: string;
let project: string;

async function writeJson(path: string, value: unknown) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2));
}

async function runCli(argv: string[], extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const redactor = new Redactor();
  const env = {
    HOME: home,
    CLAUDE_CONFIG_DIR: '',
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: process.env.PATH,
    GATEWAY_DOCTOR_MANAGED_DIR: managed,
    GATEWAY_DOCTOR_CLAUDE_BIN: join(root, 'no-such-claude'),
    GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'),
    ...extraEnv,
  };
  const code = await main(argv, {
    env,
    cwd: project,
    out: (t) => (out += redactor.scrub(t)),
    err: (t) => (err += redactor.scrub(t)),
    redactor,
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-status-'));
  home = join(root, 'home');
  managed = join(root, 'managed');
  project = join(root, 'repo');
  await mkdir(home, { recursive: true });
  await mkdir(managed, { recursive: true });
  await mkdir(project, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('gateway-doctor status', () => {
  it('prints the JSON contract for a gateway in user settings, with provenance and no secret', async () => {
    await mkdir(join(home, '.claude'), { recursive: true });
    await writeFile(
      join(home, '.claude', 'settings.json'),
      '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.corp.example",\n    "ANTHROPIC_AUTH_TOKEN": "' + CANARY + '",\n    "ANTHROPIC_CUSTOM_HEADERS": "X-Org-Route: prod"\n  }\n}\n',
    );
    const { code, out } = await runCli(['status', '--json'], { ANTHROPIC_BASE_URL: 'https://shell.example' });
    expect(out).not.toContain(CANARY);
    const report = JSON.parse(out) as StatusReport;
    expect(report.schema).toBe('gateway-doctor/status@1');
    expect(report.provider).toBe('anthropic');
    const userSettings = join(home, '.claude', 'settings.json');
    expect(report.baseUrl).toEqual({ value: 'https://gateway.corp.example', source: { kind: 'user-settings', path: userSettings, line: 3 } });
    expect(report.credential).toMatchObject({ kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], source: { kind: 'user-settings', path: userSettings, line: 4 }, redacted: '••••4068' });
    expect(report.customHeaders).toEqual([{ name: 'X-Org-Route', source: { kind: 'user-settings', path: userSettings, line: 5 } }]);
    expect(report.env.ANTHROPIC_BASE_URL).toMatchObject({
      value: 'https://gateway.corp.example',
      shadowed: [{ value: 'https://shell.example', source: { kind: 'shell-env' } }],
    });
    expect(report.env.ANTHROPIC_AUTH_TOKEN.value).toBe('••••4068');
    expect(report.surfaces.remoteControl.state).toBe('disabled');
    expect(report.surfaces.remoteControl.reason).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(report.claudeCode).toMatchObject({ installed: false, behaviourVersion: '2.1.240' });
    expect(report.findings.map((f) => f.id)).toContain('claude-code-not-installed');
    expect(report.rows.settingSources).toEqual(['User settings']);
    expect(code).toBe(0);
  });

  it('reports an invalid settings file and a managed gateway, exiting 1', async () => {
    await mkdir(join(home, '.claude'), { recursive: true });
    await writeFile(join(home, '.claude', 'settings.json'), '{\n  // comment\n  "env": {}\n}\n');
    await writeJson(join(managed, 'managed-settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://managed-gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } });
    const { code, out } = await runCli(['status', '--json']);
    const report = JSON.parse(out) as StatusReport;
    expect(code).toBe(1);
    const invalid = report.findings.find((f) => f.id === 'settings-invalid-json');
    expect(invalid?.detail).toContain(join(home, '.claude', 'settings.json'));
    expect(invalid?.source?.line).toBe(2);
    expect(report.managedGateway).toBe(true);
    expect(report.baseUrl?.source.kind).toBe('managed-file');
    expect(report.rows.settingSources).toContain('Enterprise managed settings (file)');
    expect(out).not.toContain(CANARY);
  });

  it('predicts the login screen for a credential only in untrusted project settings', async () => {
    await writeJson(join(project, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } });
    const { code, out } = await runCli(['status']);
    expect(code).toBe(1);
    expect(out).toContain('login-prompt-despite-gateway');
    expect(out).toContain('credential-in-shared-project-file');
    expect(out).toContain('Setting sources');
    expect(out).not.toContain(CANARY);
  });

  it('takes --project relative to the current folder and prints the /status rows as text', async () => {
    const sub = join(project, 'sub');
    await writeJson(join(sub, '.claude', 'settings.local.json'), { env: { HTTPS_PROXY: 'http://untrusted-proxy:3128' } });
    const { code, out } = await runCli(['status', '--project', 'sub'], { HTTPS_PROXY: 'socks5://proxy:1080' });
    expect(out).toContain(`Project: ${sub}`);
    // The local file's proxy waits for workspace trust; the shell's applies.
    expect(out).toMatch(/Waiting for workspace trust[^\n]*\n {2}HTTPS_PROXY/);
    expect(out).toMatch(/Proxy\s+socks5:\/\/proxy:1080 \(invalid\)/);
    expect(out).toContain('proxy-invalid');
    expect(code).toBe(1);
  });

  it('shows paths under the home folder as ~/… in text; --json keeps them full', async () => {
    await writeJson(join(home, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } });
    const text = (await runCli(['status'])).out;
    expect(text).toMatch(/Anthropic base URL\s+https:\/\/gateway\.corp\.example {2}← ~\/\.claude\/settings\.json:3/);
    expect(text).not.toContain(`${home}/`);
    const json = JSON.parse((await runCli(['status', '--json'])).out) as StatusReport;
    expect(json.baseUrl?.source.path).toBe(join(home, '.claude', 'settings.json'));
  });

  it('rejects unknown flags and missing folders with exit 2, and prints help', async () => {
    expect((await runCli(['status', '--jsn'])).code).toBe(2);
    const missing = await runCli(['status', '--project', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope');
    const help = await runCli(['status', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--project DIR');
  });
});
