/**
 * Accumulates the edits of one plan on in-memory copies of the target files,
 * so a plan that touches the same file twice composes, and nothing is written
 * until apply. Each edit is a minimal JSON/JSONC or line edit; the safety
 * rules (no credential in a shared project file, local settings must be
 * git-ignored) are enforced here, for every fix and switch alike.
 */
import { dirname } from 'node:path';
import type { ResolvedConfig } from '../config/resolved';
import type { CommandRunner, HostContext } from '../ports';
import type { FileChangePreview } from '../types';
import { previewDiff } from './diff-preview';
import { readFileState, type FileState } from './file-state';
import { addIgnorePattern, globalExcludesFile, isIgnoredByGit, LOCAL_SETTINGS_PATTERN } from './gitignore';
import { newSettingsText, objectKeys, parseForEdit, readJsonValue, removeJsonValue, setJsonValue, type JsonDialect } from './json-edit';
import { isSecretValue, secretValuesInText } from './secret-values';
import { displayPath, isLocalSettings, isSharedProjectSettings } from './targets';

export class PlanRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanRefusal';
  }
}

export type FileFormat = JsonDialect | 'text';

export interface WorkingFile {
  path: string;
  format: FileFormat;
  state: FileState;
  original: string | null;
  text: string | null;
  /** Set by removeFile: the plan deletes the file. */
  remove?: boolean;
}

export interface BuiltFile extends FileChangePreview {
  after: string;
  holdsSecret: boolean;
}

export class PlanBuilder {
  readonly files = new Map<string, WorkingFile>();
  readonly secrets = new Set<string>();
  readonly effects: string[] = [];
  readonly warnings: string[] = [];
  #ignoreChecked = new Set<string>();

  constructor(
    readonly host: HostContext,
    readonly resolved: ResolvedConfig,
    readonly runner: CommandRunner,
  ) {
    for (const v of Object.values(resolved.credential.values)) if (v) this.secrets.add(v.reveal());
    for (const e of Object.values(resolved.env)) if (e.secret && e.value) this.secrets.add(e.value);
  }

  show(path: string): string {
    return displayPath(this.host, path);
  }

  /** Loads a file once per plan; refuses text that is not UTF-8 or not valid for its format. */
  async file(path: string, format: FileFormat): Promise<WorkingFile> {
    const existing = this.files.get(path);
    if (existing) return existing;
    const state = await readFileState(path);
    let original: string | null = null;
    if (state.bytes) {
      original = state.bytes.toString('utf8');
      if (!Buffer.from(original, 'utf8').equals(state.bytes)) throw new PlanRefusal(`${path} is not UTF-8 text, so Gateway Doctor will not edit it.`);
      if (format !== 'text') parseForEdit(original, path, format);
      for (const v of secretValuesInText(original)) this.secrets.add(v);
    }
    const working: WorkingFile = { path, format, state, original, text: original };
    this.files.set(path, working);
    return working;
  }

