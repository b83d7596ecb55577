/**
 * `gateway-doctor status [--json] [--project DIR]`: what Claude Code will
 * use on this machine and where each value comes from, without touching the
 * network. Exit 0 when no finding is an error, 1 otherwise, 2 on usage errors.
 */
import { formatStatusText } from '../format/status-text';
import { jsonOrText } from '../format/json-or-text';
import { hostFromEnv } from '../../core/host';
import { readFlags, type FlagSpec } from '../parse-flags';
import { runProjectCommand } from '../project-command';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor status [--json] [--project DIR]

Shows what Claude Code will use (provider, base URL, credential, headers,
proxy, model), where each value comes from (file:line), which surfaces work,
and the problems found in the configuration. Nothing is sent over the network.

Options:
  --json           Print the gateway-doctor/status@1 JSON report
  --project DIR    The folder Claude Code starts in (default: the current folder)
  -h, --help       Show this help

Exit codes: 0 no error-level finding, 1 at least one, 2 usage error.
`;

interface StatusArgs {
  json: boolean;
  project: string | null;
  help: boolean;
}

const FLAGS: Record<string, FlagSpec> = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  project: { type: 'string', inline: true, missing: '--project needs a folder, e.g. --project ~/code/my-repo' },
};

function parseArgs(argv: string[]): StatusArgs {
  const args: StatusArgs = { json: false, project: null, help: false };
  for (const t of readFlags(argv, FLAGS)) {
    if (t.kind !== 'flag') throw new UsageError(`unknown option "${t.kind === 'unknown' ? t.raw : t.value}". Run \`gateway-doctor status --help\` for the options.`);
    if (t.name === 'json') args.json = true;
    else if (t.name === 'help') args.help = true;
    else if (t.name === 'project') {
      if (t.inline && !t.value) throw new UsageError('--project needs a folder, e.g. --project=~/code/my-repo');
      args.project = t.value as string;
    }
  }
  return args;
}

export default async function run(io: CliIo): Promise<number> {
  const args = parseArgs(io.argv);
  return runProjectCommand(io, USAGE, args, async (service) => {
    const report = await service.getStatus();
    // The session summary is in the JSON only: the text output stays as it was.
    io.out(jsonOrText(args.json, report, () => formatStatusText(report, { homeDir: hostFromEnv(io.env).homeDir })));
    return report.findings.some((f) => f.severity === 'error') ? EXIT.problem : EXIT.ok;
  });
}
