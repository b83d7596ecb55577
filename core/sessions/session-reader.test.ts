/**
 * The session-log reader against logs the real Claude Code wrote
 * (fixtures/: 2.1.197 and 2.1.332, `claude -p` through the loopback test
 * gateway, see conformance/OBSERVED.md), in real temp folders with real
 * file-system events.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionError } from '../types';
import { createSessionReader, readRecentSessions, type SessionReader } from './session-reader';
import { parseSessionLine } from './session-line';
import { CANARY } from '../testing/fixtures';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** The fixtures' prompt ("hi <canary>") is the canary: it must never come out of the reader. */
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8');
const lines = (name: string) => fixture(name).split('\n').filter(Boolean);
const errorLine = (name: string) => lines(name).find((l) => l.includes('"isApiErrorMessage":true'))!;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(check: () => boolean, boundMs = 5_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!check() && Date.now() < deadline) await sleep(20);
}

describe('parseSessionLine on logs the real Claude Code wrote', () => {
  const parseAll = (name: string) => lines(name).map((l) => parseSessionLine(l, 'proj')).filter((x) => x !== null);

  it.each([
    ['2.1.197-beta', 400, null, 'beta-fields-rejected', 'API Error: 400 context_management: Extra inputs are not permitted'],
    ['2.1.197-401', 401, null, 'credential-rejected', 'Failed to authenticate. API Error: 401 Invalid bearer token'],
    ['2.1.197-429', 429, null, 'rate-limited', 'API Error: Request rejected (429) · Rate limit exceeded for this key'],
    ['2.1.197-502', 502, null, 'upstream-error', 'API Error: 502 Bad Gateway.'],
    ['2.1.197-529', 529, null, 'upstream-overloaded', 'API Error: 529 Overloaded.'],
    ['2.1.332-401', 401, 'authentication_error', 'credential-rejected', 'Failed to authenticate.'],
    ['2.1.332-429', 429, 'rate_limit_error', 'rate-limited', 'API Error: Request rejected (429)'],
    ['2.1.332-502', 502, null, 'upstream-error', 'API Error: 502 Bad Gateway.'],
    ['2.1.332-529', 529, 'overloaded_error', 'upstream-overloaded', 'API Error: 529 Overloaded.'],
  ])('%s: one error with status, type, finding, surface and version', (name, status, type, findingId, text) => {
    const parsed = parseAll(name);
    const errors = parsed.filter((p) => p.kind === 'error');
    expect(errors).toHaveLength(1);
    const e = errors[0].kind === 'error' ? errors[0].error : null;
    expect(e).toMatchObject({ apiErrorStatus: status, apiErrorType: type, findingId, surface: 'sdk-cli', project: 'proj', claudeCodeVersion: name.slice(0, 7) });
    expect(e!.summary.startsWith(text)).toBe(true);
    expect(Date.parse(e!.at)).toBeGreaterThan(0);
  });

  it.each([
    ['2.1.197-interactive-beta', 400, null, 'beta-fields-rejected'],
    ['2.1.332-interactive-401', 401, 'authentication_error', 'credential-rejected'],
  ])('%s: the interactive CLI records the surface "cli"', (name, status, type, findingId) => {
    const errors = parseAll(name).filter((p) => p.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].kind === 'error' && errors[0].error).toMatchObject({ apiErrorStatus: status, apiErrorType: type, findingId, surface: 'cli' });
  });

  it('a healthy session is successful turns only', () => {
    const parsed = parseAll('2.1.197-healthy');
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.every((p) => p.kind === 'success' && p.surface === 'sdk-cli')).toBe(true);
  });

  it('2.1.332 records an API error without a status (max_output_tokens after the non-streaming retry)', () => {
    const parsed = parseAll('2.1.332-healthy');
    expect(parsed.filter((p) => p.kind === 'success').length).toBe(4);
    const error = parsed.find((p) => p.kind === 'error');
    expect(error?.kind === 'error' && error.error).toMatchObject({ apiErrorStatus: null, findingId: null, summary: expect.stringContaining('64000 output token maximum') });
  });

  it('never returns prompt text, from any line of any fixture', () => {
    for (const name of readdirSync(FIXTURES)) {
      const all = fixture(name.replace(/\.jsonl$/, '')).split('\n').map((l) => parseSessionLine(l, 'p'));
      expect(JSON.stringify(all)).not.toContain(CANARY);
    }
  });

  it('an answer that claims to be an error keeps no text unless the message is synthetic', () => {
    const line = JSON.stringify({ type: 'assistant', isApiErrorMessage: true, apiErrorStatus: 400, timestamp: new Date().toISOString(), entrypoint: 'cli', message: { model: 'claude-x', content: [{ type: 'text', text: `secret answer ${CANARY}` }] } });
    const parsed = parseSessionLine(line, 'p');
    expect(parsed?.kind).toBe('error');
    expect(JSON.stringify(parsed)).not.toContain(CANARY);
  });

  it('redacts credentials in the error text and caps it', () => {
    const text = `API Error: 401 Invalid key sk-ant-api03-abcdefghijklmnop1234 ${'x'.repeat(1000)}`;
    const line = JSON.stringify({ type: 'assistant', isApiErrorMessage: true, apiErrorStatus: 401, timestamp: new Date().toISOString(), entrypoint: 'claude-vscode', message: { model: '<synthetic>', content: [{ type: 'text', text }] } });
    const parsed = parseSessionLine(line, 'p');
    const e = parsed?.kind === 'error' ? parsed.error : null;
    expect(e?.summary).not.toContain('abcdefghijklmnop1234');
    expect(e?.summary.length).toBeLessThanOrEqual(300);
    expect(e?.surface).toBe('claude-vscode');
  });

  it('skips garbage, torn lines and non-objects without throwing', () => {
    for (const bad of ['', '{', '"assistant"', '[1,2]', '{"type":"assistant"}', errorLine('2.1.197-beta').slice(0, 200), '{"type":"assistant","timestamp":"not a date","message":{"model":"m"}}']) {
      expect(parseSessionLine(bad, 'p')).toBeNull();
    }
  });

  it('keeps an unknown entrypoint as it is', () => {
    const line = errorLine('2.1.197-beta').replace('"entrypoint":"sdk-cli"', '"entrypoint":"jetbrains-plugin"');
    const parsed = parseSessionLine(line, 'p');
    expect(parsed?.kind === 'error' && parsed.error.surface).toBe('jetbrains-plugin');
  });
});

