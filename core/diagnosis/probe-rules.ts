/**
 * Probe diagnosis: turns what happened on the wire (status, body, network
 * error, the wrong-header retry, the apiKeyHelper run) into the three-stage
 * verdict, the outcome and findings with causes and fixes. Pure functions,
 * so every troubleshooting row is tested without timing or sockets.
 */
import { fixTargetFor } from '../config/resolve/describe';
import { isAdaptiveToggleModel } from '../probe/realistic';
import type { CredentialHeader, Finding, FindingId, MachineFix, Outcome, ProbeKind, ProbeStages, ProbeStreamReport, Source, TlsInfo } from '../types';
import { makeFinding } from './make-finding';
import { missingHeaderNames } from './missing-header';
import { diagnoseStream } from './stream-rules';

const SLOW_GATEWAY_MS = 3000;
const TLS_EXPIRY_WARNING_DAYS = 14;

export interface ObservedResponse {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  error: { code: string; message: string; phase: 'proxy' | 'connect' | 'tls' | 'response' } | null;
  totalMs: number;
  tls: TlsInfo | null;
}

export interface ProbeObservation {
  kind: ProbeKind;
  /** What the main request was: the Messages/provider request, or a liveness endpoint. */
  endpoint: 'messages' | 'hello' | 'models' | 'base';
  model: string;
  url: string;
  response: ObservedResponse;
  /** The credential as sent: headers and where it came from. */
  credential: { headers: CredentialHeader[]; fromHelper: boolean; none: boolean; source: Source | null };
  /** The single retry with the other header after a 401. */
  retry?: { sentIn: CredentialHeader; response: ObservedResponse } | null;
  /** The proxy in use, for naming it in findings. */
  proxy?: { url: string; variable: string } | null;
  /** A helper failure explains a 401: credential findings are then left to the helper finding. */
  helperFailed?: boolean;
  /** For a streaming request (the realistic check): how the answer arrived. */
  stream?: ProbeStreamReport | null;
  /** Names of the ANTHROPIC_CUSTOM_HEADERS headers sent (for the missing-header fix). */
  customHeaderNames?: string[];
  /** Models the gateway lists (for the unknown-model fix). */
  servedModels?: string[];
  slowThresholdMs?: number;
}

export interface ProbeDiagnosis {
  stages: ProbeStages;
  outcome: Outcome;
  findings: Finding[];
  /** The gateway's own error message, as sent (the caller redacts it). */
  gatewayMessage: string | null;
  /** True when a Messages reply came back (the model spent a token). */
  modelAnswered: boolean;
}

interface ParsedBody {
  json: Record<string, unknown> | null;
  jsonInvalid: boolean;
  html: boolean;
  errorType: string | null;
  message: string | null;
  title: string | null;
}

