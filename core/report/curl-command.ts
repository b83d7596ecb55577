/**
 * The curl command that reproduces Gateway Doctor's probe, for the gateway
 * team: same URL (path prefix kept), same headers, same 1-token body, with
 * every credential replaced by a shell variable placeholder and every custom
 * header value by `<value>`. It is built from redacted contract types only,
 * so it cannot contain a secret.
 */
import type { CredentialHeader, ProbeReport, ProviderId, StatusReport } from '../types';

/** Single-quotes a literal for POSIX shells. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Removes user:password@ from a URL; leaves anything unparsable as is. */
function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** `{base}/v1/messages`, keeping a path prefix and never doubling the slash. */
export function messagesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/messages`;
}

const DEFAULT_BASE: Partial<Record<ProviderId, string>> = { anthropic: 'https://api.anthropic.com' };

function credentialPlaceholder(kind: StatusReport['credential']['kind'], header: CredentialHeader): string {
  if (kind === 'apiKeyHelper') return '$API_KEY_HELPER_OUTPUT';
  if (kind === 'CLAUDE_CODE_OAUTH_TOKEN') return '$CLAUDE_CODE_OAUTH_TOKEN';
  return header === 'authorization' ? '$ANTHROPIC_AUTH_TOKEN' : '$ANTHROPIC_API_KEY';
}

function body(provider: ProviderId, model: string): string {
  const messages = [{ role: 'user', content: '.' }];
  if (provider === 'bedrock') return JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages });
  if (provider === 'vertex') return JSON.stringify({ anthropic_version: 'vertex-2023-10-16', max_tokens: 1, messages });
  return JSON.stringify({ model, max_tokens: 1, messages });
}

/**
 * Builds the reproduction command, or null when there is no URL to call
 * (no probe and no base URL for a non-Anthropic provider).
 */
export function buildCurlCommand(status: StatusReport, probe: ProbeReport | null): string | null {
  const base = status.baseUrl?.value ?? DEFAULT_BASE[status.provider] ?? null;
  const rawUrl = probe?.kind === 'message' || probe?.kind === 'realistic' ? probe.url : base ? messagesUrl(base) : null;
  if (!rawUrl) return null;
  const url = withoutUserInfo(rawUrl);

  const lines: string[] = [];
  if (status.credential.kind === 'apiKeyHelper') {
    lines.push('# API_KEY_HELPER_OUTPUT: run your apiKeyHelper command and export what it prints.');
  }
  lines.push(`curl -sS -X POST ${shellQuote(url)}`);
  for (const header of status.credential.headers) {
    const placeholder = credentialPlaceholder(status.credential.kind, header);
    lines.push(header === 'authorization' ? `-H "Authorization: Bearer ${placeholder}"` : `-H "x-api-key: ${placeholder}"`);
  }
  if (status.provider !== 'bedrock' && status.provider !== 'vertex') lines.push(`-H ${shellQuote('anthropic-version: 2023-06-01')}`);
  if (status.provider === 'anthropic-aws') lines.push('-H "anthropic-workspace-id: $ANTHROPIC_AWS_WORKSPACE_ID"');
  lines.push(`-H ${shellQuote('content-type: application/json')}`);
  for (const { name } of status.customHeaders) lines.push(`-H ${shellQuote(`${name}: <value>`)}`);
  lines.push(`-d ${shellQuote(body(status.provider, status.model.id))}`);
  return lines.join(' \\\n  ');
}
