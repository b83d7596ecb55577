/**
 * Plan printing and flag helpers for the commands that change files, and the
 * direct wiring (fix engine, profile store) that `use` and `profiles` still
 * use; fix and undo go through the service (cli/create-service.ts).
 */
import { resolveConfig, secretValues } from '../core/config';
import type { ResolvedConfig } from '../core/config';
import { createFixEngine, type FixEngine } from '../core/fixes';
import { hostFromEnv } from '../core/host';
import type { CommandRunner, HostContext, SecretStore } from '../core/ports';
import { createProfileStore, type ProfileStore } from '../core/profiles';
import type { FixPlan } from '../core/types';
import { createCommandRunner } from '../core/util/command-runner';
import { UsageError, type CliIo } from './io';
import { createCliSecretStore } from './secret-store';

export interface ChangeServices {
  host: HostContext;
  runner: CommandRunner;
  secrets: SecretStore;
  engine: FixEngine;
  profiles: ProfileStore;
  /** Resolves like Claude Code would, and teaches the redactor every secret it saw. */
  resolve(projectDir: string | null): Promise<ResolvedConfig>;
}

export function changeServices(io: CliIo): ChangeServices {
  const host = hostFromEnv(io.env);
  const runner = createCommandRunner();
  const secrets = createCliSecretStore(host, runner);
  return {
    host,
    runner,
    secrets,
    engine: createFixEngine({ host, runner, redactor: io.redactor, secrets }),
    profiles: createProfileStore({ host, secrets }),
    async resolve(projectDir) {
      const resolved = await resolveConfig(host, { projectDir, runner });
      for (const value of secretValues(resolved)) io.redactor.add(value);
      return resolved;
    },
  };
}

export { projectFolder } from './project-folder';

/** Takes the value after a flag, or throws a usage error naming it. */
export function flagValue(argv: string[], i: number, flag: string, example: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example}`);
  return value;
}

function tilde(host: HostContext, path: string): string {
  return host.homeDir && path.startsWith(host.homeDir + '/') ? `~${path.slice(host.homeDir.length)}` : path;
}

/** Prints a plan the way a user approves it: title, effects, warnings, then each file's diff. */
export function formatPlan(host: HostContext, plan: FixPlan): string {
  const lines = [`${plan.title}  (${plan.fixId})`];
  if (!plan.canApply) {
    lines.push('', `Cannot apply: ${plan.refusal ?? 'no reason given'}`);
    for (const w of plan.warnings) lines.push(`  ! ${w}`);
    return lines.join('\n') + '\n';
  }
  if (plan.surfaces?.length) {
    lines.push('', 'Each surface:');
    for (const s of plan.surfaces) {
      lines.push(`  ${s.label}: ${s.outcome}`);
      for (const k of s.keepsGateway ?? []) lines.push(`    ! ${k}`);
      if (s.localSettings && !s.localSettings.included) lines.push(`    Add --include-local-settings to remove it from ${s.localSettings.files.map((f) => tilde(host, f)).join(', ')} too.`);
    }
  }
  if (plan.effects.length) lines.push('', 'What changes:', ...plan.effects.map((e) => `  - ${e}`));
  if (plan.warnings.length) lines.push('', 'Warnings:', ...plan.warnings.map((w) => `  ! ${w}`));
  lines.push('', 'Files:');
  for (const f of plan.files) lines.push(`  ${tilde(host, f.path)}${f.creates ? ' (new file)' : ''}${f.deletes ? ' (removed)' : ''}`);
  for (const f of plan.files) lines.push('', f.diff.trimEnd());
  return lines.join('\n') + '\n';
}
