/**
 * `gateway-doctor check` in text: the verdict, each stage with its timing,
 * the stream (realistic check), then the findings. Reads only the redacted
 * CheckReport.
 */
import type { CheckReport, StageStatus } from '../../core/types';

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
