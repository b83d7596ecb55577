import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSwitchMemory } from './switch-memory';
import { applyHunk, reverseHunk } from './text-hunk';
import { CANARY, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
});
afterEach(() => t.cleanup());

describe('reverseHunk', () => {
  it('undoes any edit exactly, whatever the two texts are', () => {
    const pairs = [
      ['', 'abc'],
      ['abc', ''],
      ['a\r\nb\r\nc', 'a\r\nc'],
      ['{\n  // x\n  "a": 1,\n  "b": 2\n}\n', '{\n  // x\n  "b": 2\n}\n'],
      ['same', 'same'],
      ['aaaa', 'aa'],
      ['emoji 😀 here', 'emoji 😃 here'],
    ];
    for (const [before, after] of pairs) expect(applyHunk(after, reverseHunk(before, after))).toBe(before);
    expect(reverseHunk('{"a":1,"b":2}', '{"b":2}')).toEqual({ start: 2, before: 'a":1,"', afterLength: 0 });
  });
});

describe('switch memory', () => {
  const path = '/h/.config/Code/User/settings.json';
  const before = `{\n  // gateway\n  "claudeCode.environmentVariables": [\n    { "name": "ANTHROPIC_AUTH_TOKEN", "value": "${CANARY}" }\n  ]\n}\n`;
  const after = `{\n  // gateway\n  "claudeCode.environmentVariables": [\n  ]\n}\n`;

  it('restores the exact previous bytes, keeping the secret only in the secret store', async () => {
    const secrets = memorySecretStore();
    const memory = createSwitchMemory(t.host, secrets);
    await memory.save('to-login', 'https://gw', [{ path, before, after }], [CANARY]);
    expect(await readFile(join(t.host.appDataDir, 'last-switch.json'), 'utf8')).not.toContain(CANARY);
    expect([...secrets.data.values()]).toContain(CANARY);
    const last = await memory.load();
    expect(last).toMatchObject({ direction: 'to-login', baseUrl: 'https://gw', paths: [path] });
    expect(last!.restore(path, after)).toBe(before);
    // Edited since the switch: no exact restore (the planner edits by value instead).
    expect(last!.restore(path, after + '\n')).toBeNull();
    expect(last!.restore('/other', after)).toBeNull();
  });

  it('without a secret store, forgets a hunk that holds a secret rather than write it to disk', async () => {
    const memory = createSwitchMemory(t.host, memorySecretStore({ available: false }));
    const plain = { path: '/h/.zshrc', before: 'export ANTHROPIC_BASE_URL=https://gw\n', after: '# off: export ANTHROPIC_BASE_URL=https://gw\n' };
    await memory.save('to-login', null, [{ path, before, after }, plain], [CANARY]);
    expect(await readFile(join(t.host.appDataDir, 'last-switch.json'), 'utf8')).not.toContain(CANARY);
    const last = await memory.load();
    expect(last!.paths).toEqual([plain.path]);
    expect(last!.restore(plain.path, plain.after)).toBe(plain.before);
  });

  it('a secret that left the store makes the hunk unusable rather than restore a hole', async () => {
    const secrets = memorySecretStore();
    const memory = createSwitchMemory(t.host, secrets);
    await memory.save('to-login', null, [{ path, before, after }], [CANARY]);
    secrets.data.clear();
    expect((await memory.load())!.restore(path, after)).toBeNull();
  });
});
