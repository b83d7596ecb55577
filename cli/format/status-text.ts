/**
 * The plain-text status, laid out like Claude Code's /status (same row
 * labels) with where each value came from, then the surfaces and findings.
 * Reads only the redacted StatusReport, so it cannot print a secret.
 */
import type { Source, StatusReport, SurfaceId } from '../../core/types';
import { homeRelativeText } from '../../shared/home-path';

const SURFACE_LABELS: Record<SurfaceId, string> = {
  cli: 'CLI',
  vscode: 'VS Code',
  desktop: 'Desktop app',
  remoteControl: 'Remote Control',
  voice: 'Voice dictation',
  githubActions: 'GitHub Actions',
  agentSdk: 'Agent SDK',
};

function where(source: Source | null | undefined): string {
  if (!source) return '';
  if (source.kind === 'shell-env') return '  ← shell environment';
  return `  ← ${source.path}${source.line ? `:${source.line}` : ''}`;
}

function row(label: string, value: string, source?: Source | null): string {
  return `  ${label.padEnd(23)}${value}${where(source)}`;
}

/**
 * Renders the report for a terminal (no colour codes, so it pastes cleanly
 * into a ticket). Paths under `homeDir`, when given, read `~/…` (`--json` keeps them full).
 */
export function formatStatusText(report: StatusReport, opts: { homeDir?: string } = {}): string {
  return homeRelativeText(statusText(report), opts.homeDir);
}

function statusText(report: StatusReport): string {
  const lines: string[] = [];
  const cc = report.claudeCode;
  lines.push('Gateway Doctor status: what Claude Code will use');
  lines.push(
    cc.installed
      ? `  Claude Code ${cc.version} (installed)`
      : `  Claude Code not found; predictions follow ${cc.behaviourVersion}, the latest documented version`,
  );
  lines.push(`  Project: ${report.projectDir ?? '(none)'}`);
  lines.push('');

  const r = report.rows;
  const env = report.env;
  lines.push(row('Setting sources', r.settingSources.length ? r.settingSources.join(', ') : '(none)'));
  lines.push(row('API provider', r.apiProvider));
  if (report.provider !== 'anthropic' && report.baseUrl) lines.push(row(`${r.apiProvider} base URL`, report.baseUrl.value, report.baseUrl.source));
  if (r.anthropicBaseUrl) lines.push(row('Anthropic base URL', r.anthropicBaseUrl, env.ANTHROPIC_BASE_URL?.source));
  const cred = report.credential;
  const shown = cred.redacted ? ` (${cred.redacted})` : '';
  if (r.authToken) lines.push(row('Auth token', `${r.authToken}${r.authToken === cred.kind ? shown : ''}`, env[r.authToken]?.source ?? cred.source));
  if (r.apiKey) {
    const apiSource = r.apiKey === 'ANTHROPIC_API_KEY' ? env.ANTHROPIC_API_KEY?.source : cred.source;
    const value = r.apiKey === 'ANTHROPIC_API_KEY' && env.ANTHROPIC_API_KEY ? ` (${env.ANTHROPIC_API_KEY.value})` : r.apiKey === cred.kind ? shown : '';
    lines.push(row('API key', `${r.apiKey}${value}`, apiSource));
  }
  if (r.loginMethod) lines.push(row('Login method', r.loginMethod));
  if (cred.kind === 'none') lines.push(row('Login method', 'none: Claude Code will show the login screen'));
  if (cred.headers.length) lines.push(row('Credential headers', cred.headers.join(', ')));
  if (report.customHeaders.length) {
    report.customHeaders.forEach((h, i) => lines.push(row(i === 0 ? 'Custom headers' : '', h.name, h.source)));
  } else if (env.ANTHROPIC_CUSTOM_HEADERS) {
    lines.push(row('Custom headers', 'invalid: nothing is sent', env.ANTHROPIC_CUSTOM_HEADERS.source));
  }
  if (r.proxy) {
    const proxyVar = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].find((n) => env[n]?.applied && env[n].value);
    lines.push(row('Proxy', r.proxy, proxyVar ? env[proxyVar].source : null));
  }
  if (r.extraCa) lines.push(row('Additional CA cert(s)', r.extraCa, env.NODE_EXTRA_CA_CERTS?.source));
  lines.push(row('Model', report.model.source ? r.model : `${r.model} (default)`, report.model.source));
  lines.push(row('Model discovery', report.modelDiscovery.enabled ? 'on' : `off: ${report.modelDiscovery.reason}`));
  if (report.managedGateway) lines.push(row('Managed gateway', 'yes: set by managed settings'));

  const pending: Array<[string, Source]> = [];
  for (const [name, v] of Object.entries(env)) {
    if (!v.applied) pending.push([name, v.source]);
    for (const p of v.awaitingTrust ?? []) pending.push([name, p.source]);
  }
  if (pending.length) {
    lines.push('');
    lines.push('Waiting for workspace trust (not applied at interactive start-up):');
    for (const [name, source] of pending) lines.push(`  ${name}${where(source)}`);
  }

  lines.push('');
  lines.push('Surfaces:');
  for (const id of Object.keys(SURFACE_LABELS) as SurfaceId[]) {
    const s = report.surfaces[id];
    if (!s) continue;
    lines.push(`  ${SURFACE_LABELS[id].padEnd(16)}${s.state.padEnd(12)}${s.reason}`);
  }

  lines.push('');
  if (report.findings.length === 0) {
    lines.push('No problems found in the configuration.');
  } else {
    lines.push(`Findings (${report.findings.length}):`);
    for (const f of report.findings) {
      lines.push(`  ${f.severity.toUpperCase().padEnd(8)}${f.title} [${f.id}]`);
      lines.push(`          ${f.detail}`);
      lines.push(`          Fix: ${f.fix}${f.machineFix ? ` (gateway-doctor fix ${f.id})` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
