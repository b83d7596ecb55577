import { mkdir, symlink, truncate, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettingsFile } from './settings-file';
import { CANARY, makeTempDir } from '../../testing/fixtures';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

async function settingsAt(content: string | Buffer, name = 'settings.json') {
  const path = join(dir, name);
  await writeFile(path, content);
  return { path, result: await readSettingsFile('user-settings', path) };
}

describe('readSettingsFile: valid files', () => {
  it('parses settings with the line of each top-level key and env entry', async () => {
    const text = ['{', '  "model": "opus",', '  "env": {', '    "ANTHROPIC_BASE_URL": "https://gw.example",', `    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"`, '  },', '  "apiKeyHelper": "~/bin/key"', '}'].join('\n');
    const { path, result } = await settingsAt(text);
    expect(result.file).toEqual({ kind: 'user-settings', path, state: 'loaded', watch: true });
    expect(result.keyLines).toEqual({ model: 2, env: 3, apiKeyHelper: 7 });
    expect(result.env.ANTHROPIC_BASE_URL).toEqual({ value: 'https://gw.example', source: { kind: 'user-settings', path, line: 4 } });
    expect(result.env.ANTHROPIC_AUTH_TOKEN.source.line).toBe(5);
    expect(result.problems).toEqual([]);
  });

  it('reports a missing file as missing, which is normal', async () => {
    const result = await readSettingsFile('project-settings', join(dir, 'nope', 'settings.json'));
    expect(result.file.state).toBe('missing');
    expect(result.file.problem).toBeUndefined();
    expect(result.settings).toBeNull();
  });
});

describe('readSettingsFile: strict JSON like Claude Code', () => {
  it('rejects // comments with the line and column of the comment', async () => {
    const { path, result } = await settingsAt('{\n  // gateway\n  "model": "x"\n}');
    expect(result.file.state).toBe('invalid');
    expect(result.settings).toBeNull();
    expect(result.parseError).toEqual({ message: expect.stringContaining('comments'), line: 2, column: 3 });
    expect(result.file.problem).toContain(`Invalid or malformed JSON in ${path} at line 2, column 3`);
  });

  it('rejects a trailing comma, pointing at the comma', async () => {
    const { result } = await settingsAt('{\n  "env": {\n    "A": "1",\n  }\n}');
    expect(result.file.state).toBe('invalid');
    expect(result.parseError).toMatchObject({ line: 3, column: 13, message: expect.stringContaining('trailing comma') });
  });

  it('rejects truncated JSON', async () => {
    const { result } = await settingsAt('{\n  "model": "x"\n');
    expect(result.file.state).toBe('invalid');
    expect(result.parseError?.line).toBeGreaterThanOrEqual(2);
  });

  it('never quotes the file content (a key) in the problem', async () => {
    const { result } = await settingsAt(`{"env": {"ANTHROPIC_API_KEY": ${CANARY}}}`);
    expect(result.file.state).toBe('invalid');
    expect(JSON.stringify(result)).not.toContain(CANARY);
    expect(JSON.stringify(result)).not.toContain(CANARY.slice(-8));
  });

  it('rejects a top level that is not an object', async () => {
    const { result } = await settingsAt('["a"]');
    expect(result.file.state).toBe('invalid');
    expect(result.file.problem).toContain('must contain a JSON object');
    expect(result.file.problem).toContain('an array');
  });
});

describe('readSettingsFile: wrong types inside a valid file', () => {
  it('reports env that is not an object', async () => {
    const { result } = await settingsAt('{\n "env": ["A=1"]\n}');
    expect(result.file.state).toBe('loaded');
    expect(result.env).toEqual({});
    expect(result.problems).toEqual([{ message: expect.stringContaining('"env"'), line: 2 }]);
  });

  it('reports a non-string env value by name, without its value, and keeps the text Claude Code makes of it', async () => {
    const { result } = await settingsAt(`{"env": {"API_TIMEOUT_MS": 600000, "X": {"k": "${CANARY}"}, "OK": "1"}}`);
    // Claude Code (observed, 2.1.197) uses String(value): nothing is dropped.
    expect(Object.fromEntries(Object.entries(result.env).map(([k, v]) => [k, v.value]))).toEqual({ API_TIMEOUT_MS: '600000', X: '[object Object]', OK: '1' });
    expect(result.problems.map((p) => p.variable)).toEqual(['API_TIMEOUT_MS', 'X']);
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('env.API_TIMEOUT_MS'),
      expect.stringContaining('env.X'),
    ]);
    expect(result.problems[0].message).toContain('a number');
    expect(JSON.stringify(result.problems)).not.toContain(CANARY);
  });
});

