/**
 * Keeps `.claude/settings.local.json` out of git the way Claude Code itself
 * does: a `**\/.claude/settings.local.json` line in the *global* excludes file
 * (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore`, else
 * `~/.config/git/ignore`). git runs with HOME from the host, never the real one.
 */
import { isAbsolute, join } from 'node:path';
import type { CommandRunner, HostContext } from '../ports';

export const LOCAL_SETTINGS_PATTERN = '**/.claude/settings.local.json';

function gitEnv(host: HostContext): Record<string, string | undefined> {
  return {
    HOME: host.homeDir,
    USERPROFILE: host.homeDir,
    XDG_CONFIG_HOME: host.env.XDG_CONFIG_HOME,
    PATH: host.env.PATH ?? process.env.PATH,
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/** The global excludes file git reads for this host's home folder. */
export async function globalExcludesFile(host: HostContext, runner: CommandRunner): Promise<string> {
  const result = await runner.run('git', ['config', '--global', '--get', 'core.excludesFile'], { timeoutMs: 5000, env: gitEnv(host), cwd: host.homeDir, maxOutputBytes: 64 * 1024 });
  const configured = result.exitCode === 0 ? result.stdout.trim() : '';
  if (configured) {
    if (configured === '~' || configured.startsWith('~/')) return join(host.homeDir, configured.slice(1));
    if (isAbsolute(configured)) return configured;
    return join(host.homeDir, configured);
  }
  const xdg = host.env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(host.homeDir, '.config'), 'git', 'ignore');
}

/**
 * Whether git ignores `path` (in the repository containing it): true, false,
 * or null when it is not in a git repository or git is unavailable.
 */
export async function isIgnoredByGit(host: HostContext, runner: CommandRunner, path: string, repoDir: string): Promise<boolean | null> {
  const result = await runner.run('git', ['check-ignore', '-q', '--no-index', path], { timeoutMs: 5000, env: gitEnv(host), cwd: repoDir, maxOutputBytes: 64 * 1024 });
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  return null;
}

/** Adds `pattern` on its own line (idempotent), keeping the file's line endings. */
export function addIgnorePattern(text: string | null, pattern: string = LOCAL_SETTINGS_PATTERN): string {
  const current = text ?? '';
  const lines = current.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(pattern)) return current;
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const sep = current.length === 0 || current.endsWith('\n') ? '' : eol;
  return `${current}${sep}${pattern}${eol}`;
}
