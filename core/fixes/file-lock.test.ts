import { mkdir, mkdtemp, realpath, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from './file-state';
import { createFileLocks, LOCK_STALE_MS } from './file-lock';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-lock-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createFileLocks', () => {
  it('runs two holders of the same file one after the other, never interleaved', async () => {
    const locks = createFileLocks(join(root, 'locks'));
    const target = join(root, 'settings.json');
    const trace: string[] = [];
    const holder = (name: string) =>
      locks.hold([target], async () => {
        trace.push(`${name}:in`);
        await sleep(100);
        trace.push(`${name}:out`);
      });
    // Two lock sets, as two processes would have.
    await Promise.all([holder('a'), createFileLocks(join(root, 'locks')).hold([target], async () => {
      trace.push('b:in');
      await sleep(100);
      trace.push('b:out');
    })]);
    expect(trace).toHaveLength(4);
    expect(trace[0].split(':')[0]).toBe(trace[1].split(':')[0]);
    expect(trace[2].split(':')[0]).toBe(trace[3].split(':')[0]);
  });

  it('gives a file and a symlink to it the same lock', async () => {
    const target = join(root, 'real.json');
    await writeFile(target, '{}');
    await symlink(target, join(root, 'link.json'));
    const a = createFileLocks(join(root, 'locks'));
    const b = createFileLocks(join(root, 'locks'));
    const trace: string[] = [];
    await Promise.all([
      a.hold([target], async () => {
        trace.push('a:in');
        await sleep(100);
        trace.push('a:out');
      }),
      b.hold([join(root, 'link.json')], async () => {
        trace.push('b:in');
        await sleep(100);
        trace.push('b:out');
      }),
    ]);
    expect(trace[0].split(':')[0]).toBe(trace[1].split(':')[0]);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const locksDir = join(root, 'locks');
    const target = join(root, 'settings.json');
    // What a process killed while holding the lock leaves behind: the lock folder, not refreshed since.
    const lockDir = join(locksDir, `${sha256(join(await realpath(root), 'settings.json')).slice(0, 32)}.lock`);
    await mkdir(lockDir, { recursive: true });
    const old = new Date(Date.now() - LOCK_STALE_MS - 5_000);
    await utimes(lockDir, old, old);
    let ran = false;
    await createFileLocks(locksDir).hold([target], async () => {
      ran = true;
      // The holder took over that very folder (the key is the target's real path), and refreshed it.
      expect((await stat(lockDir)).mtimeMs).toBeGreaterThan(old.getTime() + 1_000);
    });
    expect(ran).toBe(true);
  });

  it('releases the locks when the work throws', async () => {
    const locks = createFileLocks(join(root, 'locks'));
    const target = join(root, 'settings.json');
    await expect(locks.hold([target], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    let ran = false;
    await locks.hold([target], async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
