/**
 * A Markdown diagnostics report a user can attach to a ticket for the gateway
 * team: environment, the /status rows with provenance, the probe verdict,
 * stages, timings, TLS, findings with fixes, uptime/latency and an equivalent
 * curl command. It takes only redacted contract types; every string still
 * passes through a secret scrubber, so a producer that breaks the contract
 * cannot leak a key through the report.
 */
import { redactSecretsInText } from '../diagnosis/explain';
import type { EnvReport, Finding, HistorySummary, Platform, ProbeReport, SessionsReport, Source, StatusReport } from '../types';
import { homeRelativeText } from '../../shared/home-path';
import { redact } from '../util/secret';
import { buildCurlCommand } from './curl-command';

export interface MarkdownReportInput {
  status: StatusReport;
  probe: ProbeReport | null;
  history: HistorySummary | null;
  appVersion: string;
  generatedAt: string;
  /** The machine, when the caller knows it (the core has no OS access of its own here). */
  os?: { platform: Platform; release?: string; arch?: string };
  /** Paths under this folder read `~/…` (a report is pasted into tickets: the user name stays out). */
  homeDir?: string;
}

/** Text destined for a Markdown table cell: secrets scrubbed, pipes escaped, one line. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return redactSecretsInText(String(value)).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

/** Free text outside tables: secrets scrubbed. */
function text(value: string): string {
  return redactSecretsInText(value);
}

function source(src: Source | null | undefined): string {
  if (!src) return '—';
  return cell(`${src.kind}: ${src.path}${src.line ? `:${src.line}` : ''}`);
}

const REDACTED = /^(••••.{0,4}|\(empty\))$/;

/** Defence in depth: a secret value that arrives unredacted is redacted here. */
function secretValue(value: string | null): string | null {
  if (value === null) return null;
  return REDACTED.test(value) ? value : redact(value);
}

