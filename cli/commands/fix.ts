/**
 * `gateway-doctor fix <finding-id> [--dry-run | --yes] [--project DIR] [--ca PATH] [--to local|user]`:
 * previews the fix for a finding as a diff of each file, and applies it with
 * --yes (then re-resolves and says whether the finding is gone). Without
 * --yes nothing is written.
 */
import { hostFromEnv } from '../../core/host';
import { DEFAULT_PROBE_TIMEOUT_MS } from '../../core/probe';
import type { FixDestination } from '../../core/types';
import { readFlags, type FlagSpec } from '../parse-flags';
import { runProjectCommand } from '../project-command';
import { ChangeReport } from '../format/change-report';
import { previewThenApply } from '../preview-then-apply';
import { EXIT, UsageError, type CliIo } from '../io';
import { isAbsolute, resolve as resolvePath } from 'node:path';

const USAGE = `Usage: gateway-doctor fix <finding-id> [--dry-run | --yes] [--project DIR] [--ca PATH] [--to local|user]

Shows what the fix for a finding would change (a diff of each file, secrets
redacted) and, with --yes, applies it: a backup is kept and
\`gateway-doctor undo\` restores the exact previous bytes.

Options:
  --dry-run        Only show the preview (the default)
  --yes            Apply the fix
  --project DIR    The folder Claude Code starts in (default: the current folder)
  --ca PATH        tls-untrusted: the CA certificate file (PEM) to trust
  --to local|user  credential-in-shared-project-file: move the credential to
                   .claude/settings.local.json (default) or ~/.claude/settings.json
  --json           One JSON object (schema gateway-doctor/fix@1)
  -h, --help       Show this help

Exit codes: 0 previewed or fixed, 1 refused or still present, 2 usage error.
`;

/** Findings whose fix needs details only a live check can supply. */
const NEEDS_PROBE = new Set(['credential-wrong-header', 'context-limit-rewritten']);

interface FixArgs {
  id: string | null;
  yes: boolean;
  dryRun: boolean;
  project: string | null;
  ca: string | null;
  to: FixDestination | undefined;
  json: boolean;
  help: boolean;
}

const FLAGS: Record<string, FlagSpec> = {
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  project: { type: 'string', example: '~/code/my-repo' },
  ca: { type: 'string', example: '/path/to/corp-ca.pem' },
  to: { type: 'string', example: 'local' },
};

function parseArgs(argv: string[]): FixArgs {
  const args: FixArgs = { id: null, yes: false, dryRun: false, project: null, ca: null, to: undefined, json: false, help: false };
  for (const t of readFlags(argv, FLAGS)) {
    if (t.kind === 'unknown') throw new UsageError(`unknown option "${t.raw}". Run \`gateway-doctor fix --help\` for the options.`);
    if (t.kind === 'positional') {
      if (args.id !== null) throw new UsageError(`fix takes one finding id; "${t.value}" is extra.`);
      args.id = t.value;
    } else if (t.name === 'yes') args.yes = true;
    else if (t.name === 'dry-run') args.dryRun = true;
    else if (t.name === 'json') args.json = true;
    else if (t.name === 'help') args.help = true;
    else if (t.name === 'project') args.project = t.value as string;
    else if (t.name === 'ca') args.ca = t.value as string;
    else if (t.name === 'to') {
      if (t.value !== 'local' && t.value !== 'user') throw new UsageError('--to takes "local" (.claude/settings.local.json) or "user" (~/.claude/settings.json).');
      args.to = t.value === 'local' ? 'local-settings' : 'user-settings';
    }
  }
  if (args.yes && args.dryRun) throw new UsageError('--yes and --dry-run cannot be used together.');
  if (!args.id && !args.help) throw new UsageError('which finding? e.g. `gateway-doctor fix vscode-missing-gateway-env`. `gateway-doctor status` lists the findings.');
  return args;
}

export default async function run(io: CliIo): Promise<number> {
  const args = parseArgs(io.argv);
  const report = new ChangeReport(io, 'gateway-doctor/fix@1', args.json);
  const caPath = args.ca ? (isAbsolute(args.ca) ? args.ca : resolvePath(io.cwd, args.ca)) : undefined;

  return runProjectCommand(io, USAGE, args, async (service) => {
    // parseArgs refuses a missing finding id unless --help, which never gets here.
    const findingId = args.id as string;
    const wasConfigFinding = (await service.getStatus()).findings.some((f) => f.id === findingId);
    if (!wasConfigFinding && NEEDS_PROBE.has(findingId)) {
      report.warn(`Checking the gateway to find the details of ${findingId}…\n`);
      // planFix then takes the details from this check's findings.
      await service.checkNow({ realistic: findingId === 'context-limit-rewritten', timeoutMs: DEFAULT_PROBE_TIMEOUT_MS });
    }
    const plan = await service.planFix({ findingId, caPath, destination: args.to });
    const outcome = await previewThenApply(service, report, plan, { yes: args.yes, homeDir: hostFromEnv(io.env).homeDir, dryRunHint: 'Run again with --yes to apply.' });
    if ('exitCode' in outcome) return report.finish(outcome.exitCode);
    const { verify } = outcome;
    if (!wasConfigFinding || !verify) {
      report.say('Run `gateway-doctor check` to confirm with the gateway.\n');
      return report.finish(EXIT.ok);
    }
    report.json.verified = verify.resolved;
    if (verify.stillReported) {
      report.say(`Still reported after the change: ${verify.stillReported.detail}\n`);
      return report.finish(EXIT.problem);
    }
    report.say(`Verified: ${findingId} is no longer reported.\n`);
    return report.finish(EXIT.ok);
  });
}
