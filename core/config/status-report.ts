/**
 * Turns the resolver's internal answer (raw values, Secrets) into the
 * redacted, JSON-safe StatusReport ("gateway-doctor/status@1") that crosses
 * the contract. Nothing here may return a raw credential.
 */
import type { CredentialReport, EnvReport, ShadowedValue, StatusReport, StatusRows } from '../types';
import { redact } from '../util/secret';
import type { ResolvedConfig, ResolvedCredential } from './resolved';
import { describeCustomHeaders } from './resolve/custom-headers';
import { redactUrlCredentials } from './resolve/network';
import { providerLabel } from './resolve/route';

/** How a variable's value may be shown: secrets to their last 4 characters, URLs without passwords. */
export function displayValue(name: string, value: string, secret: boolean): string {
  if (name === 'ANTHROPIC_CUSTOM_HEADERS') return describeCustomHeaders(value);
  if (secret) return redact(value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return redactUrlCredentials(value);
  return value;
}

function credentialReport(credential: ResolvedCredential): CredentialReport {
  const primary = credential.values.authorization ?? credential.values['x-api-key'] ?? null;
  return {
    kind: credential.kind,
    headers: [...credential.headers],
    source: credential.source,
    redacted: primary ? primary.redacted : null,
    ...(credential.detail ? { detail: credential.detail } : {}),
  };
}

function rows(resolved: ResolvedConfig): StatusRows {
  const c = resolved.credential;
  const baseUrl = resolved.env.ANTHROPIC_BASE_URL;
  let authToken: string | null = null;
  let apiKey: string | null = null;
  if (c.kind === 'ANTHROPIC_AUTH_TOKEN' || c.kind === 'CLAUDE_CODE_OAUTH_TOKEN') authToken = c.kind;
  if (c.kind === 'ANTHROPIC_API_KEY' || (c.kind === 'ANTHROPIC_AUTH_TOKEN' && c.values['x-api-key'])) apiKey = 'ANTHROPIC_API_KEY';
  if (c.kind === 'apiKeyHelper' || (c.kind === 'ANTHROPIC_AUTH_TOKEN' && c.helperCommand && !c.values['x-api-key'])) apiKey = 'apiKeyHelper';
  // Helper and key together: /status names the key as the API key source (facts §10.8).
  if (c.kind === 'apiKeyHelper' && c.values['x-api-key']) apiKey = 'ANTHROPIC_API_KEY';
  if (c.kind === 'provider' && c.detail) apiKey = c.detail.replace(/^provider chain: /, '');
  const proxy = resolved.network.proxy;
  return {
    settingSources: [...resolved.settingSourceLabels],
    apiProvider: providerLabel(resolved.route.provider, resolved.env),
    anthropicBaseUrl: baseUrl?.applied && baseUrl.value ? redactUrlCredentials(baseUrl.value) : null,
    authToken,
    apiKey,
    loginMethod: c.kind === 'claudeai-login' ? 'Claude account (saved login)' : null,
    customHeaders: resolved.customHeaders.map((h) => h.name),
    proxy: proxy ? `${redactUrlCredentials(proxy.url)}${proxy.valid ? '' : ' (invalid)'}` : null,
    extraCa: resolved.network.extraCaPath,
    model: resolved.model.id,
  };
}

/**
 * The public, secret-free status. Every env value is redacted by kind
 * (credentials to at most their last 4 characters, header values hidden,
 * URL passwords masked), shadowed values included.
 */
export function toStatusReport(resolved: ResolvedConfig): StatusReport {
  const env: Record<string, EnvReport> = {};
  for (const v of Object.values(resolved.env)) {
    const shadowed: ShadowedValue[] = v.shadowed.map((s) => ({ value: displayValue(v.name, s.value, v.secret), source: s.source }));
    env[v.name] = { value: displayValue(v.name, v.value, v.secret), source: v.source, shadowed, applied: v.applied, secret: v.secret };
    if (v.awaitingTrust?.length) env[v.name].awaitingTrust = v.awaitingTrust.map((s) => ({ value: displayValue(v.name, s.value, v.secret), source: s.source }));
  }
  const route = resolved.route;
  return {
    schema: 'gateway-doctor/status@1',
    generatedAt: new Date(resolved.resolvedAt).toISOString(),
    projectDir: resolved.projectDir,
    provider: route.provider,
    baseUrl: route.baseUrl && route.baseUrlSource ? { value: redactUrlCredentials(route.baseUrl), source: route.baseUrlSource } : null,
    credential: credentialReport(resolved.credential),
    customHeaders: resolved.customHeaders.map((h) => ({ name: h.name, source: h.source })),
    env,
    surfaces: { ...resolved.surfaces },
    findings: resolved.findings.map((f) => ({ ...f })),
    claudeCode: { ...resolved.claudeCode },
    sources: resolved.sources.map((s) => ({ ...s })),
    rows: rows(resolved),
    model: { ...resolved.model },
    modelDiscovery: { ...resolved.modelDiscovery },
    managedGateway: resolved.managedGateway,
    savedLogin: { ...resolved.savedLogin },
  };
}

/**
 * Every credential-like value in a resolution, for a Redactor: the last line
 * of defence scrubs them from anything printed.
 */
export function secretValues(resolved: ResolvedConfig): string[] {
  const out: string[] = [];
  for (const secret of Object.values(resolved.credential.values)) if (secret) out.push(secret.reveal());
  if (resolved.network.clientKeyPassphrase) out.push(resolved.network.clientKeyPassphrase.reveal());
  for (const v of Object.values(resolved.env)) {
    if (!v.secret) continue;
    out.push(v.value, ...v.shadowed.map((s) => s.value), ...(v.awaitingTrust ?? []).map((s) => s.value));
  }
  for (const h of resolved.customHeaders) out.push(h.value);
  // Passwords inside URLs (proxy basic auth) are secrets even in non-secret variables.
  for (const v of Object.values(resolved.env)) {
    for (const value of [v.value, ...v.shadowed.map((s) => s.value)]) {
      const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]+)@/i.exec(value);
      if (match) out.push(match[1]);
    }
  }
  return out.filter((value) => value.length > 0);
}