const TIMEOUT_CODES = new Set(['PROBE_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
const OFFLINE_CODES = new Set(['ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);
const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const BETA_PATTERN = /context_management|context-management|extra inputs are not permitted|anthropic-beta|anthropic_beta|unexpected value\(s\)|output_config|unrecognized (request )?(field|argument|key)|unknown (field|parameter)/i;
const ADAPTIVE_PATTERN = /adaptive|\bthinking\b/i;
const CONTEXT_PATTERN = /ContextWindowExceeded|exceeds the limit of|maximum context length|context (window|length) (exceeded|is)|prompt token count of|too many tokens/i;
const MODEL_PROBLEM_PATTERN = /not found|unknown|not served|invalid|does not exist|not available|unsupported|no such|not supported|not allowed/i;

function parseBody(body: string, contentType: string | undefined): ParsedBody {
  const trimmed = body.trimStart();
  const html = /text\/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body|\?xml)/i.test(trimmed);
  let json: Record<string, unknown> | null = null;
  let jsonInvalid = false;
  if (!html && trimmed.length > 0 && (trimmed.startsWith('{') || trimmed.startsWith('[') || /json/i.test(contentType ?? ''))) {
    try {
      const value: unknown = JSON.parse(trimmed);
      json = value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
      if (!json) jsonInvalid = true;
    } catch {
      jsonInvalid = true;
    }
  }
  let errorType: string | null = null;
  let message: string | null = null;
  if (json) {
    const err = json.error;
    if (err && typeof err === 'object') {
      const e = err as Record<string, unknown>;
      if (typeof e.type === 'string') errorType = e.type;
      if (typeof e.message === 'string') message = e.message;
    } else if (typeof err === 'string') {
      message = err;
    }
    if (!message && typeof json.message === 'string') message = json.message;
    if (!message && typeof json.detail === 'string') message = json.detail;
  }
  const titleMatch = html ? /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body) ?? /<h1[^>]*>([^<]{0,200})<\/h1>/i.exec(body) : null;
  const title = titleMatch ? titleMatch[1].trim() : null;
  if (!message && !json && !html && trimmed.length > 0 && !jsonInvalid) message = trimmed.slice(0, 300);
  return { json, jsonInvalid, html, errorType, message, title };
}

function isMessagesReply(json: Record<string, unknown> | null): boolean {
  if (!json) return false;
  const id = typeof json.id === 'string' ? json.id : '';
  return (json.type === 'message' || id.startsWith('msg_')) && Array.isArray(json.content);
}

function setEnvFix(id: FindingId, summary: string, vars: Array<[string, string]>): MachineFix {
  return { id, summary, steps: vars.map(([variable, value]) => ({ action: 'set-env' as const, variable, value, target: 'user-settings' as const })) };
}

/** Parses the gateway's context limit (M) out of its own wording. */
export function parseContextLimit(message: string): number | null {
  const patterns = [/exceeds the limit of ([\d,_]+)/i, /maximum context length is ([\d,_]+)/i, /tokens? > ([\d,_]+) maximum/i, /limit(?: is| of)? ([\d,_]{4,})/i];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m) {
      const n = Number.parseInt(m[1].replace(/[,_]/g, ''), 10);
      if (Number.isFinite(n) && n > 0) return n;
    }
  }
  return null;
}

/** The machine fix for a rewritten context error: the compact window (clamped to Claude Code's 100k..1M) and an output cap that leaves room. */
export function contextLimitFix(limit: number): MachineFix {
  const window = Math.min(1_000_000, Math.max(100_000, limit));
  const maxOutput = Math.max(1024, Math.min(32_000, Math.floor(limit / 8)));
  return setEnvFix('context-limit-rewritten', `Compact at ${window} tokens and cap output at ${maxOutput} tokens`, [
    ['CLAUDE_CODE_AUTO_COMPACT_WINDOW', String(window)],
    ['CLAUDE_CODE_MAX_OUTPUT_TOKENS', String(maxOutput)],
  ]);
}

const PASS = 'pass' as const;
const FAIL = 'fail' as const;
const SKIP = 'skipped' as const;
const UNKNOWN = 'unknown' as const;

function stages(reachable: ProbeStages['reachable'], authenticated: ProbeStages['authenticated'], modelAnswers: ProbeStages['modelAnswers']): ProbeStages {
  return { reachable, authenticated, modelAnswers };
}

