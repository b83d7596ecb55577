import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_PER_FILE, createBackupStore } from './backups';
import { CANARY, makeTempHost, type TempHost } from '../testing/fixtures';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
});
afterEach(() => t.cleanup());

describe('backups', () => {
  it('keeps the last 20 per file, 0600, in folders named by a hash of the path', async () => {
    const store = createBackupStore(t.host.appDataDir);
    const names: string[] = [];
    for (let i = 0; i < BACKUPS_PER_FILE + 5; i++) names.push(await store.save('/x/settings.json', Buffer.from(`v${i} ${CANARY}`), 1000 + i));
    const folders = await readdir(store.backupsDir);
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(await readdir(join(store.backupsDir, folders[0]))).toHaveLength(BACKUPS_PER_FILE);
    expect(await store.read(names[0])).toBeNull();
    expect((await store.read(names[names.length - 1]))?.toString()).toBe(`v24 ${CANARY}`);
    if (process.platform !== 'win32') expect((await stat(join(store.backupsDir, names[names.length - 1]))).mode & 0o777).toBe(0o600);
    expect(await store.read('../../etc/passwd')).toBeNull();
  });

  it('survives a damaged journal', async () => {
    const store = createBackupStore(t.host.appDataDir);
    await store.saveJournal([]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(t.host.appDataDir, 'changes.json'), '{oops');
    expect(await store.loadJournal()).toEqual([]);
  });
});
