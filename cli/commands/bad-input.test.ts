/**
 * Bad input against the built CLI as real processes (a temp HOME, the
 * loopback test gateway): a settings file of 10,000 nested `[` (which
 * overflowed jsonc-parser's stack: "Maximum call stack size exceeded", no
 * file named, empty JSON, `serve` not starting), wrong types in `env`, an
 * unreadable ~/.claude.json, and the wording of an unreadable settings file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport, Finding, StatusReport } from '../../core/types';
import { spawnCli } from '../testing/built-cli';
import { useProcessSandboxes } from '../testing/process-sandbox';
import { CANARY } from '../../core/testing/fixtures';

const sandboxes = useProcessSandboxes({ prefix: 'gd-bad-input-', gateway: 'healthy' });

/** A fresh HOME with the gateway in user settings and a project folder. */
const sandbox = (name: string) => sandboxes.sandbox(name, { env: { ANTHROPIC_BASE_URL: sandboxes.gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY } });

const byId = (findings: Finding[], id: string) => findings.filter((f) => f.id === id);

describe('a settings file nested 10,000 levels deep', () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);

  it('status and check name the file in a finding and still read every other source', { timeout: 90_000 }, async () => {
    const s = await sandbox('deep');
    const deepPath = join(s.project, '.claude', 'settings.json');
    await writeFile(deepPath, deep);
    await writeFile(join(s.home, '.claude.json'), `{"projects": ${deep}}`);

    const status = await s.cli(['status', '--json']);
    expect(status.stderr).not.toContain('Maximum call stack');
    const report = JSON.parse(status.stdout) as StatusReport;
    const [finding] = byId(report.findings, 'settings-too-complex');
    expect(finding.detail).toContain(deepPath);
    expect(finding.detail).toContain('more than 128 levels deep');
    expect(finding.source).toMatchObject({ kind: 'project-settings', path: deepPath, line: 1 });
    // The user settings were still read.
    expect(report.baseUrl?.value).toBe(sandboxes.gateway.url);
    // So was ~/.claude.json, as far as it is safe: named, not parsed.
    const [state] = byId(report.findings, 'claude-state-unreadable');
    expect(state.detail).toContain(`${join(s.home, '.claude.json')} is nested more than 128 levels deep`);

    const check = await s.cli(['check', '--json']);
    expect(check.stderr).not.toContain('Maximum call stack');
    const checked = JSON.parse(check.stdout) as CheckReport;
    expect(checked.probe.outcome).toBe('healthy');
    expect(byId(checked.findings, 'settings-too-complex')).toHaveLength(1);
    expect(status.stdout + check.stdout).not.toContain(CANARY);
  });

  it('serve still starts', { timeout: 60_000 }, async () => {
    const s = await sandbox('deep-serve');
    await writeFile(join(s.project, '.claude', 'settings.json'), deep);
    const child = spawnCli(['serve', '--port', '0'], { env: s.env, cwd: s.project });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => void (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => void (err += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const end = Date.now() + 40_000;
      while (!out.includes('Gateway Doctor dashboard: http://127.0.0.1:') && child.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(err).toBe('');
      expect(out).toContain('Gateway Doctor dashboard: http://127.0.0.1:');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('wrong types in env', () => {
  it('each value that is not a string is a finding with the file and line, saying Claude Code uses it as text', { timeout: 60_000 }, async () => {
    const s = await sandbox('env-types');
    const local = join(s.home, '.claude', 'settings.json');
    await writeFile(local, '{\n  "env": {\n    "ANTHROPIC_BASE_URL": 42,\n    "DISABLE_TELEMETRY": true,\n    "ANTHROPIC_MODEL": "ok"\n  }\n}\n');
    const status = await s.cli(['status', '--json']);
    const report = JSON.parse(status.stdout) as StatusReport;
    const found = byId(report.findings, 'settings-env-not-string');
    expect(found.map((f) => f.source?.line)).toEqual([3, 4]);
    expect(found[0].detail).toContain(`env.ANTHROPIC_BASE_URL in ${local} (line 3) is a number, not a string`);
    expect(found[0].detail).toContain('Claude Code does not ignore it');
    expect(found[1].detail).toContain('the text "true"');
    // Resolved as Claude Code does: the number becomes the text "42".
    expect(report.baseUrl?.value).toBe('42');
    expect(report.baseUrl?.source).toMatchObject({ path: local, line: 3 });
  });
});

describe('unreadable files', () => {
  it('an unreadable ~/.claude.json is a finding; an unreadable settings file is named once, with one full stop', { timeout: 60_000 }, async () => {
    const s = await sandbox('unreadable');
    // A folder where a file belongs: unreadable whoever runs the test (root ignores permission bits).
    await mkdir(join(s.home, '.claude.json'));
    const projectSettings = join(s.project, '.claude', 'settings.json');
    await mkdir(projectSettings);
    const status = await s.cli(['status', '--json']);
    const report = JSON.parse(status.stdout) as StatusReport;

    const [state] = byId(report.findings, 'claude-state-unreadable');
    expect(state.detail).toContain(join(s.home, '.claude.json'));
    expect(state.source).toMatchObject({ kind: 'claude-state', path: join(s.home, '.claude.json') });

    const [settings] = byId(report.findings, 'settings-unreadable');
    expect(settings.detail.split(projectSettings)).toHaveLength(2);
    expect(settings.detail).not.toContain('..');
    expect(settings.detail).toBe(`${projectSettings} is a folder, not a file. Claude Code skips it.`);
  });
});