function table(headers: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['_None._'];
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function envSource(status: StatusReport, names: string[]): Source | null {
  for (const name of names) if (status.env[name]) return status.env[name].source;
  return null;
}

function statusRows(status: StatusReport): string[][] {
  const r = status.rows;
  const cred = status.credential;
  const rows: string[][] = [
    ['Setting sources', cell(r.settingSources.join(', ')), '—'],
    ['API provider', cell(r.apiProvider), '—'],
    ['Anthropic base URL', cell(r.anthropicBaseUrl), source(status.baseUrl?.source)],
  ];
  if (r.authToken !== null) rows.push(['Auth token', cell(r.authToken), source(cred.source)]);
  if (r.apiKey !== null) rows.push(['API key', cell(r.apiKey), source(cred.source)]);
  if (r.loginMethod !== null) rows.push(['Login method', cell(r.loginMethod), source(cred.source)]);
  rows.push(
    ['Credential', cell(`${cred.kind} in ${cred.headers.join(' + ') || 'no header'}${cred.redacted ? ` (${secretValue(cred.redacted)})` : ''}`), source(cred.source)],
    ['Custom headers', cell(status.customHeaders.map((h) => h.name).join(', ')), source(status.customHeaders[0]?.source)],
    ['Proxy', cell(r.proxy), source(envSource(status, ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']))],
    ['Additional CA cert(s)', cell(r.extraCa), source(envSource(status, ['NODE_EXTRA_CA_CERTS']))],
    ['Model', cell(r.model || status.model.id), source(status.model.source)],
  );
  return rows;
}

function envRows(env: Record<string, EnvReport>): string[][] {
  return Object.entries(env)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => [
      cell(name),
      cell(e.secret ? secretValue(e.value) : e.value),
      source(e.source),
      cell(e.shadowed.length === 0 ? '' : e.shadowed.map((s) => `${e.secret ? secretValue(s.value) : s.value} (${s.source.kind})`).join('; ')),
      e.applied ? 'yes' : 'no (untrusted)',
    ]);
}

function findingBlock(f: Finding): string[] {
  const lines = [`### ${f.severity.toUpperCase()} · \`${f.id}\` — ${text(f.title)}`, '', text(f.detail), '', `**Fix:** ${text(f.fix)}`];
  if (f.steps?.length) lines.push('', ...f.steps.map((s, i) => `${i + 1}. ${text(s)}`));
  if (f.source) lines.push('', `Source: ${source(f.source)}`);
  if (f.docs) lines.push('', `Docs: ${text(f.docs)}`);
  return [...lines, ''];
}

function allFindings(status: StatusReport, probe: ProbeReport | null): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  const order = { error: 0, warning: 1, info: 2 } as const;
  for (const f of [...(probe?.findings ?? []), ...status.findings]) {
    const key = `${f.id}\u0000${f.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}

function verdict(status: StatusReport, probe: ProbeReport | null): string {
  if (!probe) return `Not probed. Configuration: ${status.findings.filter((f) => f.severity === 'error').length} error finding(s).`;
  const gist = { healthy: 'Healthy', degraded: 'Degraded', down: 'Down', offline: 'Offline', unconfigured: 'Unconfigured' }[probe.outcome];
  return `**${gist}** — ${probe.kind} probe at ${cell(probe.at)}, HTTP ${probe.httpStatus ?? '—'}, ${ms(probe.timings.totalMs)} total.`;
}

function probeSection(probe: ProbeReport): string[] {
  const lines = [
    ...table(['Field', 'Value'], [
      ['Kind', cell(probe.kind)],
      ['Request', cell(`${probe.method} ${probe.url}`)],
      ['Outcome', cell(probe.outcome)],
      ['Stages', cell(`reachable: ${probe.stages.reachable} → authenticated: ${probe.stages.authenticated} → model answers: ${probe.stages.modelAnswers}`)],
      ['HTTP status', cell(probe.httpStatus)],
      ['Network error', cell(probe.errorCode)],
      ['Gateway message', cell(probe.gatewayMessage)],
      ['Headers sent (names)', cell(probe.headersSent.join(', '))],
      ['Tokens spent', cell(probe.tokensSpent)],
    ]),
    '',
    '**Timings**',
    '',
    ...table(['DNS', 'TCP connect', 'TLS handshake', 'First byte', 'Total'], [
      [ms(probe.timings.dnsMs), ms(probe.timings.connectMs), ms(probe.timings.tlsMs), ms(probe.timings.firstByteMs), ms(probe.timings.totalMs)],
    ]),
    '',
    '**TLS**',
    '',
  ];
  if (probe.tls) {
    lines.push(
      ...table(['Subject', 'Issuer', 'Valid to', 'Days to expiry', 'Trusted'], [
        [cell(probe.tls.subject), cell(probe.tls.issuer), cell(probe.tls.validTo), cell(probe.tls.daysToExpiry), cell(probe.tls.authorized ? 'yes' : `no (${probe.tls.authorizationError ?? 'unknown reason'})`)],
      ]),
    );
  } else {
    lines.push('_No TLS (plain http, or no connection)._');
  }
  lines.push('', '**Model discovery**', '', `${probe.modelDiscovery.enabled ? 'Enabled' : 'Disabled'}; ${text(probe.modelDiscovery.detail)}`);
  if (probe.models.length > 0) {
    lines.push('', ...table(['Model id', 'Display name', 'In /model picker'], probe.models.map((m) => [cell(m.id), cell(m.displayName), m.inPicker ? 'yes' : 'no'])));
  }
  return lines;
}

function historySection(history: HistorySummary): string[] {
  const failures = history.samples.filter((s) => s.outcome === 'down' || s.outcome === 'offline').length;
  return table(['Range', 'Uptime', 'p50 latency', 'p95 latency', 'Samples', 'Down/offline samples'], [
    [cell(history.range), history.uptimePct === null ? '—' : `${history.uptimePct.toFixed(1)} %`, ms(history.p50Ms), ms(history.p95Ms), String(history.samples.length), String(failures)],
  ]);
}

/** What real sessions recorded (from Claude Code's session logs): only the error fields, never prompts. */
function sessionsSection(sessions: SessionsReport): string[] {
  return [
    `Last successful turn: ${cell(sessions.lastSuccessAt)}; last API error: ${cell(sessions.lastErrorAt)}.`,
    '',
    ...table(
      ['When', 'Surface', 'Project', 'Claude Code', 'Status', 'Type', 'Finding', 'Claude Code said'],
      sessions.recentErrors.map((e) => [cell(e.at), cell(e.surface), cell(e.project), cell(e.claudeCodeVersion), cell(e.apiErrorStatus), cell(e.apiErrorType), cell(e.findingId), cell(e.summary)]),
    ),
  ];
}

/**
 * Builds the report. Pure: same input, same output. Secret-free by
 * construction (redacted inputs) and by a final scrub of the whole text.
 */
export function buildMarkdownReport(input: MarkdownReportInput): string {
  const { status, probe, history } = input;
  const cc = status.claudeCode;
  const auth = cc.authStatus ?? {};
  const authSummary = ['loggedIn', 'authMethod', 'apiProvider', 'apiKeySource']
    .filter((k) => auth[k] !== undefined)
    .map((k) => `${k}=${String(auth[k])}`)
    .join(', ');

  const lines: string[] = [
    '# Gateway Doctor diagnostics report',
    '',
    `Generated ${cell(input.generatedAt)} by Gateway Doctor ${cell(input.appVersion)}. Secrets are redacted to at most their last 4 characters.`,
    '',
    '## Summary',
    '',
    verdict(status, probe),
    '',
    `Provider **${cell(status.provider)}**, base URL **${cell(status.baseUrl?.value ?? '(vendor default)')}**, credential **${cell(status.credential.kind)}** in ${cell(status.credential.headers.join(' + ') || 'no header')}.`,
    '',
    '## Environment',
    '',
    ...table(['Item', 'Value'], [
      ['Claude Code', cell(cc.installed ? `${cc.version ?? 'unknown version'} (installed)` : 'not installed')],
      ['Behaviour predicted for', cell(cc.behaviourVersion)],
      ['claude auth status', cell(authSummary)],
      ['OS', cell(input.os ? [input.os.platform, input.os.release, input.os.arch].filter(Boolean).join(' ') : 'not recorded')],
      ['Project folder', cell(status.projectDir)],
      ['Gateway set by managed settings', status.managedGateway ? 'yes' : 'no'],
      ['Saved claude.ai login', cell(status.savedLogin.present ? `present${status.savedLogin.where ? ` (${status.savedLogin.where})` : ''}` : 'none')],
      ['Model discovery', cell(`${status.modelDiscovery.enabled ? 'enabled' : 'disabled'}: ${status.modelDiscovery.reason}`)],
    ]),
    '',
    '## Configuration (/status)',
    '',
    ...table(['Row', 'Value', 'Source'], statusRows(status)),
    '',
    '### Environment variables Claude Code will use',
    '',
    ...table(['Variable', 'Value', 'Source', 'Shadowed', 'Applied'], envRows(status.env)),
    '',
    '### Files consulted',
    '',
    ...table(['Kind', 'Path', 'State', 'Problem'], status.sources.map((s) => [cell(s.kind), cell(s.path), cell(s.state), cell(s.problem)])),
    '',
    '### Surfaces',
    '',
    ...table(['Surface', 'State', 'Reason'], Object.entries(status.surfaces).map(([id, s]) => [cell(id), cell(s.state), cell(s.reason)])),
    '',
    '## Probe',
    '',
    ...(probe ? probeSection(probe) : ['_No probe was run for this report._']),
    '',
    '## Findings',
    '',
  ];
  const findings = allFindings(status, probe);
  if (findings.length === 0) lines.push('_No findings._', '');
  for (const f of findings) lines.push(...findingBlock(f));

  if (status.sessions?.enabled) lines.push('## Errors from real Claude Code sessions', '', ...sessionsSection(status.sessions), '');

  lines.push('## Uptime and latency', '', ...(history ? historySection(history) : ['_No history recorded._']), '');

  lines.push('## Reproduce with curl', '');
  const curl = buildCurlCommand(status, probe);
  if (curl) {
    lines.push(
      'The same 1-token request Gateway Doctor sends. Export the credential variable(s) first; replace each `<value>` with the custom header value.',
      '',
      '```sh',
      curl,
      '```',
    );
  } else {
    lines.push('_No gateway URL is configured, so there is no request to reproduce._');
  }
  lines.push('');
  return homeRelativeText(redactSecretsInText(lines.join('\n')), input.homeDir);
}
