import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomic-write';

const posix = process.platform !== 'win32';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gd-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('creates parent folders and leaves no temp file behind', async () => {
    const path = join(dir, 'a', 'b', 'settings.json');
    await writeFileAtomically(path, '{}\n');
    expect(await readFile(path, 'utf8')).toBe('{}\n');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['settings.json']);
  });

  it.runIf(posix)('writes through a symlink, keeping the link', async () => {
    const real = join(dir, 'dotfiles', 'zshrc');
    const { mkdir, symlink, lstat } = await import('node:fs/promises');
    await mkdir(join(dir, 'dotfiles'));
    await writeFile(real, 'old');
    await symlink(real, join(dir, '.zshrc'));
    await writeFileAtomically(join(dir, '.zshrc'), 'new');
    expect((await lstat(join(dir, '.zshrc'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe('new');
  });

  it.runIf(posix)('keeps the existing mode, and makes credential files 0600', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, 'x');
    await chmod(path, 0o640);
    await writeFileAtomically(path, 'y');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    await writeFileAtomically(path, 'secret', { holdsSecret: true });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFileAtomically(path, 'back', { mode: 0o640 });
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });
});
