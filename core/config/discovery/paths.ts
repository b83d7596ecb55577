/**
 * Where Claude Code (and the tools around it) keep configuration, per OS.
 * Every path is built from the injected HostContext (home folder and
 * environment), never from os.homedir(), so tests and the app agree on what
 * "home" means. Paths use the running platform's separator, so a simulated
 * OS on a temp home still points at real files.
 */
import { join, win32 } from 'node:path';
import type { HostContext } from '../../ports';
import type { Platform } from '../../types';

/** The managed-settings folder Claude Code reads on each OS. */
export const DEFAULT_MANAGED_DIRS: Record<Platform, string> = {
  darwin: '/Library/Application Support/ClaudeCode',
  linux: '/etc/claude-code',
  win32: 'C:\\Program Files\\ClaudeCode',
};

/** VS Code-family products whose user settings may carry claudeCode.* keys. */
export const VSCODE_PRODUCTS = ['Code', 'Code - Insiders', 'Cursor', 'VSCodium', 'Windsurf', 'Devin'] as const;

export interface ShellProfilePath {
  shell: 'bash' | 'zsh' | 'fish' | 'powershell';
  path: string;
}

export interface VsCodeUserDir {
  product: string;
  /** The product's `User` folder: settings.json and profiles/ live in it. */
  userDir: string;
}

export interface PathTable {
  /** $CLAUDE_CONFIG_DIR or ~/.claude. */
  configDir: string;
  userSettings: string;
  /** ~/.claude.json, or .claude.json inside $CLAUDE_CONFIG_DIR. */
  claudeJson: string;
  credentialsFile: string;
  managedDir: string;
  managedFile: string;
  managedDropinDir: string;
  shellProfiles: ShellProfilePath[];
  vscodeUserDirs: VsCodeUserDir[];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** The Claude config folder: $CLAUDE_CONFIG_DIR when set, else ~/.claude. */
export function claudeConfigDir(host: HostContext): string {
  return nonEmpty(host.env.CLAUDE_CONFIG_DIR) ?? join(host.homeDir, '.claude');
}

function xdgConfigHome(host: HostContext): string {
  return nonEmpty(host.env.XDG_CONFIG_HOME) ?? join(host.homeDir, '.config');
}

function shellProfiles(host: HostContext): ShellProfilePath[] {
  const home = host.homeDir;
  const bash: ShellProfilePath[] = ['.bashrc', '.bash_profile', '.profile'].map((name) => ({ shell: 'bash', path: join(home, name) }));
  if (host.platform === 'win32') {
    // Git Bash reads ~/.bashrc too; PowerShell 7 and Windows PowerShell 5.1 have separate profiles.
    const documents = [join(home, 'Documents')];
    const oneDrive = nonEmpty(host.env.OneDrive);
    if (oneDrive) documents.push(join(oneDrive, 'Documents'));
    const powershell: ShellProfilePath[] = documents.flatMap((docs) => [
      { shell: 'powershell' as const, path: join(docs, 'PowerShell', 'Microsoft.PowerShell_profile.ps1') },
      { shell: 'powershell' as const, path: join(docs, 'WindowsPowerShell', 'Microsoft.PowerShell_profile.ps1') },
    ]);
    return [...bash, ...powershell];
  }
  const zdot = nonEmpty(host.env.ZDOTDIR) ?? home;
  const zsh: ShellProfilePath[] = ['.zshenv', '.zprofile', '.zshrc'].map((name) => ({ shell: 'zsh', path: join(zdot, name) }));
  const config = xdgConfigHome(host);
  return [
    ...bash,
    ...zsh,
    { shell: 'fish', path: join(config, 'fish', 'config.fish') },
    { shell: 'powershell', path: join(config, 'powershell', 'Microsoft.PowerShell_profile.ps1') },
  ];
}

function vscodeUserDirs(host: HostContext): VsCodeUserDir[] {
  let base: string;
  if (host.platform === 'darwin') base = join(host.homeDir, 'Library', 'Application Support');
  else if (host.platform === 'win32') base = nonEmpty(host.env.APPDATA) ?? join(host.homeDir, 'AppData', 'Roaming');
  else base = xdgConfigHome(host);
  const dirs: VsCodeUserDir[] = VSCODE_PRODUCTS.map((product) => ({ product, userDir: join(base, product, 'User') }));
  if (host.platform === 'linux') {
    // VS Code Remote (SSH, WSL, containers) keeps its settings in the server's data folder.
    dirs.push({ product: 'VS Code Server', userDir: join(host.homeDir, '.vscode-server', 'data', 'User') });
    dirs.push({ product: 'VS Code Server (machine)', userDir: join(host.homeDir, '.vscode-server', 'data', 'Machine') });
  }
  return dirs;
}

/** Every per-OS location discovery consults, for `host.platform`. */
export function pathTable(host: HostContext): PathTable {
  const configDir = claudeConfigDir(host);
  const override = nonEmpty(host.managedDir);
  const managedDir = override ?? DEFAULT_MANAGED_DIRS[host.platform];
  // The Windows default is a drive path: join it the Windows way even when simulating Windows elsewhere.
  const joinManaged = !override && host.platform === 'win32' ? win32.join : join;
  return {
    configDir,
    userSettings: join(configDir, 'settings.json'),
    claudeJson: nonEmpty(host.env.CLAUDE_CONFIG_DIR) ? join(configDir, '.claude.json') : join(host.homeDir, '.claude.json'),
    credentialsFile: join(configDir, '.credentials.json'),
    managedDir,
    managedFile: joinManaged(managedDir, 'managed-settings.json'),
    managedDropinDir: joinManaged(managedDir, 'managed-settings.d'),
    shellProfiles: shellProfiles(host),
    vscodeUserDirs: vscodeUserDirs(host),
  };
}

/** .claude/settings.json in the start folder (Claude Code does not walk up for it). */
export function projectSettingsPath(projectDir: string): string {
  return join(projectDir, '.claude', 'settings.json');
}

export function localSettingsPath(dir: string): string {
  return join(dir, '.claude', 'settings.local.json');
}
