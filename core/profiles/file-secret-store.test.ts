import { chmod, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, makeTempDir } from '../testing/fixtures';
import { createFileSecretStore, SECRETS_FILE_NAME } from './file-secret-store';

let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup: removeDir } = await makeTempDir('gd-file-secrets-'));
});
afterEach(() => removeDir());

describe('the fallback file secret store', () => {
  it('keeps secrets in a 0600 file in the data folder and names itself as such', async () => {
    const store = createFileSecretStore(join(dir, 'data'), 'no OS keychain is reachable (test).');
    expect(store).toMatchObject({ available: true, kind: 'file' });
    expect(store.description).toContain(join(dir, 'data', SECRETS_FILE_NAME));
    expect(store.description).toMatch(/mode 0600.*no OS keychain is reachable \(test\)/);
    expect(store.description).not.toContain(CANARY);
    await store.set('profile:corp', CANARY);
    await store.set('profile:other', 'other-secret-123456');
    expect(await store.get('profile:corp')).toBe(CANARY);
    const file = join(dir, 'data', SECRETS_FILE_NAME);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.delete('profile:corp');
    expect(await store.get('profile:corp')).toBeNull();
    expect(await store.get('profile:other')).toBe('other-secret-123456');
    expect(await readFile(file, 'utf8')).not.toContain(CANARY);
  });

  it.runIf(process.platform !== 'win32')('tightens a loosened file back to 0600 before reading it', async () => {
    const store = createFileSecretStore(dir, 'test.');
    await store.set('k', CANARY);
    await chmod(join(dir, SECRETS_FILE_NAME), 0o644);
    expect(await store.get('k')).toBe(CANARY);
    expect((await stat(join(dir, SECRETS_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file with a message naming it, never a stack trace', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, SECRETS_FILE_NAME), '{ not json');
    const store = createFileSecretStore(dir, 'test.');
    await expect(store.get('k')).rejects.toThrow(`${join(dir, SECRETS_FILE_NAME)} is not a valid Gateway Doctor secrets file`);
  });
});

describe('two processes saving secrets at once (the tray and a CLI in a terminal)', () => {
  // Two store instances share no in-process queue, only the file lock: every key written by either must survive.
  it('keeps every secret when two stores on the same file write at the same time', async () => {
    const tray = createFileSecretStore(dir, 'test.');
    const terminal = createFileSecretStore(dir, 'test.');
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 12; i++) {
      writes.push(tray.set(`tray-${i}`, `value-tray-${i}`));
      writes.push(terminal.set(`terminal-${i}`, `value-terminal-${i}`));
    }
    await Promise.all(writes);
    const reader = createFileSecretStore(dir, 'test.');
    for (let i = 0; i < 12; i++) {
      expect(await reader.get(`tray-${i}`)).toBe(`value-tray-${i}`);
      expect(await reader.get(`terminal-${i}`)).toBe(`value-terminal-${i}`);
    }
  });
});
