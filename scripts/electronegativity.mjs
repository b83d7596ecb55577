#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the built app and fails on any HIGH
 * or MEDIUM finding that electron/security-exceptions.json does not explain.
 * (electronegativity itself always exits 0, so CI must read its report.)
 *
 * What is scanned, staged in a temp folder:
 *   out/renderer/**, out/preload/index.cjs   the built renderer and preload
 *   electron/** and core/** TypeScript        the main process, as source: the
 *       scanner's AST walker cannot read the bundled out/main/index.js (it
 *       stops at private class fields, "Unknown node type PrivateName"), and a
 *       file it cannot read would silently pass every check.
 * Tests and test fixtures are left out. Any "Error parsing" fails the run.
 *
 * Offline: the scanner fetches translations and Electron's release list at
 * start-up; scripts/offline-guard.cjs makes those lookups fail at once, and
 * the release-list check (AvailableSecurityFixesGlobalCheck) is skipped
 * because it needs the network. Electron's version comes from node_modules.
 *
 * Usage: node scripts/electronegativity.mjs [--keep]   (after `npm run build:app`)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const GATED = new Set(['HIGH', 'MEDIUM']);
const KNOWN_SEVERITIES = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'INFO']);
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Turns the report into findings: { check, severity, confidence, file, location, description }. */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const index = Object.fromEntries(header.map((name, i) => [name.trim(), i]));
  const cell = (row, name) => (row[index[name]] ?? '').trim();
  if (!['issue', 'severity', 'filename'].every((name) => name in index)) throw new Error('electronegativity report: the header row is missing or damaged.');
  const findings = rows.map((row) => ({
    check: cell(row, 'issue'),
    severity: cell(row, 'severity').toUpperCase(),
    confidence: cell(row, 'confidence'),
    file: cell(row, 'filename').split(sep).join('/'),
    location: cell(row, 'location'),
    description: cell(row, 'description'),
  }));
  // A damaged report must fail the gate, never pass it with findings missing.
  const damaged = findings.find((f) => !/^[A-Z][A-Z0-9_]*$/.test(f.check) || !KNOWN_SEVERITIES.has(f.severity));
  if (damaged) throw new Error(`electronegativity report: cannot read the row for "${damaged.check.slice(0, 80)}".`);
  return findings;
}

/**
 * Splits findings into explained and unexplained. An exception matches on
 * the check name and the file ("N/A" for global checks); every exception
 * must carry a reason.
 */
export function gate(findings, exceptions) {
  const unexplained = [];
  const explained = [];
  const used = new Set();
  for (const finding of findings) {
    if (!GATED.has(finding.severity)) continue;
    const match = exceptions.findIndex((e) => e.check === finding.check && e.file === finding.file);
    if (match >= 0) {
      used.add(match);
      explained.push({ finding, reason: exceptions[match].reason });
    } else unexplained.push(finding);
  }
  const stale = exceptions.filter((_, i) => !used.has(i));
  return { unexplained, explained, stale };
}

/** Reads and checks electron/security-exceptions.json. */
export function loadExceptions(path) {
  if (!existsSync(path)) return [];
  const data = JSON.parse(readFileSync(path, 'utf8'));
  const list = Array.isArray(data) ? data : data.exceptions;
  if (!Array.isArray(list)) throw new Error(`${path}: expected { "exceptions": [...] }`);
  list.forEach((e, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e[key] !== 'string' || e[key].trim() === '') throw new Error(`${path}: exception #${i + 1} needs a non-empty "${key}"`);
    }
  });
  return list;
}

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

const isShippedSource = (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !/test-fixtures?\.ts$/.test(file) && !file.includes(`${sep}fake-`);

function stage(dir) {
  for (const needed of ['out/renderer/index.html', 'out/preload/index.cjs', 'out/main/index.js']) {
    if (!existsSync(join(root, needed))) throw new Error(`${needed} is missing: run \`npm run build:app\` first.`);
  }
  cpSync(join(root, 'out', 'renderer'), join(dir, 'out', 'renderer'), { recursive: true });
  mkdirSync(join(dir, 'out', 'preload'), { recursive: true });
  cpSync(join(root, 'out', 'preload', 'index.cjs'), join(dir, 'out', 'preload', 'index.cjs'));
  for (const top of ['electron', 'core']) {
    for (const file of walk(join(root, top), isShippedSource)) {
      const target = join(dir, 'src', relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
}

function main() {
  const keep = process.argv.includes('--keep');
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
  const work = mkdtempSync(join(tmpdir(), 'gd-electronegativity-'));
  const staged = join(work, 'app');
  const report = join(work, 'report.csv');
  try {
    stage(staged);
    const result = spawnSync(
      process.execPath,
      ['-r', join(root, 'scripts', 'offline-guard.cjs'), '-r', join(root, 'scripts', 'serialize-report-writes.cjs'), cli, '-i', staged, '-o', report, '-r', '-v', 'false', '-e', electronVersion, '-x', SKIPPED_CHECKS.join(',')],
      { cwd: work, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LANG: 'en', FORCE_COLOR: '0', GD_REPORT_PATH: report } },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.error) throw new Error(`electronegativity did not run: ${result.error.message}`);
    const parseErrors = output.split('\n').filter((line) => /Error parsing/i.test(line)).map((line) => line.replace(staged, '').trim());
    if (!existsSync(report)) throw new Error(`electronegativity wrote no report.\n${output.slice(-2000)}`);
    const findings = findingsFromCsv(readFileSync(report, 'utf8'));
    const exceptionsPath = join(root, 'electron', 'security-exceptions.json');
    const { unexplained, explained, stale } = gate(findings, loadExceptions(exceptionsPath));
    const low = findings.filter((f) => !GATED.has(f.severity));
    console.log(`electronegativity ${electronVersion ? `(Electron ${electronVersion})` : ''}: ${findings.length} finding(s): ${unexplained.length} unexplained HIGH/MEDIUM, ${explained.length} explained, ${low.length} LOW/INFO.`);
    for (const { finding, reason } of explained) console.log(`  explained  ${finding.severity.padEnd(6)} ${finding.check} ${finding.file}:${finding.location} — ${reason}`);
    for (const f of low) console.log(`  low        ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} — ${f.description}`);
    for (const e of stale) console.log(`  note: exception no longer needed: ${e.check} ${e.file}`);
    let failed = false;
    for (const f of unexplained) {
      console.error(`  UNEXPLAINED ${f.severity} ${f.check} ${f.file}:${f.location} — ${f.description}`);
      failed = true;
    }
    for (const line of parseErrors) {
      console.error(`  NOT SCANNED ${line}`);
      failed = true;
    }
    if (failed) console.error(`Explain each finding in ${relative(root, exceptionsPath)} (check, file, reason) or fix it.`);
    if (keep) console.log(`Report kept at ${report}`);
    return failed ? 1 : 0;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(main());
  } catch (error) {
    console.error(`electronegativity: ${error.message}`);
    process.exit(1);
  }
}
