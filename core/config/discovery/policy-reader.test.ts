import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPolicyReader, parseRegQueryOutput } from './policy-reader';
import { makeTempDir } from '../../testing/fixtures';
import { fakeRunner, makeHost, writeTree } from './test-support';

const REG_OUTPUT = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeCode\r\n    Settings    REG_SZ    {"model":"m","env":{"A":"1"}}\r\n\r\n';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

describe('parseRegQueryOutput', () => {
  it('extracts REG_SZ and REG_EXPAND_SZ values', () => {
    expect(parseRegQueryOutput(REG_OUTPUT)).toBe('{"model":"m","env":{"A":"1"}}');
    expect(parseRegQueryOutput('    Settings    REG_EXPAND_SZ    {}')).toBe('{}');
    expect(parseRegQueryOutput('    Settings    REG_DWORD    0x1')).toBeNull();
  });
});

describe('createPolicyReader', () => {
  it('does nothing on Linux', async () => {
    const runner = fakeRunner(() => ({ exitCode: 0 }));
    expect(await createPolicyReader(runner).read(makeHost(dir))).toEqual([]);
    expect(runner.calls).toEqual([]);
  });

  it('queries HKLM then HKCU with reg on Windows', async () => {
    const runner = fakeRunner((command, args) => (args[1].startsWith('HKLM') ? { stdout: REG_OUTPUT } : { exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' }));
    const values = await createPolicyReader(runner).read(makeHost(dir, { platform: 'win32' }));
    expect(runner.calls.map((c) => [c.command, ...c.args])).toEqual([
      ['reg', 'query', 'HKLM\\SOFTWARE\\Policies\\ClaudeCode', '/v', 'Settings'],
      ['reg', 'query', 'HKCU\\SOFTWARE\\Policies\\ClaudeCode', '/v', 'Settings'],
    ]);
    expect(values).toEqual([{ label: 'HKLM', where: 'HKLM\\SOFTWARE\\Policies\\ClaudeCode (value "Settings")', text: '{"model":"m","env":{"A":"1"}}' }]);
  });

  it('returns nothing when reg cannot run', async () => {
    const runner = fakeRunner(() => ({ exitCode: null, spawnError: 'reg was not found' }));
    expect(await createPolicyReader(runner).read(makeHost(dir, { platform: 'win32' }))).toEqual([]);
  });

  it('prefers the per-user plist on macOS and converts it with plutil', async () => {
    const prefs = join(dir, 'Managed Preferences');
    await writeTree(prefs, { 'alice/com.anthropic.claudecode.plist': 'binary plist', 'com.anthropic.claudecode.plist': 'machine plist' });
    const runner = fakeRunner((command, args) => ({ stdout: args.at(-1)!.includes('alice') ? '{"model":"user"}' : '{"model":"machine"}' }));
    const host = makeHost(dir, { platform: 'darwin', env: { USER: 'alice' } });
    const values = await createPolicyReader(runner, { managedPreferencesDir: prefs }).read(host);
    expect(values).toEqual([{ label: 'plist', where: join(prefs, 'alice', 'com.anthropic.claudecode.plist'), text: '{"model":"user"}' }]);
    expect(runner.calls[0].command).toBe('plutil');
    expect(runner.calls[0].args.slice(0, 4)).toEqual(['-convert', 'json', '-o', '-']);
  });

  it('falls back to the machine plist and reports one plutil cannot convert', async () => {
    const prefs = join(dir, 'Managed Preferences');
    await writeTree(prefs, { 'com.anthropic.claudecode.plist': 'x' });
    const runner = fakeRunner(() => ({ exitCode: 1, stderr: 'invalid object' }));
    const values = await createPolicyReader(runner, { managedPreferencesDir: prefs }).read(makeHost(dir, { platform: 'darwin', env: { USER: 'bob' } }));
    expect(values).toEqual([{ label: 'plist', where: join(prefs, 'com.anthropic.claudecode.plist'), text: null, problem: expect.stringContaining('could not be converted') }]);
  });
});
