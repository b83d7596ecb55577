import { chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/fixtures';
import { removeFile, writeFileAtomically } from './atomic-write';

const posix = process.platform !== 'win32';
let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup: removeDir } = await makeTempDir('gd-atomic-'));
});
afterEach(() => removeDir());

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

  it.runIf(posix)('writes through a dangling symlink, creating its target and keeping the link', async () => {
    const { mkdir, symlink, lstat, readlink } = await import('node:fs/promises');
    await mkdir(join(dir, 'dotfiles'));
    await symlink('dotfiles/settings.json', join(dir, 'settings.json'));
    await writeFileAtomically(join(dir, 'settings.json'), '{}\n');
    expect((await lstat(join(dir, 'settings.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'settings.json'))).toBe('dotfiles/settings.json');
    expect(await readFile(join(dir, 'dotfiles', 'settings.json'), 'utf8')).toBe('{}\n');
    // removeFile is its inverse: the created target goes, the link stays (dangling again).
    await removeFile(join(dir, 'settings.json'));
    expect(await readlink(join(dir, 'settings.json'))).toBe('dotfiles/settings.json');
    await expect(stat(join(dir, 'dotfiles', 'settings.json'))).rejects.toThrow();
  });

  it.runIf(posix)('does not create the missing folder of a dangling symlink', async () => {
    const { symlink } = await import('node:fs/promises');
    await symlink('nowhere/settings.json', join(dir, 'settings.json'));
    await expect(writeFileAtomically(join(dir, 'settings.json'), '{}\n')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  describe.runIf(posix)('new files and the umask', () => {
    let saved: number;
    beforeEach(() => {
      saved = process.umask(0o077);
    });
    afterEach(() => {
      process.umask(saved);
    });

    it('a new file honours the umask (0600 under umask 077, not 0644)', async () => {
      const path = join(dir, 'settings.json');
      await writeFileAtomically(path, '{}\n');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    });

    it('a new file under umask 022 is 0644, and 0600 when it holds a secret', async () => {
      process.umask(0o022);
      await writeFileAtomically(join(dir, 'plain.json'), '{}\n');
      expect((await stat(join(dir, 'plain.json'))).mode & 0o777).toBe(0o644);
      await writeFileAtomically(join(dir, 'secret.json'), '{}\n', { holdsSecret: true });
      expect((await stat(join(dir, 'secret.json'))).mode & 0o777).toBe(0o600);
    });

    it('a secret never widens an existing file (0400 stays 0400, 0644 becomes 0600)', async () => {
      const narrow = join(dir, 'narrow.json');
      await writeFile(narrow, 'x');
      await chmod(narrow, 0o400);
      await writeFileAtomically(narrow, 'y', { holdsSecret: true });
      expect((await stat(narrow)).mode & 0o777).toBe(0o400);
      const wide = join(dir, 'wide.json');
      await writeFile(wide, 'x');
      await chmod(wide, 0o644);
      await writeFileAtomically(wide, 'y', { holdsSecret: true });
      expect((await stat(wide)).mode & 0o777).toBe(0o600);
    });
  });
});
