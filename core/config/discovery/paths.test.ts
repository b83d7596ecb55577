import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathTable } from './paths';
import { makeHost } from './test-support';

const HOME = '/tmp/gd-fake-home';

describe('pathTable', () => {
  it('linux: ~/.claude, /etc/claude-code, XDG folders, all shells', () => {
    const table = pathTable(makeHost(HOME, { managedDir: undefined, env: {} }));
    expect(table.configDir).toBe(join(HOME, '.claude'));
    expect(table.userSettings).toBe(join(HOME, '.claude', 'settings.json'));
    expect(table.claudeJson).toBe(join(HOME, '.claude.json'));
    expect(table.credentialsFile).toBe(join(HOME, '.claude', '.credentials.json'));
    expect(table.managedFile).toBe('/etc/claude-code/managed-settings.json');
    expect(table.managedDropinDir).toBe('/etc/claude-code/managed-settings.d');
    expect(table.shellProfiles.map((p) => p.path)).toEqual([
      ...['.bashrc', '.bash_profile', '.profile', '.zshenv', '.zprofile', '.zshrc'].map((n) => join(HOME, n)),
      join(HOME, '.config', 'fish', 'config.fish'),
      join(HOME, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1'),
    ]);
    expect(table.vscodeUserDirs.slice(0, 5)).toEqual(
      ['Code', 'Code - Insiders', 'Cursor', 'VSCodium', 'Windsurf'].map((product) => ({ product, userDir: join(HOME, '.config', product, 'User') })),
    );
    expect(table.vscodeUserDirs.map((d) => d.userDir)).toContain(join(HOME, '.vscode-server', 'data', 'User'));
  });

  it('honours CLAUDE_CONFIG_DIR, ZDOTDIR, XDG_CONFIG_HOME and the managed-dir override', () => {
    const table = pathTable(makeHost(HOME, { managedDir: '/tmp/gd-managed', env: { CLAUDE_CONFIG_DIR: '/tmp/cc', ZDOTDIR: '/tmp/z', XDG_CONFIG_HOME: '/tmp/xdg' } }));
    expect(table.userSettings).toBe(join('/tmp/cc', 'settings.json'));
    expect(table.claudeJson).toBe(join('/tmp/cc', '.claude.json'));
    expect(table.credentialsFile).toBe(join('/tmp/cc', '.credentials.json'));
    expect(table.managedFile).toBe(join('/tmp/gd-managed', 'managed-settings.json'));
    expect(table.shellProfiles.filter((p) => p.shell === 'zsh').map((p) => p.path)).toEqual(['.zshenv', '.zprofile', '.zshrc'].map((n) => join('/tmp/z', n)));
    expect(table.shellProfiles.find((p) => p.shell === 'fish')?.path).toBe(join('/tmp/xdg', 'fish', 'config.fish'));
    expect(table.vscodeUserDirs[0].userDir).toBe(join('/tmp/xdg', 'Code', 'User'));
  });

  it('darwin: Application Support for managed settings and VS Code', () => {
    const table = pathTable(makeHost(HOME, { platform: 'darwin', managedDir: undefined, env: {} }));
    expect(table.managedFile).toBe('/Library/Application Support/ClaudeCode/managed-settings.json');
    expect(table.vscodeUserDirs[0]).toEqual({ product: 'Code', userDir: join(HOME, 'Library', 'Application Support', 'Code', 'User') });
    expect(table.vscodeUserDirs.some((d) => d.product.startsWith('VS Code Server'))).toBe(false);
    expect(table.shellProfiles.map((p) => p.shell)).toContain('zsh');
  });

  it('win32: Program Files, %APPDATA%, PowerShell profiles in Documents', () => {
    const table = pathTable(makeHost(HOME, { platform: 'win32', managedDir: undefined, env: { APPDATA: '/tmp/roaming' } }));
    expect(table.managedFile).toBe('C:\\Program Files\\ClaudeCode\\managed-settings.json');
    expect(table.managedDropinDir).toBe(win32.join('C:\\Program Files\\ClaudeCode', 'managed-settings.d'));
    expect(table.userSettings).toBe(join(HOME, '.claude', 'settings.json'));
    expect(table.vscodeUserDirs[2]).toEqual({ product: 'Cursor', userDir: join('/tmp/roaming', 'Cursor', 'User') });
    const shells = table.shellProfiles.map((p) => [p.shell, p.path]);
    expect(shells).toContainEqual(['powershell', join(HOME, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1')]);
    expect(shells).toContainEqual(['powershell', join(HOME, 'Documents', 'WindowsPowerShell', 'Microsoft.PowerShell_profile.ps1')]);
    expect(shells.some(([shell]) => shell === 'zsh' || shell === 'fish')).toBe(false);
  });

  it('win32 without APPDATA falls back to AppData\\Roaming under home', () => {
    const table = pathTable(makeHost(HOME, { platform: 'win32', env: {} }));
    expect(table.vscodeUserDirs[0].userDir).toBe(join(HOME, 'AppData', 'Roaming', 'Code', 'User'));
  });
});
