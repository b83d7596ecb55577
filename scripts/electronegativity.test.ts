import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { findingsFromCsv, gate, loadExceptions, parseCsv } from './electronegativity.mjs';

type Finding = { check: string; severity: string; file: string };

const REPORT = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"LOW","FIRM","out/renderer/index.html","7:0","default-src \'none\'; script-src \'self\'","One or more CSP directives, quoted ""x""",https://example.invalid/a',
  'PRELOAD_JS_CHECK,"MEDIUM","FIRM","src/electron/main/dashboard-window.ts","56:10","preload: options.preloadPath,","Review the use of preload scripts",https://example.invalid/b',
  'LIMIT_NAVIGATION_GLOBAL_CHECK,"HIGH","CERTAIN","N/A","0:0",N/A,"Missing navigation limits",https://example.invalid/c',
  '',
].join('\n');

describe('electronegativity gate', () => {
  it('parses the CSV report, quoted commas and quotes included', () => {
    expect(parseCsv('a,"b,c","d ""e"""\n1,2,3\n')).toEqual([['a', 'b,c', 'd "e"'], ['1', '2', '3']]);
    const findings = findingsFromCsv(REPORT) as Finding[];
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'out/renderer/index.html'],
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'src/electron/main/dashboard-window.ts'],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH', 'N/A'],
    ]);
  });

  it('rejects a damaged report instead of passing it with findings missing', () => {
    // What the header/body write race produced: the header overwrote the start of the first row.
    const damaged = REPORT.split('\n')[0] + '\n' + " 'none'; script-src 'self'\",\"One or more CSP\",https://example.invalid/a\n" + REPORT.split('\n').slice(2).join('\n');
    expect(() => findingsFromCsv(damaged)).toThrow(/cannot read the row/);
    expect(() => findingsFromCsv('garbage, more\n')).toThrow(/header row/);
  });

  it('makes the report writes land in call order (the header first, then the appended rows)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gd-report-'));
    try {
      // The library's pattern, 60 times: two fs.writeFile calls started together, header truncating, body appending.
      // Without the preload about 1 in 20 of these comes out damaged here.
      const body = 'ROW_A,"LOW"\n'.repeat(2000);
      const files = Array.from({ length: 60 }, (_, i) => join(dir, `report-${i}.csv`));
      const script = `const fs=require('fs');for(const f of ${JSON.stringify(files)}){fs.writeFile(f,'HEADER\\n',()=>{});fs.writeFile(f,${JSON.stringify(body)},{flag:'a'},()=>{});}`;
      await promisify(execFile)(process.execPath, ['-r', join(process.cwd(), 'scripts', 'serialize-report-writes.cjs'), '-e', script], { env: { ...process.env, GD_REPORT_PATHS: files.join('\n') } });
      for (const file of files) expect(await readFile(file, 'utf8')).toBe('HEADER\n' + body);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails HIGH/MEDIUM findings without an exception, ignores LOW, and reports stale exceptions', () => {
    const findings = findingsFromCsv(REPORT);
    const result = gate(findings, [
      { check: 'PRELOAD_JS_CHECK', file: 'src/electron/main/dashboard-window.ts', reason: 'reviewed' },
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/electron/main/index.ts', reason: 'reviewed' },
    ]);
    expect(result.unexplained.map((f: Finding) => f.check)).toEqual(['LIMIT_NAVIGATION_GLOBAL_CHECK']);
    expect(result.explained.map((e: { finding: Finding }) => e.finding.check)).toEqual(['PRELOAD_JS_CHECK']);
    expect(result.stale.map((e: Finding) => e.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
  });

  it('an exception for the same check in another file does not count', () => {
    const result = gate(findingsFromCsv(REPORT), [{ check: 'PRELOAD_JS_CHECK', file: 'src/electron/main/other.ts', reason: 'x' }]);
    expect(result.unexplained).toHaveLength(2);
  });

  it('requires a reason on every committed exception', async () => {
    const committed = loadExceptions(join(__dirname, '..', 'electron', 'security-exceptions.json'));
    expect(committed.length).toBeGreaterThan(0);
    for (const e of committed) expect(e.reason.length, e.check).toBeGreaterThan(40);
    const dir = await mkdtemp(join(tmpdir(), 'gd-exc-'));
    try {
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ exceptions: [{ check: 'X', file: 'N/A', reason: ' ' }] }));
      expect(() => loadExceptions(join(dir, 'bad.json'))).toThrow(/needs a non-empty "reason"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('offline guard', () => {
  it('makes non-loopback lookups and connections fail at once, and leaves loopback alone', async () => {
    const script = `
      const http = require('node:http');
      const dns = require('node:dns');
      const out = [];
      dns.lookup('example.com', (e) => {
        out.push('lookup:' + (e && e.code));
        const req = http.get({ host: '192.0.2.1', port: 9, timeout: 1000 }, () => out.push('connected!'));
        req.on('error', (e2) => {
          out.push('ip:' + e2.code);
          dns.lookup('localhost', (e3) => { out.push('localhost:' + (e3 ? e3.code : 'ok')); console.log(out.join(' ')); });
        });
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', join(__dirname, 'offline-guard.cjs'), '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('lookup:ENOTFOUND ip:ENOTFOUND localhost:ok');
  });
});
