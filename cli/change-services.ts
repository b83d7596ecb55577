/**
 * Flag helpers for the commands that change files, and the
 * direct wiring (fix engine, profile store) that `use` and `profiles` still
 * use; fix and undo go through the service (cli/create-service.ts).
 */
import { resolveConfig, secretValues } from '../core/config';
import type { ResolvedConfig } from '../core/config';
import { createFixEngine, type FixEngine } from '../core/fixes';
import { hostFromEnv } from '../core/host';
import type { CommandRunner, HostContext, SecretStore } from '../core/ports';
import { createProfileStore, type ProfileStore } from '../core/profiles';
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
