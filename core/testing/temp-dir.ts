/** A fresh folder under the OS temp dir for one test; `cleanup()` removes it. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * `inMemory` puts the folder on tmpfs (/dev/shm) when there is one: the same
 * real files and fsync calls without a disk's fsync latency, for tests that
 * write thousands of files.
 */
export async function makeTempDir(prefix = 'gd-test-', options: { inMemory?: boolean } = {}): Promise<TempDir> {
  const base = options.inMemory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = await mkdtemp(join(base, prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
