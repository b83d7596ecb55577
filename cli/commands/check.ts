/**
 * `gateway-doctor check [--json] [--project DIR] [--realistic] [--timeout MS]`:
 * resolves the configuration like Claude Code, sends the 1-token
 * verification request (or the realistic one) to the gateway, and prints
 * the verdict, the stages, the timings, the certificate and the findings.
 * Exit 0 healthy, 1 degraded/down/offline/unconfigured, 2 usage error.
 */
import { hostFromEnv } from '../../core/host';
import { homeRelativeText } from '../../shared/home-path';
import { formatCheckText } from '../format/check-text';
import { jsonOrText } from '../format/json-or-text';
import { readFlags, type FlagSpec } from '../parse-flags';
import { runProjectCommand } from '../project-command';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor check [--json] [--project DIR] [--realistic] [--timeout MS]

Resolves what Claude Code will use, then sends the guide's 1-token
verification request to the gateway (max_tokens 1) and diagnoses the answer:
reachable → authenticated → model answers, with timings and findings.

Options:
  --json           Print the gateway-doctor/check@1 JSON report
  --project DIR    The folder Claude Code starts in (default: the current folder)
  --realistic      Shape the request like Claude Code's real traffic (beta
                   headers, XML-style tags and code in the prompt, adaptive
                   thinking, a streamed answer of at most 32 tokens) to catch
                   gateways, firewalls and proxies that break sessions
  --timeout MS     Bound for the whole probe, 100..120000 (default 10000)
  -h, --help       Show this help

Exit codes: 0 healthy, 1 degraded, down, offline or unconfigured, 2 usage error.
`;

export interface CheckArgs {
  json: boolean;
  project: string | null;
  realistic: boolean;
  timeoutMs: number;
  help: boolean;
}

function parseTimeout(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(ms) || ms < 100 || ms > 120_000) {
    throw new UsageError(`--timeout takes milliseconds between 100 and 120000, not "${text}".`);
  }
  return ms;
}

const FLAGS: Record<string, FlagSpec> = {
  json: { type: 'boolean' },
  realistic: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  project: { type: 'string', inline: true, example: '~/code/my-repo' },
  timeout: { type: 'string', inline: true, example: '5000' },
};

export function parseCheckArgs(argv: string[]): CheckArgs {
  const args: CheckArgs = { json: false, project: null, realistic: false, timeoutMs: 10_000, help: false };
  for (const t of readFlags(argv, FLAGS)) {
    if (t.kind !== 'flag') throw new UsageError(`unknown option "${t.kind === 'unknown' ? t.raw : t.value}". Run \`gateway-doctor check --help\` for the options.`);
    if (t.name === 'json') args.json = true;
    else if (t.name === 'realistic') args.realistic = true;
    else if (t.name === 'help') args.help = true;
    else if (t.name === 'project') {
      if (t.inline && !t.value) throw new UsageError('--project needs a folder, e.g. --project=~/code/my-repo');
      args.project = t.value as string;
    } else if (t.name === 'timeout') args.timeoutMs = parseTimeout(t.value as string);
  }
  return args;
}

export default async function run(io: CliIo): Promise<number> {
  const args = parseCheckArgs(io.argv);
  return runProjectCommand(io, USAGE, args, async (service) => {
    const report = await service.checkNow({ realistic: args.realistic, timeoutMs: args.timeoutMs });
    // The session summary is in the JSON only: the text output stays as it was.
    io.out(jsonOrText(args.json, report, () => homeRelativeText(formatCheckText(report), hostFromEnv(io.env).homeDir)));
    return report.probe.outcome === 'healthy' ? EXIT.ok : EXIT.problem;
  });
}
