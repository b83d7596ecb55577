/**
 * Two processes saving secrets at once (the tray and a CLI in a terminal):
 * two store instances on one folder share no in-process queue, only the
 * file lock, so every key written by either must survive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createFileSecretStore } from './file-secret-store';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('keeps every secret when two stores on the same file write at the same time', async () => {
  dir = await mkdtemp(join(tmpdir(), 'gd-secrets-race-'));
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