describe('readSettingsFile: bad input never throws', () => {
  it('reports an empty file', async () => {
    const { path, result } = await settingsAt('');
    expect(result.file).toMatchObject({ state: 'invalid', problem: expect.stringContaining(`${path} is empty`) });
  });

  it('reports a UTF-8 byte-order mark', async () => {
    const { result } = await settingsAt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"model":"x"}')]));
    expect(result.file.state).toBe('invalid');
    expect(result.file.problem).toContain('starts with a byte-order mark');
  });

  it('reports a UTF-16 file', async () => {
    const { result } = await settingsAt(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]));
    expect(result.file.problem).toContain('UTF-16');
  });

  it('reports binary content (NUL bytes)', async () => {
    const { result } = await settingsAt(Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
    expect(result.file).toMatchObject({ state: 'invalid', problem: expect.stringContaining('NUL bytes') });
  });

  it('does not read a file over 2 MiB', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '{}');
    await truncate(path, 3 * 1024 * 1024);
    const result = await readSettingsFile('user-settings', path);
    expect(result.file.state).toBe('unreadable');
    expect(result.file.problem).toContain('too large');
    expect(result.file.problem).toContain('3.0 MiB');
  });

  it('reports a folder where the file should be', async () => {
    const path = join(dir, 'settings.json');
    await mkdir(path);
    const result = await readSettingsFile('user-settings', path);
    expect(result.file).toMatchObject({ state: 'unreadable', problem: `${path} is a folder, not a file.` });
  });

  it('reports a symbolic link loop', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await symlink(b, a);
    await symlink(a, b);
    const result = await readSettingsFile('user-settings', a);
    expect(result.file.state).toBe('unreadable');
    expect(result.file.problem).toContain('symbolic link loop');
  });

  it('reports a dangling symbolic link as missing, with a word of explanation', async () => {
    const path = join(dir, 'settings.json');
    await symlink(join(dir, 'gone.json'), path);
    const result = await readSettingsFile('user-settings', path);
    expect(result.file.state).toBe('missing');
    expect(result.file.problem).toContain('symbolic link to a file that does not exist');
  });

  it('reports a parent folder that is a file', async () => {
    await writeFile(join(dir, '.claude'), 'not a folder');
    const result = await readSettingsFile('user-settings', join(dir, '.claude', 'settings.json'));
    expect(result.file.state).toBe('unreadable');
    expect(result.file.problem).toContain('parent folders is a file');
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('reports a permission error', async () => {
    const { path } = await settingsAt('{}');
    await chmod(path, 0o000);
    const result = await readSettingsFile('user-settings', path);
    expect(result.file.state).toBe('unreadable');
    expect(result.file.problem).toContain('permission denied');
  });
});

describe('describeFsError', () => {
  // Running as root makes chmod ineffective, so the mapping itself is checked too.
  it('turns EACCES/EPERM into a permission sentence naming the file', async () => {
    const { describeFsError } = await import('./read-text-file');
    const eacces = Object.assign(new Error('x'), { code: 'EACCES' });
    expect(describeFsError('/etc/claude-code/managed-settings.json', eacces)).toEqual({
      state: 'unreadable',
      problem: expect.stringMatching(/^\/etc\/claude-code\/managed-settings\.json cannot be read: permission denied/),
    });
    expect(describeFsError('/x', Object.assign(new Error('x'), { code: 'EPERM' })).state).toBe('unreadable');
  });
});