  #guardSecret(path: string, name: string, value: string, secret: boolean): void {
    if (!(secret || isSecretValue(name, value))) return;
    this.secrets.add(value);
    if (isSharedProjectSettings(path, this.host, this.resolved)) {
      throw new PlanRefusal(`Gateway Doctor will not write the credential ${name} into ${this.show(path)}: that file is shared with everyone who clones the repository. Use .claude/settings.local.json or ~/.claude/settings.json instead.`);
    }
  }

  /** Reads env[name] from a JSON settings file in this plan (undefined when absent). */
  async getEnv(path: string, name: string, format: JsonDialect = 'json'): Promise<string | undefined> {
    const f = await this.file(path, format);
    if (f.text === null) return undefined;
    const value = readJsonValue(f.text, path, format, ['env', name]);
    return typeof value === 'string' ? value : undefined;
  }

  async envKeys(path: string): Promise<string[]> {
    const f = await this.file(path, 'json');
    return f.text === null ? [] : objectKeys(f.text, path, 'json', ['env']);
  }

  async topLevelKeys(path: string): Promise<string[]> {
    const f = await this.file(path, 'json');
    return f.text === null ? [] : objectKeys(f.text, path, 'json', []);
  }

  /** Sets env[name] in a Claude Code settings file (created as `{ "env": {...} }` when missing). */
  async setEnv(path: string, name: string, value: string, options: { secret?: boolean; insertAt?: number } = {}): Promise<void> {
    this.#guardSecret(path, name, value, options.secret ?? false);
    const f = await this.file(path, 'json');
    if (f.text === null) {
      f.text = newSettingsText({ [name]: value });
    } else {
      const env = readJsonValue(f.text, path, 'json', ['env']);
      if (env !== undefined && (env === null || typeof env !== 'object' || Array.isArray(env))) {
        throw new PlanRefusal(`${path}: "env" is not an object, so Gateway Doctor will not edit it. Fix the file first.`);
      }
      f.text = setJsonValue(f.text, path, 'json', ['env', name], value, { insertAt: options.insertAt });
    }
    if (isLocalSettings(path)) await this.ensureIgnored(path);
  }

  async unsetEnv(path: string, name: string): Promise<boolean> {
    const f = await this.file(path, 'json');
    if (f.text === null) return false;
    const before = f.text;
    f.text = removeJsonValue(f.text, path, 'json', ['env', name]);
    return before !== f.text;
  }

  /** Sets a top-level key in a JSON or JSONC file. */
  async setKey(path: string, format: JsonDialect, key: string, value: unknown, options: { insertAt?: number } = {}): Promise<void> {
    if (typeof value === 'string') this.#guardSecret(path, key, value, false);
    const f = await this.file(path, format);
    f.text = setJsonValue(f.text ?? '', path, format, [key], value, options);
  }

  async removeKey(path: string, format: JsonDialect, key: string): Promise<boolean> {
    const f = await this.file(path, format);
    if (f.text === null) return false;
    const before = f.text;
    f.text = removeJsonValue(f.text, path, format, [key]);
    return before !== f.text;
  }

  /** Upserts { name, value } in VS Code's claudeCode.environmentVariables, keeping every other entry and comment. */
  async setVsCodeVariable(path: string, name: string, value: string): Promise<void> {
    if (isSecretValue(name, value)) this.secrets.add(value);
    const key = 'claudeCode.environmentVariables';
    const f = await this.file(path, 'jsonc');
    const text = f.text ?? '{}\n';
    const current = readJsonValue(text, path, 'jsonc', [key]);
    if (current === undefined) {
      f.text = setJsonValue(text, path, 'jsonc', [key], [{ name, value }]);
      return;
    }
    if (!Array.isArray(current)) throw new PlanRefusal(`${path}: "${key}" is not a list, so Gateway Doctor will not edit it. Fix the file first.`);
    const index = current.findIndex((e) => e && typeof e === 'object' && (e as { name?: unknown }).name === name);
    if (index >= 0) {
      if ((current[index] as { value?: unknown }).value !== value) f.text = setJsonValue(text, path, 'jsonc', [key, index, 'value'], value);
      else f.text = text;
    } else {
      f.text = setJsonValue(text, path, 'jsonc', [key, -1], { name, value });
    }
  }

  /** Deletes the file (only a switch back does this, to a file its previous switch created). */
  async removeFile(path: string): Promise<void> {
    const f = await this.file(path, 'text');
    f.text = null;
    f.remove = f.original !== null;
  }

  /** Replaces a text file's content through an edit function (shell profiles, ignore files). */
  async editText(path: string, edit: (text: string | null) => string): Promise<void> {
    const f = await this.file(path, 'text');
    f.text = edit(f.text);
  }

  /**
   * Makes sure git ignores a .claude/settings.local.json before a credential
   * lands in it: when `git check-ignore` says it is not ignored, the plan also
   * adds the pattern to the global excludes file (as Claude Code does).
   */
  async ensureIgnored(localPath: string): Promise<void> {
    if (this.#ignoreChecked.has(localPath)) return;
    this.#ignoreChecked.add(localPath);
    const repoDir = dirname(dirname(localPath));
    const ignored = await isIgnoredByGit(this.host, this.runner, localPath, repoDir);
    if (ignored !== false) return;
    await this.addGlobalIgnore();
    this.effects.push(`Git will ignore .claude/settings.local.json in every repository (${LOCAL_SETTINGS_PATTERN} in your global git excludes file).`);
  }

  async addGlobalIgnore(): Promise<string> {
    const excludes = await globalExcludesFile(this.host, this.runner);
    await this.editText(excludes, (text) => addIgnorePattern(text));
    return excludes;
  }

  /** The changed files, with redacted diffs. */
  build(): BuiltFile[] {
    const out: BuiltFile[] = [];
    for (const f of this.files.values()) {
      if (f.remove && f.original !== null) {
        out.push({ path: f.path, diff: previewDiff(f.path, f.original, null, this.secrets), creates: false, deletes: true, beforeHash: f.state.hash, after: '', holdsSecret: false });
        continue;
      }
      if (f.text === null || f.text === f.original) continue;
      const inText = secretValuesInText(f.text);
      for (const v of inText) this.secrets.add(v);
      const holdsSecret = inText.length > 0 || [...this.secrets].some((s) => s.length >= 6 && f.text!.includes(s));
      out.push({
        path: f.path,
        diff: previewDiff(f.path, f.original, f.text, this.secrets),
        creates: f.original === null,
        beforeHash: f.state.hash,
        after: f.text,
        holdsSecret,
      });
    }
    return out;
  }
}
