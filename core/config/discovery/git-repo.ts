/**
 * Git facts discovery needs: the repository root of the start folder (Claude
 * Code 2.1.211+ keeps settings.local.json there) and whether git ignores a
 * local settings file (a committed settings.local.json leaks credentials).
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandRunner, HostContext } from '../../ports';
import { existsSyncSafe } from './read-text-file';

/** No real folder tree is deeper than this; it bounds the walk on odd paths. */
const MAX_WALK_DEPTH = 256;
const GIT_TIMEOUT_MS = 5_000;

export interface GitRootInfo {
  /** The folder holding `.git` (a folder, or a worktree/submodule file), or null outside git. */
  gitRoot: string | null;
  /** Whether Claude Code reads settings.local.json from the root rather than only the start folder. */
  localAtRoot: boolean;
}

function samePath(a: string, b: string, platform: HostContext['platform']): boolean {
  const na = resolve(a);
  const nb = resolve(b);
  return platform === 'win32' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

function ownedByCurrentUser(path: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  try {
    return statSync(path).uid === uid;
  } catch {
    // Not there (e.g. no .claude folder yet): nothing to distrust.
    return true;
  }
}

/**
 * Walks up from `startDir` looking for `.git`, stopping after the home folder
 * or at the file-system root. Synchronous and cheap (one stat per level), so
 * the watcher can use it too.
 */
export function findGitRoot(startDir: string, host: HostContext): GitRootInfo {
  let dir = resolve(startDir);
  let gitRoot: string | null = null;
  for (let depth = 0; depth < MAX_WALK_DEPTH; depth++) {
    if (existsSyncSafe(join(dir, '.git'))) {
      gitRoot = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir || samePath(dir, host.homeDir, host.platform)) break;
    dir = parent;
  }
  if (!gitRoot) return { gitRoot: null, localAtRoot: false };
  // The repository-root rule does not apply on Windows, when the root is the
  // home folder, or when the root, .git or .claude belongs to someone else.
  const localAtRoot =
    host.platform !== 'win32' &&
    !samePath(gitRoot, host.homeDir, host.platform) &&
    ownedByCurrentUser(gitRoot) &&
    ownedByCurrentUser(join(gitRoot, '.git')) &&
    ownedByCurrentUser(join(gitRoot, '.claude'));
  return { gitRoot, localAtRoot };
}

/**
 * Asks git whether it ignores `path` (`git check-ignore -q`), with the host's
 * HOME and XDG_CONFIG_HOME so the user's global excludes file counts.
 * true/false from git's answer; null when git is missing, times out or errs.
 */
export async function isIgnoredByGit(runner: CommandRunner, host: HostContext, gitRoot: string, path: string): Promise<boolean | null> {
  const env: Record<string, string | undefined> = {
    ...host.env,
    HOME: host.homeDir,
    XDG_CONFIG_HOME: host.env.XDG_CONFIG_HOME,
    GIT_TERMINAL_PROMPT: '0',
  };
  if (host.platform === 'win32') env.USERPROFILE = host.homeDir;
  const result = await runner.run('git', ['check-ignore', '-q', '--', path], { cwd: gitRoot, env, timeoutMs: GIT_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
  if (result.spawnError || result.timedOut) return null;
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  return null;
}
