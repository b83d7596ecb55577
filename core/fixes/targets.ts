/**
 * Where each kind of fix target lives for this host and project. Paths come
 * from the resolver's source list when it has them, otherwise from the same
 * rules Claude Code and VS Code use; never from the real home folder.
 */
import { join } from 'node:path';
import { claudeConfigDir } from '../config/discovery/paths';
import type { ResolvedConfig } from '../config/resolved';
import type { HostContext } from '../ports';
import { homeRelative } from '../../shared/home-path';

/** ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR/settings.json). */
export function userSettingsPath(host: HostContext, resolved: ResolvedConfig): string {
  return resolved.sources.find((s) => s.kind === 'user-settings')?.path ?? join(claudeConfigDir(host), 'settings.json');
}

/** The project's .claude/settings.json (null without a project). */
export function projectSettingsPath(resolved: ResolvedConfig): string | null {
  return resolved.sources.find((s) => s.kind === 'project-settings')?.path ?? (resolved.projectDir ? join(resolved.projectDir, '.claude', 'settings.json') : null);
}

/** The local settings file Claude Code reads first (the git-root copy when there is one). */
export function localSettingsPath(resolved: ResolvedConfig): string | null {
  return resolved.sources.find((s) => s.kind === 'local-settings')?.path ?? (resolved.projectDir ? join(resolved.projectDir, '.claude', 'settings.local.json') : null);
}

/** VS Code's user settings.json: the first one discovered, else the per-OS default for "Code". */
export function vscodeSettingsPath(host: HostContext, resolved: ResolvedConfig): string {
  const found = resolved.sources.filter((s) => s.kind === 'vscode-settings');
  const preferred = found.find((s) => s.state === 'loaded') ?? found[0];
  if (preferred) return preferred.path;
  if (host.platform === 'darwin') return join(host.homeDir, 'Library', 'Application Support', 'Code', 'User', 'settings.json');
  if (host.platform === 'win32') return join(host.env.APPDATA ?? join(host.homeDir, 'AppData', 'Roaming'), 'Code', 'User', 'settings.json');
  return join(host.env.XDG_CONFIG_HOME || join(host.homeDir, '.config'), 'Code', 'User', 'settings.json');
}

/** A project's shared settings file: committed, so never a place for a credential. */
export function isSharedProjectSettings(path: string, host: HostContext, resolved: ResolvedConfig): boolean {
  if (path === userSettingsPath(host, resolved)) return false;
  if (resolved.sources.some((s) => s.kind === 'project-settings' && s.path === path)) return true;
  return /[\\/]\.claude[\\/]settings\.json$/.test(path);
}

export function isLocalSettings(path: string): boolean {
  return /[\\/]\.claude[\\/]settings\.local\.json$/.test(path);
}

/** Shows a path with the home folder as ~, for messages. */
export function displayPath(host: HostContext, path: string): string {
  return homeRelative(path, host.homeDir);
}
