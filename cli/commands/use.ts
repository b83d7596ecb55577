/**
 * `gateway-doctor use gateway <profile> | claude-login [--yes] [--project DIR]`:
 * switches Claude Code between a gateway profile and the claude.ai login by
 * editing the user settings, with a preview first, a backup, and undo.
 */
import { hostFromEnv } from '../../core/host';
import { readFlags, type FlagSpec } from '../parse-flags';
import { projectFolder } from '../project-folder';
import { withOneShotService } from '../create-service';
import { ChangeReport } from '../format/change-report';
import { previewThenApply } from '../preview-then-apply';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor use gateway <profile> [--yes]
       gateway-doctor use claude-login [--include-local-settings] [--yes]

Switches Claude Code between a gateway profile (see \`gateway-doctor profiles\`)
and your claude.ai login on every surface: ~/.claude/settings.json, each VS
Code-family user settings file (claudeCode.environmentVariables) and gateway
exports in shell start-up files (commented out, turned on again on the way
back). Without --yes it only shows what would change. Switching back restores
what was removed, byte for byte; one \`gateway-doctor undo\` undoes a switch.

Options:
  --yes          Apply the switch
  --project DIR  The project whose settings are checked for the gateway
  --include-local-settings
                 With claude-login: also remove the gateway from the project's
                 own .claude/settings.local.json (personal, never committed)
  --json         One JSON object (schema gateway-doctor/use@1)
  -h, --help     Show this help

Exit codes: 0 previewed or switched, 1 refused, 2 usage error.
`;

const FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'include-local-settings': { type: 'boolean' },
  project: { type: 'string', example: '~/code/my-repo' },
};

export default async function run(io: CliIo): Promise<number> {
  const positional: string[] = [];
  let yes = false;
  let json = false;
  let project: string | null = null;
  let includeLocalSettings = false;
  for (const t of readFlags(io.argv, FLAGS)) {
    if (t.kind === 'unknown') throw new UsageError(`unknown option "${t.raw}". Run \`gateway-doctor use --help\`.`);
    if (t.kind === 'positional') positional.push(t.value);
    else if (t.name === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    } else if (t.name === 'yes') yes = true;
    else if (t.name === 'dry-run') yes = false;
    else if (t.name === 'json') json = true;
    else if (t.name === 'include-local-settings') includeLocalSettings = true;
    else if (t.name === 'project') project = t.value as string;
  }
  const [mode, name, ...extra] = positional;
  if (mode !== 'gateway' && mode !== 'claude-login') throw new UsageError('say `use gateway <profile>` or `use claude-login`.');
  if (mode === 'gateway' && !name) throw new UsageError('which profile? e.g. `gateway-doctor use gateway corp`. `gateway-doctor profiles` lists them.');
  if ((mode === 'claude-login' && name) || extra.length) throw new UsageError(`unexpected "${mode === 'claude-login' ? name : extra[0]}".`);
  if (mode === 'gateway' && includeLocalSettings) throw new UsageError('--include-local-settings goes with `use claude-login` (switching back restores what it removed).');

  const report = new ChangeReport(io, 'gateway-doctor/use@1', json);
  return withOneShotService(io, { projectDir: projectFolder(io, project), claude: 'detect' }, async (service) => {
    const modeInfo = await service.getMode();
    if (modeInfo.locked) {
      report.warn(`Switching is locked: ${modeInfo.lockReason}\n`);
      return report.finish(EXIT.problem);
    }
    let plan;
    if (mode === 'claude-login') plan = await service.planSwitch({ target: 'claude-login', includeLocalSettings });
    else {
      const profile = await service.findProfile({ name });
      if (!profile) {
        const profiles = await service.listProfiles();
        report.warn(`No profile "${name}". ${profiles.length ? `Profiles: ${profiles.map((p) => p.id).join(', ')}.` : 'Add one with `gateway-doctor profiles add`.'}\n`);
        return report.finish(EXIT.problem);
      }
      // The service learns the profile's secrets, and names the helper a switch makes Claude Code run.
      plan = await service.planSwitch({ target: 'gateway', profileId: profile.id });
    }
    const outcome = await previewThenApply(service, report, plan, { yes, homeDir: hostFromEnv(io.env).homeDir, dryRunHint: 'Run again with --yes to switch.',
      afterApply: 'Start a new Claude Code session for the switch to take effect.\n',
    });
    return report.finish('exitCode' in outcome ? outcome.exitCode : EXIT.ok);
  });
}
