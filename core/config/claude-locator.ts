/**
 * Finds the `claude` executable the way a user's terminal would, without a
 * terminal. An app started from the Dock, Finder, the Start menu or a desktop
 * file gets a minimal PATH, so besides PATH we look in the places Claude
 * Code's installers put it. We never run the user's shell (slow, may print,
 * may prompt) nor npm to ask: only files are checked.
 *
 * Order: GATEWAY_DOCTOR_CLAUDE_BIN (an explicit choice), PATH, then the
 * documented install locations for the host's OS.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { HostContext } from '../ports';
import type { ClaudeLocation } from '../types';

export type { ClaudeLocation };

/** Bounded read of ~/.npmrc (only its `prefix=` line matters). */
const MAX_NPMRC_BYTES = 64 * 1024;

/** The executable names to try in one folder. */
function executableNames(host: HostContext): string[] {
  if (host.platform !== 'win32') return ['claude'];
  // The native installer ships claude.exe; npm makes claude.cmd (and a shell script for Git Bash).
  const exts = (host.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').map((e) => e.toLowerCase()).filter((e) => ['.exe', '.cmd', '.bat', '.com'].includes(e));
  return exts.map((ext) => `claude${ext}`);
}

function isExecutableFile(path: string, platform: HostContext['platform']): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `prefix=` from ~/.npmrc, or the npm_config_prefix environment variable. */
function npmPrefix(host: HostContext): string | null {
  const fromEnv = host.env.npm_config_prefix || host.env.NPM_CONFIG_PREFIX;
  if (fromEnv) return fromEnv;
  try {
    const text = readFileSync(join(host.homeDir, '.npmrc'), 'utf8').slice(0, MAX_NPMRC_BYTES);
    const match = /^\s*prefix\s*=\s*(.+?)\s*$/m.exec(text);
    if (!match) return null;
    const value = match[1].replace(/^["']|["']$/g, '');
    return value.startsWith('~/') ? join(host.homeDir, value.slice(2)) : value.replace(/\$\{?HOME\}?/g, host.homeDir);
  } catch {
    return null;
  }
}

/** The folders Claude Code's installers use on the host's OS, most specific first, each with a label for the UI. */
export function claudeInstallDirs(host: HostContext): Array<{ dir: string; label: string }> {
  const home = host.homeDir;
  const dirs: Array<{ dir: string; label: string }> = [];
  const prefix = npmPrefix(host);
  if (host.platform === 'win32') {
    dirs.push({ dir: join(home, '.local', 'bin'), label: 'native installer (%USERPROFILE%\\.local\\bin)' });
    const appData = host.env.APPDATA ?? join(home, 'AppData', 'Roaming');
    if (prefix) dirs.push({ dir: prefix, label: 'npm global prefix (.npmrc)' });
    dirs.push({ dir: join(appData, 'npm'), label: 'npm global install (%APPDATA%\\npm)' });
    return dirs;
  }
  dirs.push({ dir: join(home, '.local', 'bin'), label: 'native installer (~/.local/bin)' });
  dirs.push({ dir: join(home, '.claude', 'local'), label: 'local install (~/.claude/local)' });
  if (prefix) dirs.push({ dir: join(prefix, 'bin'), label: 'npm global prefix (.npmrc)' });
  dirs.push({ dir: join(home, '.npm-global', 'bin'), label: 'npm global prefix (~/.npm-global)' });
  if (host.platform === 'darwin') dirs.push({ dir: '/opt/homebrew/bin', label: 'Homebrew (/opt/homebrew/bin)' });
  dirs.push({ dir: '/usr/local/bin', label: '/usr/local/bin' });
  return dirs;
}

/** The first PATH folder holding one of `names` as an executable file. */
function onPath(host: HostContext, names: string[]): string | null {
  const pathVar = host.env.PATH ?? host.env.Path ?? '';
  for (const dir of pathVar.split(host.platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate, host.platform)) return candidate;
    }
  }
  return null;
}

/**
 * Where `claude` is, and how it was found; null when it is nowhere we look.
 * Cheap (a few stat calls), so it runs on every detection.
 */
export function locateClaude(host: HostContext): ClaudeLocation | null {
  const explicit = host.env.GATEWAY_DOCTOR_CLAUDE_BIN;
  // An explicit choice is not second-guessed: when it is not there, claude is
  // "not found". A bare name (no folder) is looked up on PATH.
  if (explicit) {
    const found = /[\\/]/.test(explicit) ? (isExecutableFile(explicit, host.platform) ? explicit : null) : onPath(host, [explicit]);
    return found ? { path: found, foundBy: 'setting', where: 'GATEWAY_DOCTOR_CLAUDE_BIN' } : null;
  }

  const names = executableNames(host);
  const fromPath = onPath(host, names);
  if (fromPath) return { path: fromPath, foundBy: 'path', where: 'PATH' };
  for (const { dir, label } of claudeInstallDirs(host)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate, host.platform)) return { path: candidate, foundBy: 'install-location', where: label };
    }
  }
  return null;
}
