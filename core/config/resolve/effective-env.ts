/**
 * The effective environment Claude Code runs with: one value per variable,
 * chosen by file precedence (managed > local > project > user > shell), with
 * the values it beat and whether it applies at interactive start-up.
 */
import type { Source } from '../../types';
import type { Located, RawSources, SettingsFile, ShellExport } from '../raw-sources';
import type { ResolvedEnvVar } from '../resolved';
import {
  IGNORED_IN_EVERY_FILE,
  IGNORED_IN_PROJECT_FILES,
  PROVIDER_ENDPOINT_CREDENTIAL_VARS,
  isRelevantVariable,
  isSecretVariable,
  isTrustSafeVariable,
  isTruthy,
} from './env-vars';

type Layer = 'managed' | 'local' | 'project' | 'user' | 'shell';

interface Candidate {
  layer: Layer;
  value: string;
  source: Source;
  applied: boolean;
}

export interface IgnoredEnvEntry {
  name: string;
  source: Source;
  reason: string;
}

export interface EffectiveEnv {
  vars: Record<string, ResolvedEnvVar>;
  /** Unapplied values from higher layers (waiting for workspace trust), per variable. */
  awaitingTrust: Record<string, Array<{ value: string; source: Source }>>;
  /** What a child process (apiKeyHelper) sees: process env plus applied values. */
  effectiveEnv: Record<string, string>;
  ignored: IgnoredEnvEntry[];
  /** Shell-profile exports that lost to a settings file with a different value. */
  shadowedExports: Array<{ export: ShellExport; winner: ResolvedEnvVar }>;
  /**
   * Variables of the process environment that lost to a settings file with a
   * different value, and that no shell start-up file exports with that value
   * (those are in shadowedExports, where a one-click fix exists).
   */
  shadowedProcessEnv: Array<{ name: string; source: Source; winner: ResolvedEnvVar }>;
}

export interface EnvOptions {
  /** Interactive sessions gate project/local env on workspace trust; `-p` does not. */
  interactive: boolean;
}

function parsedFile(file: SettingsFile | null | undefined): file is SettingsFile {
  return !!file && file.settings !== null;
}

/** True when an untrusted project/local value would not be applied at interactive start-up. */
export function projectEnvGated(raw: RawSources, opts: EnvOptions): boolean {
  return opts.interactive && raw.claudeState.projectTrusted !== true;
}

/**
 * Resolves every variable the way Claude Code copies settings `env` blocks
 * over its inherited environment. Pure: reads only `raw`.
 */
export function resolveEffectiveEnv(raw: RawSources, opts: EnvOptions): EffectiveEnv {
  const candidates = new Map<string, Candidate[]>();
  const ignored: IgnoredEnvEntry[] = [];
  const gated = projectEnvGated(raw, opts);
  const hostManagesProvider = isTruthy(raw.processEnv.CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST?.value);

  const add = (name: string, candidate: Candidate) => {
    const list = candidates.get(name) ?? [];
    list.push(candidate);
    candidates.set(name, list);
  };

  const addSettingsEnv = (layer: Exclude<Layer, 'shell'>, env: Record<string, Located<string>>, seen: Set<string>) => {
    for (const [name, located] of Object.entries(env)) {
      if (seen.has(name)) continue; // an earlier copy of the same layer won key by key
      if (IGNORED_IN_EVERY_FILE.has(name)) {
        ignored.push({ name, source: located.source, reason: `${name} is ignored in the env block of every settings file` });
        continue;
      }
      if ((layer === 'project' || layer === 'local') && IGNORED_IN_PROJECT_FILES.has(name)) {
        ignored.push({ name, source: located.source, reason: `${name} is ignored in project and local settings` });
        continue;
      }
      if (hostManagesProvider && PROVIDER_ENDPOINT_CREDENTIAL_VARS.has(name)) {
        ignored.push({ name, source: located.source, reason: `${name} from a settings file is ignored because CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST is set` });
        continue;
      }
      seen.add(name);
      const applied = !((layer === 'project' || layer === 'local') && gated && !isTrustSafeVariable(name));
      add(name, { layer, value: located.value, source: located.source, applied });
    }
  };

  addSettingsEnv('managed', raw.managed.env, new Set());
  const localSeen = new Set<string>();
  for (const file of raw.local) if (parsedFile(file)) addSettingsEnv('local', file.env, localSeen);
  if (parsedFile(raw.project)) addSettingsEnv('project', raw.project.env, new Set());
  if (parsedFile(raw.user)) addSettingsEnv('user', raw.user.env, new Set());

  // Shell layer: the process environment; a shell-profile export stands in
  // only when the variable is absent from it (a terminal would have it).
  const lastExport = new Map<string, ShellExport>();
  for (const exp of raw.shellExports) lastExport.set(exp.name, exp);
  for (const [name, located] of Object.entries(raw.processEnv)) {
    if (!isRelevantVariable(name) && !candidates.has(name)) continue;
    add(name, { layer: 'shell', value: located.value, source: located.source, applied: true });
  }
  for (const [name, exp] of lastExport) {
    if (raw.processEnv[name]) continue;
    if (!isRelevantVariable(name) && !candidates.has(name)) continue;
    add(name, { layer: 'shell', value: exp.value, source: exp.source, applied: true });
  }

  const vars: Record<string, ResolvedEnvVar> = {};
  const awaitingTrust: EffectiveEnv['awaitingTrust'] = {};
  for (const [name, list] of candidates) {
    let winnerIndex = list.findIndex((c) => c.applied);
    if (winnerIndex < 0) winnerIndex = 0;
    const winner = list[winnerIndex];
    vars[name] = {
      name,
      value: winner.value,
      source: winner.source,
      shadowed: list.slice(winnerIndex + 1).map((c) => ({ value: c.value, source: c.source })),
      applied: winner.applied,
      secret: isSecretVariable(name),
    };
    const pending = list.slice(0, winnerIndex).map((c) => ({ value: c.value, source: c.source }));
    if (pending.length > 0) {
      awaitingTrust[name] = pending;
      vars[name].awaitingTrust = pending;
    }
  }

  const effectiveEnv: Record<string, string> = {};
  for (const [name, located] of Object.entries(raw.processEnv)) effectiveEnv[name] = located.value;
  for (const v of Object.values(vars)) if (v.applied) effectiveEnv[v.name] = v.value;

  const shadowedExports: EffectiveEnv['shadowedExports'] = [];
  for (const exp of raw.shellExports) {
    const winner = vars[exp.name];
    if (!winner || !winner.applied) continue;
    if (winner.source.kind === 'shell-env' || winner.source.kind === 'shell-profile') continue;
    if (winner.value === exp.value) continue;
    shadowedExports.push({ export: exp, winner });
  }

  const shadowedProcessEnv: EffectiveEnv['shadowedProcessEnv'] = [];
  for (const [name, located] of Object.entries(raw.processEnv)) {
    const winner = vars[name];
    if (!winner || !winner.applied) continue;
    if (winner.source.kind === 'shell-env' || winner.source.kind === 'shell-profile') continue;
    if (winner.value === located.value) continue;
    if (raw.shellExports.some((exp) => exp.name === name && exp.value === located.value)) continue;
    shadowedProcessEnv.push({ name, source: located.source, winner });
  }

  return { vars, awaitingTrust, effectiveEnv, ignored, shadowedExports, shadowedProcessEnv };
}

/** The applied value of a variable, or undefined (unapplied values do not count). */
export function appliedValue(vars: Record<string, ResolvedEnvVar>, name: string): string | undefined {
  const v = vars[name];
  return v && v.applied ? v.value : undefined;
}