describe('createSessionReader', () => {
  let root: string;
  let configDir: string;
  let reader: SessionReader | null = null;
  const fresh: SessionError[] = [];

  const project = (name: string) => {
    const dir = join(configDir, 'projects', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const old = (path: string) => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(path, twoDaysAgo, twoDaysAgo);
  };
  const start = async (opts: Parameters<typeof createSessionReader>[0] extends infer O ? Partial<O> : never = {}) => {
    reader = createSessionReader({ configDir, onError: (e) => fresh.push(e), pollIntervalMs: 60_000, ...opts });
    await reader.start();
    return reader;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gd-sessions-'));
    configDir = join(root, '.claude');
    fresh.length = 0;
  });
  afterEach(() => {
    reader?.stop();
    reader = null;
    rmSync(root, { recursive: true, force: true });
  });

  it('starts at the end of old logs: nothing from before start-up, then an appended error shows up by itself', async () => {
    const dir = project('-home-user-code-app');
    const log = join(dir, 's1.jsonl');
    writeFileSync(log, fixture('2.1.197-beta'));
    old(log);
    const r = await start();
    expect(r.report().recentErrors).toEqual([]);

    appendFileSync(log, errorLine('2.1.332-401') + '\n');
    await until(() => fresh.length > 0);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ findingId: 'credential-rejected', apiErrorStatus: 401, project: '-home-user-code-app', claudeCodeVersion: '2.1.332' });
    expect(r.report()).toMatchObject({ enabled: true, lastErrorAt: fresh[0].at, recentErrors: [fresh[0]] });
  });

  it('reads the tail of recently written logs at start-up (shown, but not "fresh")', async () => {
    writeFileSync(join(project('-home-user-code-a'), 's.jsonl'), fixture('2.1.332-529'));
    writeFileSync(join(project('-home-user-code-b'), 's.jsonl'), fixture('2.1.197-healthy'));
    const r = await start();
    const report = r.report();
    expect(report.recentErrors.map((e) => e.findingId)).toEqual(['upstream-overloaded']);
    expect(report.lastSuccessAt).not.toBeNull();
    expect(report.surfaces['sdk-cli'].lastSuccessAt).toBe(report.lastSuccessAt);
    expect(fresh).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(CANARY);
  });

  it('one-shot read for status/check', async () => {
    writeFileSync(join(project('p'), 's.jsonl'), fixture('2.1.197-401'));
    const report = await readRecentSessions({ configDir });
    expect(report.recentErrors).toHaveLength(1);
    expect(report.recentErrors[0].findingId).toBe('credential-rejected');
  });

  it('waits for the end of a partial line', async () => {
    const log = join(project('p'), 's.jsonl');
    writeFileSync(log, '');
    const r = await start();
    const line = errorLine('2.1.197-429');
    appendFileSync(log, line.slice(0, 300));
    await r.scanNow();
    expect(r.report().recentErrors).toEqual([]);
    appendFileSync(log, line.slice(300) + '\n');
    await r.scanNow();
    expect(r.report().recentErrors.map((e) => e.findingId)).toEqual(['rate-limited']);
  });

  it('reads a truncated or replaced log from its start, and forgets a deleted one', async () => {
    const log = join(project('p'), 's.jsonl');
    writeFileSync(log, fixture('2.1.197-healthy'));
    old(log);
    const r = await start();
    truncateSync(log, 0);
    appendFileSync(log, errorLine('2.1.197-502') + '\n');
    await r.scanNow();
    expect(r.report().recentErrors.map((e) => e.findingId)).toEqual(['upstream-error']);

    unlinkSync(log);
    writeFileSync(log, errorLine('2.1.197-529') + '\n'); // a new file under the same name
    await r.scanNow();
    expect(r.report().recentErrors.map((e) => e.findingId).sort()).toEqual(['upstream-error', 'upstream-overloaded']);

    unlinkSync(log);
    await r.scanNow();
    expect(r.trackedFiles()).toBe(0);
  });

  it('sees a session started after start-up in a new project folder', async () => {
    mkdirSync(join(configDir, 'projects'), { recursive: true });
    const r = await start();
    const dir = project('-home-user-code-new');
    writeFileSync(join(dir, 'new.jsonl'), fixture('2.1.197-beta'));
    await until(() => fresh.length > 0);
    await r.scanNow();
    expect(fresh.map((e) => e.findingId)).toEqual(['beta-fields-rejected']);
  });

  it('sees the first session on a machine where Claude Code never ran (no projects folder at start-up)', async () => {
    mkdirSync(configDir, { recursive: true });
    await start();
    writeFileSync(join(project('-home-user-code-first'), 'first.jsonl'), fixture('2.1.197-401'));
    await until(() => fresh.length > 0);
    expect(fresh.map((e) => e.findingId)).toEqual(['credential-rejected']);
  });

  it('sees a log created a while after its project folder (Claude Code makes the folder first)', async () => {
    mkdirSync(join(configDir, 'projects'), { recursive: true });
    await start();
    const dir = project('-home-user-code-later');
    await sleep(300); // the folder is listed (and watched) before its log exists
    writeFileSync(join(dir, 'later.jsonl'), fixture('2.1.197-429'));
    await until(() => fresh.length > 0);
    expect(fresh.map((e) => e.findingId)).toEqual(['rate-limited']);
  });

  it('copes with no projects folder at all', async () => {
    const r = await start();
    await r.scanNow();
    expect(r.report()).toEqual({ enabled: true, lastSuccessAt: null, lastErrorAt: null, recentErrors: [], surfaces: {} });
  });

  it('bounds a read: a huge append is read from its last bytes, a huge line is dropped', async () => {
    const log = join(project('p'), 's.jsonl');
    writeFileSync(log, '');
    const r = await start({ limits: { maxBytesPerFile: 64 * 1024 } });
    const filler = JSON.stringify({ type: 'user', message: { content: 'x'.repeat(1000) } });
    appendFileSync(log, `${errorLine('2.1.197-401')}\n${Array(200).fill(filler).join('\n')}\n${errorLine('2.1.197-429')}\n`);
    await r.scanNow();
    // The 401 line lies before the last 64 KiB: skipped.
    expect(r.report().recentErrors.map((e) => e.findingId)).toEqual(['rate-limited']);

    const huge = JSON.stringify({ type: 'assistant', isApiErrorMessage: true, timestamp: new Date().toISOString(), message: { model: '<synthetic>', content: [{ type: 'text', text: 'y'.repeat(300 * 1024) }] } });
    appendFileSync(log, huge.slice(0, 100 * 1024));
    await r.scanNow();
    appendFileSync(log, `${huge.slice(100 * 1024)}\n${errorLine('2.1.197-502')}\n`);
    await r.scanNow();
    // The 300 KiB line, read in two parts, is dropped; the next line is read.
    expect(r.report().recentErrors.map((e) => e.findingId)).toEqual(['upstream-error', 'rate-limited']);
  });
});
