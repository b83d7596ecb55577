/**
 * Configuration discovery: finds and parses every place Claude Code reads
 * configuration from and hands resolution a RawSources. Discovery knows
 * paths, formats and bad input; it never decides precedence (that is
 * core/config/resolve). It never throws on bad files and never runs a
 * user's shell start-up files.
 */
import { join } from 'node:path';
import type { Located, RawSources, SettingsFile, ShellExport } from '../raw-sources';
import type { CommandRunner, HostContext } from '../../ports';
import type { SourceFile } from '../../types';
import { createCommandRunner } from '../../util/command-runner';
import { readClaudeState } from './claude-state';
import { desktopWatchTargets, discoverDesktopConfig } from './desktop-config';
import { createDesktopPolicyReader, type DesktopPolicyReader } from './desktop-policy-reader';
import { findGitRoot, isIgnoredByGit } from './git-repo';
import { discoverManagedSettings } from './managed-settings';
import { localSettingsPath, pathTable, projectSettingsPath } from './paths';
import { createPolicyReader, type PolicyReader } from './policy-reader';
import { isRelevantVariable } from './relevant-env';
import { findSavedLogin } from './saved-login';
import { readSettingsFile } from './settings-file';
import { readShellProfile } from './shell-profiles';
import { readVsCodeSettings } from './vscode-settings';

export type { PolicyReader, PolicyValue } from './policy-reader';
export { createPolicyReader } from './policy-reader';
export type { DesktopPolicyReader, DesktopPolicyValue } from './desktop-policy-reader';
export { createDesktopPolicyReader } from './desktop-policy-reader';
export { isRelevantVariable } from './relevant-env';
export { pathTable, claudeConfigDir, DEFAULT_MANAGED_DIRS, VSCODE_PRODUCTS } from './paths';
export { findGitRoot } from './git-repo';
export { keychainServiceName } from './saved-login';
export { mergeManagedSettings } from './managed-settings';

export interface DiscoverOptions {
  /** The folder Claude Code would start in; null for "no project". */
  projectDir: string | null;
  /** Runs git / security; defaults to the real child_process runner. */
  runner?: CommandRunner;
  /** Reads the OS policy sources; defaults to reg/plutil through `runner`. */
  policyReader?: PolicyReader;
  /** Reads Claude Desktop's managed configuration; defaults to reg/plutil through `runner`. */
  desktopPolicyReader?: DesktopPolicyReader;
}

/** The local settings paths Claude Code reads for a start folder: the repository-root copy first. */
function localSettingsPaths(projectDir: string, host: HostContext): { gitRoot: string | null; paths: string[] } {
  const { gitRoot, localAtRoot } = findGitRoot(projectDir, host);
  const startCopy = localSettingsPath(projectDir);
  const paths: string[] = [];
  if (gitRoot && localAtRoot) {
    const rootCopy = localSettingsPath(gitRoot);
    paths.push(rootCopy);
    if (rootCopy !== startCopy) paths.push(startCopy);
  } else {
    paths.push(startCopy);
  }
  return { gitRoot, paths };
}

function processEnvironment(host: HostContext): Record<string, Located<string>> {
  const out: Record<string, Located<string>> = {};
  for (const [name, value] of Object.entries(host.env)) {
    if (value === undefined || !isRelevantVariable(name)) continue;
    out[name] = { value, source: { kind: 'shell-env', path: 'process environment' } };
  }
  return out;
}

/**
 * Reads every configuration source for `host` (and the start folder, when
 * given). Missing files are normal; damaged ones come back with a state and
 * a problem naming the file. Resolves, never rejects.
 */
export async function discoverSources(host: HostContext, opts: DiscoverOptions): Promise<RawSources> {
  const runner = opts.runner ?? createCommandRunner();
  const policyReader = opts.policyReader ?? createPolicyReader(runner);
  const paths = pathTable(host);
  const files: SourceFile[] = [];

  let policies: Awaited<ReturnType<PolicyReader['read']>> = [];
  try {
    policies = await policyReader.read(host);
  } catch {
    // A broken reader must not take discovery down; the files still count.
  }
  const { managed, sourceFiles: managedFiles } = await discoverManagedSettings(paths, policies);
  files.push(...managedFiles);

  const user = await readSettingsFile('user-settings', paths.userSettings);
  files.push(user.file);

  let project: SettingsFile | null = null;
  const local: SettingsFile[] = [];
  let gitRoot: string | null = null;
  const localSettingsIgnored: Record<string, boolean | null> = {};
  if (opts.projectDir !== null) {
    project = await readSettingsFile('project-settings', projectSettingsPath(opts.projectDir));
    files.push(project.file);
    const located = localSettingsPaths(opts.projectDir, host);
    gitRoot = located.gitRoot;
    for (const path of located.paths) {
      const file = await readSettingsFile('local-settings', path);
      local.push(file);
      files.push(file.file);
      localSettingsIgnored[path] = gitRoot ? await isIgnoredByGit(runner, host, gitRoot, path) : null;
    }
  }

  const shellExports: ShellExport[] = [];
  for (const profile of paths.shellProfiles) {
    const { file, exports } = await readShellProfile(profile);
    files.push(file);
    shellExports.push(...exports);
  }

  const vscode = await readVsCodeSettings(paths.vscodeUserDirs);
  files.push(...vscode.files);

  const claudeState = await readClaudeState(paths.claudeJson, opts.projectDir, host.platform);
  files.push(claudeState.file);

  const saved = await findSavedLogin(host, paths.credentialsFile, runner);
  files.push(...saved.files);

  const desktop = await discoverDesktopConfig(host, opts.desktopPolicyReader ?? createDesktopPolicyReader(runner));
  files.push(...desktop.files);

  return {
    configDir: paths.configDir,
    projectDir: opts.projectDir,
    gitRoot,
    managed,
    user,
    project,
    local,
    processEnv: processEnvironment(host),
    shellExports,
    vscode: vscode.settings,
    claudeState,
    savedLogin: saved.login,
    localSettingsIgnored,
    files,
    desktop: desktop.desktop,
  };
}

/**
 * Every file (or folder) whose change can change the answer, including ones
 * that do not exist yet, so the monitor can notice a settings file being
 * created. Synchronous and cheap: a few stats, no parsing.
 */
export function watchTargets(host: HostContext, projectDir: string | null): string[] {
  const paths = pathTable(host);
  const targets = [paths.managedFile, paths.managedDropinDir, paths.userSettings, paths.claudeJson, paths.credentialsFile];
  if (projectDir !== null) {
    targets.push(projectSettingsPath(projectDir), ...localSettingsPaths(projectDir, host).paths);
  }
  targets.push(...paths.shellProfiles.map((profile) => profile.path));
  for (const { userDir } of paths.vscodeUserDirs) {
    targets.push(join(userDir, 'settings.json'), join(userDir, 'profiles'));
  }
  targets.push(...desktopWatchTargets(host));
  return [...new Set(targets)];
}
