import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../util/command-runner';
import { addIgnorePattern, globalExcludesFile, isIgnoredByGit, LOCAL_SETTINGS_PATTERN } from './gitignore';
import { makeTempHost, type TempHost } from '../testing/fixtures';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
  await mkdir(t.host.homeDir, { recursive: true });
});
afterEach(() => t.cleanup());

describe('gitignore', () => {
  it('uses XDG_CONFIG_HOME/git/ignore by default and core.excludesFile when set (temp HOME only)', async () => {
    const runner = createCommandRunner();
    expect(await globalExcludesFile(t.host, runner)).toBe(join(t.host.homeDir, '.config', 'git', 'ignore'));
    execFileSync('git', ['config', '--global', 'core.excludesFile', '~/my-excludes'], { env: { HOME: t.host.homeDir, PATH: process.env.PATH, XDG_CONFIG_HOME: t.host.env.XDG_CONFIG_HOME } });
    expect(await globalExcludesFile(t.host, runner)).toBe(join(t.host.homeDir, 'my-excludes'));
  });

  it('adds the pattern once, on its own line', () => {
    expect(addIgnorePattern(null)).toBe(`${LOCAL_SETTINGS_PATTERN}\n`);
    expect(addIgnorePattern('*.log')).toBe(`*.log\n${LOCAL_SETTINGS_PATTERN}\n`);
    const once = addIgnorePattern('*.log\r\n');
    expect(once).toBe(`*.log\r\n${LOCAL_SETTINGS_PATTERN}\r\n`);
    expect(addIgnorePattern(once)).toBe(once);
  });

  it('reports whether git ignores a path', async () => {
    const repo = join(t.root, 'repo');
    await mkdir(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo, env: { HOME: t.host.homeDir, PATH: process.env.PATH } });
    const runner = createCommandRunner();
    const local = join(repo, '.claude', 'settings.local.json');
    expect(await isIgnoredByGit(t.host, runner, local, repo)).toBe(false);
    expect(await isIgnoredByGit(t.host, runner, local, t.host.homeDir)).toBe(null);
  });
});