/** Network failures (no HTTP status). */
function diagnoseNetworkError(obs: ProbeObservation, error: NonNullable<ObservedResponse['error']>): ProbeDiagnosis {
  const host = safeHost(obs.url);
  const connected = error.phase === 'response';
  const base = { gatewayMessage: null, modelAnswered: false };
  const down = (finding: Finding, reachable: ProbeStages['reachable'] = connected ? PASS : FAIL): ProbeDiagnosis => ({
    ...base,
    stages: stages(reachable, SKIP, SKIP),
    outcome: 'down',
    findings: [finding],
  });

  if (error.phase === 'proxy' && obs.proxy) {
    return down(
      makeFinding('proxy-invalid', {
        title: 'The proxy cannot be used to reach the gateway',
        detail: `Connecting through the proxy from ${obs.proxy.variable} failed: ${error.message}`,
        fix: `Check the proxy address in ${obs.proxy.variable}, or add the gateway host to NO_PROXY if it must be reached directly.`,
      }),
    );
  }
  if (TLS_TRUST_CODES.has(error.code)) {
    const tls = obs.response.tls;
    const cert = tls ? ` The certificate is for "${tls.subject}", issued by "${tls.issuer}".` : '';
    const expired = error.code === 'CERT_HAS_EXPIRED';
    const mismatch = error.code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    return down(
      makeFinding('tls-untrusted', {
        detail: `The TLS certificate of ${host} was rejected (${error.code}).${cert}${expired ? ' It has expired.' : ''}${mismatch ? ' It does not name this host.' : ''}`,
        ...(expired || mismatch
          ? { fix: expired ? 'The gateway team must renew the certificate.' : 'Use the host name the certificate was issued for in the base URL, or ask the gateway team to fix the certificate.' }
          : {
              steps: [
                'Get the CA certificate (PEM) of your TLS-inspection proxy or internal CA from IT.',
                'Set NODE_EXTRA_CA_CERTS to its path, in ~/.claude/settings.json env or your shell profile.',
                'Run the check again.',
              ],
            }),
      }),
    );
  }
  if (OFFLINE_CODES.has(error.code)) {
    return {
      ...base,
      stages: stages(FAIL, SKIP, SKIP),
      outcome: 'offline',
      findings: [makeFinding('offline', { detail: `The network is unavailable (${error.code}) while connecting to ${host}.` })],
    };
  }
  if (error.code === 'ENOTFOUND') {
    return down(makeFinding('gateway-dns-failed', { detail: `The host name ${host} does not resolve (ENOTFOUND).` }), FAIL);
  }
  if (error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH') {
    return down(
      makeFinding('gateway-refused', {
        detail: error.code === 'ECONNREFUSED' ? `Nothing accepted the connection at ${host} (ECONNREFUSED).` : `There is no route to ${host} (EHOSTUNREACH): a VPN may be needed.`,
      }),
      FAIL,
    );
  }
  if (TIMEOUT_CODES.has(error.code)) {
    return down(
      makeFinding('gateway-timeout', {
        detail: connected ? `${host} accepted the connection but did not answer: ${error.message}` : `Connecting to ${host} timed out: ${error.message}`,
      }),
    );
  }
  if (RESET_CODES.has(error.code) || error.phase === 'response' || error.phase === 'tls') {
    return down(makeFinding('connection-reset', { detail: `The connection to ${host} was closed before an answer arrived (${error.code}).` }));
  }
  return down(makeFinding('connection-reset', { detail: `Connecting to ${host} failed: ${error.message}` }), FAIL);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function locationWithoutQuery(location: string | undefined): string {
  if (!location) return '(no Location header)';
  try {
    const u = new URL(location, 'http://relative.invalid');
    return u.host === 'relative.invalid' ? u.pathname : `${u.origin}${u.pathname}`;
  } catch {
    return location.split('?')[0];
  }
}

/** Classifies an error reply's message into the specific troubleshooting rows. */
function classifyErrorMessage(obs: ProbeObservation, status: number, parsed: ParsedBody, text: string): ProbeDiagnosis | null {
  const message = parsed.message ?? text;
  const quoted = message ? `"${message.slice(0, 300)}"` : `(no message)`;
  const gatewayMessage = parsed.message ?? parsed.title;
  const authOk = status === 403 ? UNKNOWN : PASS;
  const answer = (st: ProbeStages, outcome: Outcome, finding: Finding): ProbeDiagnosis => ({ stages: st, outcome, gatewayMessage, modelAnswered: false, findings: [finding] });
  if (BETA_PATTERN.test(message)) {
    return answer(
      stages(PASS, authOk, FAIL),
      'down',
      makeFinding('beta-fields-rejected', {
        detail: `The gateway answered ${status} to ${obs.kind === 'realistic' ? "a request shaped like Claude Code's" : 'the request'}: ${quoted}. Its upstream rejects the beta fields Claude Code sends.`,
        machineFix: setEnvFix('beta-fields-rejected', 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 in ~/.claude/settings.json', [['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS', '1']]),
      }),
    );
  }
  if (CONTEXT_PATTERN.test(message)) {
    const limit = parseContextLimit(message);
    return answer(
      stages(PASS, PASS, FAIL),
      'degraded',
      makeFinding('context-limit-rewritten', {
        detail: `The gateway states its own context limit${limit ? ` of ${limit} tokens` : ''}: ${quoted}. Claude Code's automatic compact-and-retry only recognises Anthropic's "prompt is too long" wording.${limit !== null && limit < 100_000 ? ' The limit is below 100,000 tokens, the smallest compact window Claude Code accepts, so /compact remains the recovery.' : ''}`,
        ...(limit ? { machineFix: contextLimitFix(limit) } : {}),
      }),
    );
  }
  if (ADAPTIVE_PATTERN.test(message)) {
    const toggle = isAdaptiveToggleModel(obs.model);
    return answer(
      stages(PASS, authOk, FAIL),
      'down',
      makeFinding('adaptive-thinking-rejected', {
        detail: `The gateway answered ${status}: ${quoted}. Its upstream model build does not accept adaptive thinking, which Claude Code requests for ${obs.model}.`,
        ...(toggle
          ? {
              fix: `Set CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 (it works on ${obs.model}), or upgrade the gateway's upstream.`,
              machineFix: setEnvFix('adaptive-thinking-rejected', 'Set CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 in ~/.claude/settings.json', [['CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING', '1']]),
            }
          : {
              fix: `Ask the gateway team to upgrade the upstream for ${obs.model}. CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING only works on Opus 4.6 and Sonnet 4.6, so it cannot help here.`,
            }),
      }),
    );
  }
  const namesModel = message.includes(obs.model) || /\bmodel\b/i.test(message) || parsed.errorType === 'not_found_error';
  if ((status === 404 || status === 400 || status === 422) && namesModel && (parsed.errorType === 'not_found_error' || MODEL_PROBLEM_PATTERN.test(message)) && /model/i.test(message)) {
    const served = (obs.servedModels ?? []).filter((m) => /claude|anthropic/i.test(m));
    return answer(
      stages(PASS, PASS, FAIL),
      'degraded',
      makeFinding('unknown-model', {
        detail: `The gateway accepted the URL and the credential but not the model "${obs.model}": ${quoted}.${served.length ? ` It serves: ${served.slice(0, 5).join(', ')}.` : ''}`,
        ...(served.length
          ? { machineFix: setEnvFix('unknown-model', `Set ANTHROPIC_MODEL=${served[0]}`, [['ANTHROPIC_MODEL', served[0]]]) }
          : {}),
      }),
    );
  }
  return null;
}

/** Diagnoses one probe observation. */
export function diagnoseProbe(obs: ProbeObservation): ProbeDiagnosis {
  const res = obs.response;
  let diagnosis: ProbeDiagnosis;
  if (res.status === null) {
    diagnosis = diagnoseNetworkError(obs, res.error ?? { code: 'ERROR', message: 'unknown failure', phase: 'connect' });
  } else {
    diagnosis = diagnoseHttp(obs, res.status);
  }
  const findings = [...diagnosis.findings];
  let outcome = diagnosis.outcome;
  const threshold = obs.slowThresholdMs ?? SLOW_GATEWAY_MS;
  // A stream is as slow as its first content, not its whole answer.
  const streamStart = obs.stream?.firstContentDeltaMs ?? null;
  const elapsed = streamStart ?? res.totalMs;
  const what = streamStart !== null ? 'first streamed content' : obs.endpoint === 'messages' ? '1-token request' : 'liveness check';
  if (res.status !== null && elapsed > threshold && (outcome === 'healthy' || outcome === 'degraded') && !findings.some((f) => f.id === 'slow-gateway')) {
    findings.push(makeFinding('slow-gateway', { detail: `The ${what} took ${Math.round(elapsed)} ms (more than ${threshold} ms).` }));
    if (outcome === 'healthy') outcome = 'degraded';
  }
  const tls = res.tls;
  if (tls && tls.authorized && tls.daysToExpiry < TLS_EXPIRY_WARNING_DAYS) {
    findings.push(
      makeFinding('tls-cert-expiring', {
        detail: tls.daysToExpiry < 0 ? `The certificate "${tls.subject}" expired on ${tls.validTo}.` : `The certificate "${tls.subject}" (issuer "${tls.issuer}") expires in ${tls.daysToExpiry} day(s), on ${tls.validTo}.`,
      }),
    );
  }
  return { ...diagnosis, outcome, findings };
}

function diagnoseHttp(obs: ProbeObservation, status: number): ProbeDiagnosis {
  const res = obs.response;
  const parsed = parseBody(res.body, res.headers['content-type']);
  const gatewayMessage = parsed.message ?? parsed.title ?? null;
  const host = safeHost(obs.url);
  const liveness = obs.endpoint !== 'messages';
  const result = (st: ProbeStages, outcome: Outcome, findings: Finding[], modelAnswered = false): ProbeDiagnosis => ({ stages: st, outcome, findings, gatewayMessage, modelAnswered });

  if (obs.endpoint === 'base' && status < 500) {
    // A provider route has no liveness endpoint: any HTTP answer proves reachability.
    return result(stages(PASS, UNKNOWN, SKIP), 'healthy', []);
  }
  if (status >= 200 && status < 300) {
    if (liveness) {
      const auth = obs.endpoint === 'models' ? PASS : UNKNOWN;
      return result(stages(PASS, auth, SKIP), 'healthy', []);
    }
    if (obs.stream && obs.endpoint === 'messages') {
      const streamed = diagnoseStream(obs.stream, isMessagesReply(parsed.json), (asStatus, body) =>
        diagnoseHttp({ ...obs, stream: null, response: { ...res, status: asStatus, body, headers: { 'content-type': 'application/json' }, truncated: false, error: null } }, asStatus),
      );
      if (streamed) return { ...streamed, gatewayMessage: streamed.gatewayMessage ?? (parsed.json ? gatewayMessage : null) };
    }
    if (res.truncated) {
      return result(stages(PASS, UNKNOWN, FAIL), 'down', [
        makeFinding('malformed-response', { detail: `The gateway answered ${status} with a body larger than 1 MiB; reading stopped there. A Messages reply to a 1-token request is a few hundred bytes.` }),
      ]);
    }
    if (res.error) {
      return result(stages(PASS, UNKNOWN, FAIL), 'down', [
        makeFinding('malformed-response', { detail: `The gateway answered ${status} but the body ended early (${res.error.code}).` }),
      ]);
    }
    if (isMessagesReply(parsed.json)) return result(stages(PASS, PASS, PASS), 'healthy', [], true);
    if (parsed.json && parsed.json.type === 'error') {
      const classified = classifyErrorMessage(obs, status, parsed, res.body);
      if (classified) return classified;
    }
    const what = parsed.html
      ? `an HTML page${parsed.title ? ` titled "${parsed.title}"` : ''} (often a login or error page from a proxy)`
      : parsed.jsonInvalid
        ? 'JSON that is cut off or invalid (truncated)'
        : parsed.json
          ? 'JSON that is not a Messages API reply'
          : res.body.length === 0
            ? 'an empty body'
            : 'text that is not JSON';
    return result(stages(PASS, UNKNOWN, FAIL), 'down', [
      makeFinding('malformed-response', { detail: `The gateway answered ${status} with ${what}. Claude Code reports "API returned an empty or malformed response (HTTP ${status})".` }),
    ]);
  }

  if (status >= 300 && status < 400) {
    return result(stages(PASS, UNKNOWN, SKIP), 'down', [
      makeFinding('redirected', { detail: `${host} answered ${status}, redirecting to ${locationWithoutQuery(res.headers.location)}. Claude Code does not follow it.` }),
    ]);
  }

  if (status === 401) return diagnoseUnauthorized(obs, parsed);

  if (status === 403 && parsed.html) {
    return result(stages(PASS, UNKNOWN, FAIL), 'down', [
      makeFinding('waf-blocked', {
        detail:
          obs.kind === 'realistic'
            ? `The gateway answered 403 with an HTML page${parsed.title ? ` ("${parsed.title}")` : ''} to a request shaped like Claude Code's (XML-style tags and source code in the body). A firewall in front of the gateway blocks real sessions even if the short test passes.`
            : `The gateway answered 403 with an HTML page${parsed.title ? ` ("${parsed.title}")` : ''}, the signature of a web application firewall or reverse proxy in front of the gateway.`,
      }),
    ]);
  }

  if (status === 429) {
    const retryAfter = res.headers['retry-after'];
    return result(stages(PASS, UNKNOWN, UNKNOWN), 'degraded', [
      makeFinding('rate-limited', { detail: `The gateway answered 429${retryAfter ? ` with Retry-After: ${retryAfter} s` : ' without Retry-After (possibly a spend cap)'}${parsed.message ? `: "${parsed.message.slice(0, 200)}"` : ''}.` }),
    ]);
  }
  if (status === 529) {
    return result(stages(PASS, PASS, FAIL), 'degraded', [makeFinding('upstream-overloaded', { detail: `The gateway answered 529${parsed.message ? `: "${parsed.message.slice(0, 200)}"` : ''}.` })]);
  }
  if (status >= 500) {
    const body = parsed.html ? ` with an HTML error page${parsed.title ? ` ("${parsed.title}")` : ''}, from a proxy in front of the gateway` : parsed.message ? `: "${parsed.message.slice(0, 200)}"` : '';
    return result(stages(PASS, UNKNOWN, FAIL), 'down', [makeFinding('upstream-error', { detail: `The gateway answered ${status}${body}.` })]);
  }

  if (liveness && (status === 404 || status === 405)) {
    // Something answered HTTP: reachable. The endpoint just is not there.
    return result(stages(PASS, UNKNOWN, SKIP), 'healthy', []);
  }

  if (!liveness) {
    const classified = classifyErrorMessage(obs, status, parsed, parsed.html ? '' : res.body);
    if (classified) return classified;
  }
  const said = parsed.message ? `: "${parsed.message.slice(0, 300)}"` : parsed.title ? `: "${parsed.title}"` : '';
  const missing = !liveness && status >= 400 && status < 500 && parsed.message ? missingHeaderNames(parsed.message) : [];
  if (missing.length > 0) {
    return result(stages(PASS, status === 403 ? FAIL : UNKNOWN, FAIL), 'down', [missingHeaderFinding(obs, status, said, missing)]);
  }
  const notFoundHint = status === 404 ? ` Nothing is served at ${safePath(obs.url)}: check the path in the base URL.` : '';
  return result(stages(PASS, status === 403 ? FAIL : UNKNOWN, FAIL), 'down', [
    makeFinding('gateway-rejected-request', { detail: `The gateway answered ${status}${said}.${notFoundHint}` }),
  ]);
}

/** gateway-rejected-request, naming the header the gateway asked for and how to send it. */
function missingHeaderFinding(obs: ProbeObservation, status: number, said: string, names: string[]): Finding {
  const configured = obs.customHeaderNames ?? [];
  const already = names.filter((n) => configured.some((c) => c.toLowerCase() === n.toLowerCase()));
  const which = names.length > 1 ? `${names[0]} or ${names[1]}` : names[0];
  const line = `${names[0]}: <value from your gateway team>`;
  const setting = configured.length > 0
    ? `add the line "${line}" to ANTHROPIC_CUSTOM_HEADERS (one "Name: Value" per line; \n between lines in JSON), next to the ${configured.join(', ')} header${configured.length > 1 ? 's' : ''} already there`
    : `set ANTHROPIC_CUSTOM_HEADERS to "${line}"`;
  if (already.length > 0) {
    return makeFinding('gateway-rejected-request', {
      title: `The gateway says the ${which} header is missing, although ANTHROPIC_CUSTOM_HEADERS sets it`,
      detail: `The gateway answered ${status}${said}. ANTHROPIC_CUSTOM_HEADERS already sends ${already.join(', ')}, so the gateway does not accept its value or spelling, or a proxy on the way removes it.`,
      fix: `Ask your gateway team for the exact header name and value for ${which}, and correct the line in ANTHROPIC_CUSTOM_HEADERS.`,
    });
  }
  return makeFinding('gateway-rejected-request', {
    title: `The gateway requires the ${which} header, which Claude Code does not send`,
    detail: `The gateway answered ${status}${said}. It routes requests by a header the client must send; Claude Code sends extra headers only from ANTHROPIC_CUSTOM_HEADERS (the guide's "custom header").`,
    fix: `Ask your gateway team for the value of ${which}, then ${setting} in the env block of ~/.claude/settings.json.`,
    steps: [
      `Ask your gateway team which value ${which} must carry for you.`,
      `In the env block of ~/.claude/settings.json, ${setting}, with <value from your gateway team> replaced by that value.`,
      'Run the check again.',
    ],
  });
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function diagnoseUnauthorized(obs: ProbeObservation, parsed: ParsedBody): ProbeDiagnosis {
  const gatewayMessage = parsed.message ?? parsed.title ?? null;
  const st = stages(PASS, FAIL, SKIP);
  const said = parsed.message ? ` It said: "${parsed.message.slice(0, 200)}".` : '';
  const down = (findings: Finding[], modelAnswered = false): ProbeDiagnosis => ({ stages: st, outcome: 'down', gatewayMessage, modelAnswered, findings });
  if (obs.helperFailed) return down([]);
  if (obs.credential.none) {
    return down([
      makeFinding('credential-rejected', {
        title: 'The gateway requires a credential, and none is configured',
        detail: `The gateway answered 401 and no gateway credential (ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY or apiKeyHelper) is set.${said}`,
        fix: 'Set ANTHROPIC_AUTH_TOKEN (bearer token) or ANTHROPIC_API_KEY (x-api-key) to the credential from your gateway team.',
      }),
    ]);
  }
  const retry = obs.retry;
  if (retry && retry.response.status !== null && retry.response.status !== 401 && retry.response.status !== 403) {
    const from = retry.sentIn === 'authorization' ? 'ANTHROPIC_API_KEY' : 'ANTHROPIC_AUTH_TOKEN';
    const to = retry.sentIn === 'authorization' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY';
    const target = obs.credential.source ? fixTargetFor(obs.credential.source) : null;
    const answered = isMessagesReply(parseBody(retry.response.body, retry.response.headers['content-type']).json);
    return down(
      [
        makeFinding('credential-wrong-header', {
          detail: `The gateway rejected the credential in ${from === 'ANTHROPIC_AUTH_TOKEN' ? 'Authorization: Bearer' : 'x-api-key'} (401) but accepted the same value in ${retry.sentIn === 'authorization' ? 'Authorization: Bearer' : 'x-api-key'} (${retry.response.status}).`,
          fix: `Move the value from ${from} to ${to}.`,
          ...(obs.credential.source ? { source: obs.credential.source } : {}),
          ...(target
            ? {
                machineFix: {
                  id: 'credential-wrong-header',
                  summary: `Move the credential from ${from} to ${to}`,
                  steps: [{ action: 'move-env' as const, variable: from, toVariable: to, valueIsSecret: true, target, ...(obs.credential.source ? { path: obs.credential.source.path } : {}) }],
                },
              }
            : {}),
        }),
      ],
      answered,
    );
  }
  const triedBoth = retry ? ' The same value in the other header was rejected too.' : obs.credential.headers.length > 1 ? ' It was sent in both headers.' : '';
  return down([
    makeFinding('credential-rejected', {
      detail: `The gateway answered 401 to the credential${obs.credential.fromHelper ? ' printed by apiKeyHelper' : ''}.${triedBoth}${said}`,
      ...(obs.credential.source ? { source: obs.credential.source } : {}),
    }),
  ]);
}
