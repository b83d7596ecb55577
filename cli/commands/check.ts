/**
 * `gateway-doctor check [--json] [--project DIR] [--realistic] [--timeout MS]`:
 * resolves the configuration like Claude Code, sends the 1-token
 * verification request (or the realistic one) to the gateway, and prints
 * the verdict, the stages, the timings, the certificate and the findings.
 * Exit 0 healthy, 1 degraded/down/offline/unconfigured, 2 usage error.
 */
import type { CheckReport, StageStatus } from '../../core/types';
import { hostFromEnv } from '../../core/host';
import { homeRelativeText } from '../../core/util/home-path';
import { readFlags, type FlagSpec } from '../parse-flags';
import { withOneShotService } from '../create-service';
import { projectFolder } from '../project-folder';
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

const TICK: Record<StageStatus, string> = { pass: '✔', fail: '✘', skipped: '–', unknown: '?' };
const VERDICT: Record<CheckReport['probe']['outcome'], string> = {
  healthy: 'HEALTHY: Claude Code works through the gateway',
  degraded: 'DEGRADED: it works, with a caveat',
  down: 'DOWN: Claude Code cannot work through the gateway as configured',
  offline: 'OFFLINE: this machine has no network',
  unconfigured: 'UNCONFIGURED: no gateway is in use',
};

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

/** One line on how the realistic check's stream arrived. */
function formatStreamLine(s: NonNullable<CheckReport['probe']['stream']>): string {
  const framing = { sse: 'server-sent events', 'aws-event-stream': 'AWS event-stream', json: 'plain JSON (not a stream)', other: 'not a stream' }[s.framing];
  if (s.framing === 'json' || s.framing === 'other') return `  Stream: ${framing}`;
  const pings = s.eventCounts.ping ?? 0;
  return [
    `  Stream: ${framing}; ${s.contentDeltas} content deltas in ${s.contentDeltaReads} read(s), first at ${ms(s.firstContentDeltaMs)}, last at ${ms(s.lastContentDeltaMs)}; ${pings} ping(s); longest pause ${ms(s.longestGapMs)}; ended: ${s.ended}`,
    `  Events: ${s.events.join(', ') || 'none'}`,
  ].join('\n');
}

/** The terminal rendering: reads only the redacted report, so it cannot print a secret. */
export function formatCheckText(report: CheckReport): string {
  const p = report.probe;
  const lines: string[] = [];
  lines.push(`Gateway Doctor check: ${VERDICT[p.outcome]}`);
  if (p.url) lines.push(`  ${p.method} ${p.url}${p.httpStatus !== null ? `  →  HTTP ${p.httpStatus}` : p.errorCode ? `  →  ${p.errorCode}` : ''}`);
  lines.push(`  Model: ${report.model.id}   Probe: ${p.kind}   Tokens spent: ${p.tokensSpent}`);
  lines.push('');
  lines.push(`  ${TICK[p.stages.reachable]} reachable   ${TICK[p.stages.authenticated]} authenticated   ${TICK[p.stages.modelAnswers]} model answers`);
  if (p.url) {
    const t = p.timings;
    lines.push(`  Timings: DNS ${ms(t.dnsMs)} · connect ${ms(t.connectMs)} · TLS ${ms(t.tlsMs)} · first byte ${ms(t.firstByteMs)} · total ${ms(t.totalMs)}${t.connectMs === null && t.firstByteMs !== null ? ' (connection reused)' : ''}`);
  }
  if (p.tls) lines.push(`  TLS: ${p.tls.subject} (issuer ${p.tls.issuer}), expires in ${p.tls.daysToExpiry} day(s)${p.tls.authorized ? '' : `, NOT trusted: ${p.tls.authorizationError ?? 'unknown reason'}`}`);
  if (p.headersSent.length) lines.push(`  Headers sent: ${p.headersSent.join(', ')}`);
  if (p.apiKeyHelper) lines.push(`  apiKeyHelper: ${p.apiKeyHelper.ok ? 'ok' : 'FAILED'} in ${p.apiKeyHelper.durationMs} ms`);
  if (p.stream) lines.push(formatStreamLine(p.stream));
  if (p.gatewayMessage) lines.push(`  Gateway said: ${p.gatewayMessage}`);
  if (p.modelDiscovery.attempted) {
    const picker = p.models.filter((m) => m.inPicker).map((m) => m.id);
    lines.push(`  Model discovery: ${p.modelDiscovery.enabled ? 'enabled' : 'off'}; ${p.modelDiscovery.detail}${picker.length ? ` (${picker.slice(0, 6).join(', ')}${picker.length > 6 ? ', …' : ''})` : ''}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('No problems found.');
  else {
    lines.push('Findings:');
    for (const f of report.findings) {
      lines.push(`  [${f.severity}] ${f.id}: ${f.title}`);
      lines.push(`      Cause: ${f.detail}`);
      lines.push(`      Fix:   ${f.fix}`);
      for (const step of f.steps ?? []) lines.push(`        - ${step}`);
      if (f.machineFix) lines.push(`      One-step fix: gateway-doctor fix ${f.machineFix.id}  (${f.machineFix.summary})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export default async function run(io: CliIo): Promise<number> {
  const args = parseCheckArgs(io.argv);
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const projectDir = projectFolder(io, args.project);

  const report = await withOneShotService(io, { projectDir, claude: 'detect' }, (service) => service.checkNow({ realistic: args.realistic, timeoutMs: args.timeoutMs }));
  // The session summary is in the JSON only: the text output stays as it was.
  io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : withFinalNewline(homeRelativeText(formatCheckText(report), hostFromEnv(io.env).homeDir)));
  return report.probe.outcome === 'healthy' ? EXIT.ok : EXIT.problem;
}

/** Terminals and pipes expect text output to end with a newline. */
function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
