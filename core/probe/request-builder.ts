/**
 * Builds the probe's HTTP requests from the resolved configuration: the
 * guide's verification request, the provider routes, the zero-token
 * liveness requests and the model-discovery request, each exactly as
 * Claude Code would address the gateway.
 */
import { randomUUID } from 'node:crypto';
import type { CredentialHeader, ProbeKind } from '../types';
import type { ResolvedConfig } from '../config/resolved';
import type { ExchangeRequest } from './http-exchange';
import { REALISTIC_MAX_TOKENS, REALISTIC_SYSTEM_PROMPT, REALISTIC_USER_TEXT, betasFor, sendsAdaptiveThinking } from './realistic';

const ANTHROPIC_VERSION = '2023-06-01';
const BEDROCK_VERSION = 'bedrock-2023-05-31';
const VERTEX_VERSION = 'vertex-2023-10-16';

/** Raw credential values per header, as the request will carry them. */
export type CredentialValues = Partial<Record<CredentialHeader, string>>;

export type GatewayTarget =
  | { kind: 'gateway'; base: string }
  | { kind: 'unconfigured'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * The base URL to probe, or why there is none. "No gateway" means the
 * first-party API (no base URL, or api.anthropic.com without an explicit
 * port, as Claude Code decides) or a cloud provider's own endpoint.
 */
export function gatewayTarget(resolved: ResolvedConfig): GatewayTarget {
  const { route } = resolved;
  const variable = route.baseUrlVariable ?? 'ANTHROPIC_BASE_URL';
  if (!route.baseUrl) {
    return route.provider === 'anthropic'
      ? { kind: 'unconfigured', reason: 'ANTHROPIC_BASE_URL is not set: Claude Code talks to the Anthropic API directly.' }
      : { kind: 'unconfigured', reason: `No ${variable} is set: Claude Code talks to the provider's own endpoint with cloud credentials, not through a gateway.` };
  }
  let url: URL;
  try {
    url = new URL(route.baseUrl);
  } catch {
    return { kind: 'invalid', reason: `${variable} is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'invalid', reason: `${variable} must start with https:// (or http://), not ${url.protocol}//.` };
  if (route.provider === 'anthropic' && url.host === 'api.anthropic.com') {
    return { kind: 'unconfigured', reason: 'ANTHROPIC_BASE_URL points at api.anthropic.com: no gateway is in use.' };
  }
  return { kind: 'gateway', base: route.baseUrl };
}

/** Appends `path` (with optional query) to the base URL, keeping its path prefix, with exactly one slash between. */
export function joinUrl(base: string, path: string): URL {
  const url = new URL(base);
  const q = path.indexOf('?');
  const pathname = q >= 0 ? path.slice(0, q) : path;
  const query = q >= 0 ? path.slice(q) : '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`;
  url.search = query;
  url.hash = '';
  return url;
}

/** The URL as shown in reports: no user info, no fragment. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

function credentialHeaders(values: CredentialValues): Record<string, string> {
  const headers: Record<string, string> = {};
  if (values.authorization) headers.authorization = `Bearer ${values.authorization}`;
  if (values['x-api-key']) headers['x-api-key'] = values['x-api-key'];
  return headers;
}

function customHeaders(resolved: ResolvedConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of resolved.customHeaders) headers[h.name.toLowerCase()] = h.value;
  return headers;
}

const MINIMAL_MESSAGES = [{ role: 'user', content: '.' }];

function realisticParts(resolved: ResolvedConfig): { betas: string[]; body: Record<string, unknown>; headers: Record<string, string> } {
  const model = resolved.model.id;
  const version = resolved.claudeCode.version ?? resolved.claudeCode.behaviourVersion;
  const betas = betasFor(version, model, resolved.effectiveEnv);
  const body: Record<string, unknown> = {
    system: [{ type: 'text', text: REALISTIC_SYSTEM_PROMPT }],
    messages: [{ role: 'user', content: [{ type: 'text', text: REALISTIC_USER_TEXT }] }],
  };
  if (sendsAdaptiveThinking(model, resolved.effectiveEnv)) body.thinking = { type: 'adaptive' };
  return {
    betas,
    body,
    headers: {
      'user-agent': `claude-cli/${version} (external, cli)`,
      'x-app': 'cli',
      'x-claude-code-session-id': randomUUID(),
      'anthropic-dangerous-direct-browser-access': 'true',
    },
  };
}

/**
 * The request for the resolved provider route: 'message' is the guide's
 * 1-token request; 'realistic' streams like Claude Code (`"stream": true` on
 * Messages and Vertex's :streamRawPredict, Bedrock's
 * invoke-with-response-stream) with at most 32 output tokens.
 */
export function buildMessageRequest(resolved: ResolvedConfig, base: string, kind: Exclude<ProbeKind, 'liveness'>, credential: CredentialValues): ExchangeRequest {
  const { route } = resolved;
  const model = resolved.model.id;
  const realistic = kind === 'realistic' ? realisticParts(resolved) : null;
  const messages = realistic ? realistic.body : { messages: MINIMAL_MESSAGES };
  const maxTokens = realistic ? REALISTIC_MAX_TOKENS : 1;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    ...(realistic?.headers ?? {}),
  };

  if (route.provider === 'bedrock') {
    // Bedrock selects streaming by path; the body has no "stream" field.
    const body = { anthropic_version: BEDROCK_VERSION, max_tokens: maxTokens, ...messages, ...(realistic?.betas.length ? { anthropic_beta: realistic.betas } : {}) };
    return {
      url: joinUrl(base, `/model/${encodeURIComponent(model)}/${realistic ? 'invoke-with-response-stream' : 'invoke'}`),
      method: 'POST',
      headers: { ...headers, ...customHeaders(resolved), ...credentialHeaders(credential) },
      body: JSON.stringify(body),
    };
  }
  if (route.provider === 'vertex') {
    const project = route.vertexProjectId ?? resolved.effectiveEnv.ANTHROPIC_VERTEX_PROJECT_ID ?? 'unset-project';
    const region = route.region ?? resolved.effectiveEnv.CLOUD_ML_REGION ?? 'us-east5';
    const body = { anthropic_version: VERTEX_VERSION, max_tokens: maxTokens, ...messages, ...(realistic ? { stream: true } : {}) };
    return {
      url: joinUrl(base, `/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/anthropic/models/${encodeURIComponent(model)}:${realistic ? 'streamRawPredict' : 'rawPredict'}`),
      method: 'POST',
      headers: {
        ...headers,
        ...(realistic?.betas.length ? { 'anthropic-beta': realistic.betas.join(',') } : {}),
        ...customHeaders(resolved),
        ...credentialHeaders(credential),
      },
      body: JSON.stringify(body),
    };
  }
  // Anthropic Messages format: ANTHROPIC_BASE_URL gateways, Foundry, Claude Platform on AWS.
  const workspace = route.provider === 'anthropic-aws' ? route.workspaceId ?? resolved.effectiveEnv.ANTHROPIC_AWS_WORKSPACE_ID : undefined;
  return {
    url: joinUrl(base, realistic ? '/v1/messages?beta=true' : '/v1/messages'),
    method: 'POST',
    headers: {
      ...headers,
      'anthropic-version': ANTHROPIC_VERSION,
      ...(realistic?.betas.length ? { 'anthropic-beta': realistic.betas.join(',') } : {}),
      ...(workspace ? { 'anthropic-workspace-id': workspace } : {}),
      ...customHeaders(resolved),
      ...credentialHeaders(credential),
    },
    body: JSON.stringify({ model, max_tokens: maxTokens, ...messages, ...(realistic ? { stream: true } : {}) }),
  };
}

/** Claude Code's own start-up probe: `HEAD /api/hello`, no credential, no custom headers. */
export function buildHelloRequest(base: string): ExchangeRequest {
  return { url: joinUrl(base, '/api/hello'), method: 'HEAD', headers: { accept: '*/*' } };
}

/** For provider routes without /api/hello: a HEAD on the base URL proves reachability. */
export function buildBaseHeadRequest(base: string): ExchangeRequest {
  return { url: new URL(base), method: 'HEAD', headers: { accept: '*/*' } };
}

/**
 * `GET /v1/models` as Claude Code's discovery sends it: exactly one credential
 * header (Bearer when ANTHROPIC_AUTH_TOKEN is set, otherwise x-api-key with
 * the key or apiKeyHelper value) plus the custom headers.
 */
export function buildModelsRequest(resolved: ResolvedConfig, base: string, credential: CredentialValues, limit = 1000): ExchangeRequest {
  const headers: Record<string, string> = { accept: 'application/json', 'anthropic-version': ANTHROPIC_VERSION, ...customHeaders(resolved) };
  const tokenSet = resolved.credential.kind === 'ANTHROPIC_AUTH_TOKEN' || Boolean(resolved.effectiveEnv.ANTHROPIC_AUTH_TOKEN);
  if (tokenSet && credential.authorization) headers.authorization = `Bearer ${credential.authorization}`;
  else if (credential['x-api-key']) headers['x-api-key'] = credential['x-api-key'];
  else if (credential.authorization) headers.authorization = `Bearer ${credential.authorization}`;
  return { url: joinUrl(base, `/v1/models?limit=${limit}`), method: 'GET', headers };
}
