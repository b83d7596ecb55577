/**
 * Builders for `RawSources` values in tests: a readable way to say "user
 * settings set ANTHROPIC_AUTH_TOKEN on line 4" without touching a disk.
 * Used only by tests (resolution is pure, so its tests need no files).
 */
import type { ResolvedConfig } from '../config/resolved';
import type { Located, RawSources, SettingsFile, ShellExport, VsCodeSettings } from '../config/raw-sources';
import { resolveFromSources } from '../config/resolve/resolve-from-sources';
import type { HostContext } from '../ports';
import type { ClaudeCodeInfo, Source, SourceKind } from '../types';

const HOME = '/home/tester';
const PROJECT = '/work/repo';
export const USER_PATH = `${HOME}/.claude/settings.json`;
export const PROJECT_PATH = `${PROJECT}/.claude/settings.json`;
export const LOCAL_PATH = `${PROJECT}/.claude/settings.local.json`;
export const MANAGED_PATH = '/etc/claude-code/managed-settings.json';

type FileKind = SettingsFile['kind'];

/** A parsed settings file whose env entries sit on lines 3, 4, 5... */
function settingsFile(kind: FileKind, path: string, content: { env?: Record<string, string>; [key: string]: unknown } | 'missing' | 'invalid' | 'unreadable'): SettingsFile {
  if (content === 'missing' || content === 'invalid' || content === 'unreadable') {
    return {
      kind,
      path,
      settings: null,
      env: {},
      keyLines: {},
      file: { kind, path, state: content, watch: true, ...(content === 'unreadable' ? { problem: 'permission denied' } : {}) },
      problems: [],
      ...(content === 'invalid' ? { parseError: { message: 'Comments are not allowed', line: 3, column: 5 } } : {}),
    };
  }
  const env: Record<string, Located<string>> = {};
  let line = 3;
  for (const [name, value] of Object.entries(content.env ?? {})) env[name] = { value, source: { kind, path, line: line++ } };
  const keyLines: Record<string, number> = {};
  let keyLine = line + 1;
  for (const key of Object.keys(content)) keyLines[key] = key === 'env' ? 2 : keyLine++;
  return { kind, path, settings: { ...content }, env, keyLines, file: { kind, path, state: 'loaded', watch: true }, problems: [] };
}

export interface RawOptions {
  user?: Parameters<typeof settingsFile>[2];
  project?: Parameters<typeof settingsFile>[2] | null;
  local?: Parameters<typeof settingsFile>[2];
  managed?: { env?: Record<string, string>; [key: string]: unknown } | null;
  processEnv?: Record<string, string>;
  shellExports?: Array<{ name: string; value: string; path?: string; line?: number }>;
  vscode?: Array<{ env?: Record<string, string>; disableLoginPrompt?: boolean | null; product?: string }>;
  trusted?: boolean | null;
  savedLogin?: boolean;
  approved?: string[];
  rejected?: string[];
  localIgnored?: boolean | null;
  desktop?: RawSources['desktop'];
}

function located(kind: SourceKind, path: string, values: Record<string, string>): Record<string, Located<string>> {
  const out: Record<string, Located<string>> = {};
  let line = 3;
  for (const [name, value] of Object.entries(values)) {
    const source: Source = kind === 'shell-env' ? { kind, path: 'process environment' } : { kind, path, line: line++ };
    out[name] = { value, source };
  }
  return out;
}

/** A whole RawSources value; every unspecified source is missing or empty. */
function rawSources(opts: RawOptions = {}): RawSources {
  const user = settingsFile('user-settings', USER_PATH, opts.user ?? 'missing');
  const project = opts.project === null ? null : settingsFile('project-settings', PROJECT_PATH, opts.project ?? 'missing');
  const local = settingsFile('local-settings', LOCAL_PATH, opts.local ?? 'missing');
  const managedFile = opts.managed ? settingsFile('managed-file', MANAGED_PATH, opts.managed) : settingsFile('managed-file', MANAGED_PATH, 'missing');
  const managedSettings = opts.managed ? { ...opts.managed } : {};
  delete managedSettings.env;
  const keySources: Record<string, Source> = {};
  for (const [key, line] of Object.entries(managedFile.keyLines)) keySources[key] = { kind: 'managed-file', path: MANAGED_PATH, line };
  const shellExports: ShellExport[] = (opts.shellExports ?? []).map((e, i) => ({
    name: e.name,
    value: e.value,
    source: { kind: 'shell-profile', path: e.path ?? `${HOME}/.zshrc`, line: e.line ?? i + 10 },
    rawLine: `export ${e.name}=${e.value}`,
  }));
  const vscode: VsCodeSettings[] = (opts.vscode ?? []).map((v) => {
    const path = `${HOME}/.config/Code/User/settings.json`;
    return {
      product: v.product ?? 'Code',
      path,
      file: { kind: 'vscode-settings', path, state: 'loaded', watch: true },
      environmentVariables: located('vscode-settings', path, v.env ?? {}),
      disableLoginPrompt: v.disableLoginPrompt ?? null,
    };
  });
  const files = [managedFile.file, user.file, ...(project ? [project.file] : []), local.file];
  return {
    configDir: `${HOME}/.claude`,
    projectDir: opts.project === null ? null : PROJECT,
    gitRoot: opts.project === null ? null : PROJECT,
    managed: {
      label: opts.managed ? 'file' : null,
      settings: managedSettings,
      env: managedFile.env,
      keySources,
      files: opts.managed ? [managedFile] : [],
    },
    user,
    project,
    local: [local],
    processEnv: located('shell-env', 'process environment', opts.processEnv ?? {}),
    shellExports,
    vscode,
    claudeState: {
      path: `${HOME}/.claude.json`,
      file: { kind: 'claude-state', path: `${HOME}/.claude.json`, state: 'loaded', watch: true },
      approvedKeySuffixes: opts.approved ?? [],
      rejectedKeySuffixes: opts.rejected ?? [],
      hasOauthAccount: opts.savedLogin ?? false,
      projectTrusted: opts.trusted === undefined ? true : opts.trusted,
    },
    savedLogin: opts.savedLogin
      ? { present: true, expiresAt: null, where: `${HOME}/.claude/.credentials.json` }
      : { present: false, expiresAt: null, where: null },
    localSettingsIgnored: { [LOCAL_PATH]: opts.localIgnored === undefined ? true : opts.localIgnored },
    files,
    ...(opts.desktop !== undefined ? { desktop: opts.desktop } : {}),
  };
}

export const testHost: HostContext = { platform: 'linux', homeDir: HOME, env: {}, appDataDir: `${HOME}/.config/gateway-doctor` };

/** Claude Code as detected: not installed unless a version is given. */
export function claudeInfo(version: string | null = null, authStatus: Record<string, unknown> | null = null): ClaudeCodeInfo {
  return { installed: version !== null, version, authStatus, behaviourVersion: version ?? '2.1.240' };
}

/**
 * What the resolver makes of these sources on testHost: Claude Code 2.1.240
 * unless `version` says otherwise (null: not installed), at a fixed time.
 */
export function resolveRaw(opts: RawOptions, o: { version?: string | null; authStatus?: Record<string, unknown> | null; interactive?: boolean; now?: number } = {}): ResolvedConfig {
  return resolveFromSources(rawSources(opts), {
    host: testHost,
    claude: claudeInfo(o.version === undefined ? '2.1.240' : o.version, o.authStatus ?? null),
    interactive: o.interactive,
    now: o.now ?? Date.UTC(2026, 0, 1),
  });
}
