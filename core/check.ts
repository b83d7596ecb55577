/**
 * `check`: the status contract plus a live probe, in one report
 * (schema "gateway-doctor/check@1"). Configuration findings come first,
 * then what the probe found, each id once.
 */
import type { ResolvedConfig } from './config/resolved';
import type { CheckReport, Finding, StatusReport } from './types';
import type { Prober } from './probe';

export interface RunCheckArgs {
  resolved: ResolvedConfig;
  status: StatusReport;
  prober: Prober;
  /** Send the request shaped like Claude Code's real traffic instead of the guide's minimal one. */
  realistic?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Merges findings by id, keeping the first occurrence (configuration before probe). */
export function mergeFindings(...lists: Finding[][]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const list of lists) {
    for (const finding of list) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      out.push(finding);
    }
  }
  return out;
}

/**
 * Runs the 1-token probe ('message', or 'realistic' on request) against the
 * resolved gateway and folds it into the status report, so one document
 * answers both "what will Claude Code use" and "does it work right now".
 */
export async function runCheck(args: RunCheckArgs): Promise<CheckReport> {
  const probe = await args.prober.probe(args.resolved, {
    kind: args.realistic ? 'realistic' : 'message',
    timeoutMs: args.timeoutMs,
    signal: args.signal,
  });
  const { schema: _schema, ...status } = args.status;
  return {
    ...status,
    schema: 'gateway-doctor/check@1',
    findings: mergeFindings(status.findings, probe.findings),
    probe,
  };
}
