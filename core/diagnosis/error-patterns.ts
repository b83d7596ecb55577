/**
 * Error texts Claude Code (or a gateway in front of it) prints, mapped to
 * finding ids. Sources: the "Troubleshoot gateway errors" table of
 * llm-gateway-connect.md and Claude Code's own messages (facts §2–§8).
 *
 * Each pattern has a weight: how specific it is. An exact Claude Code message
 * outweighs a bare status code, so "API Error: 400 … Input tag 'adaptive'
 * found" is adaptive-thinking-rejected, not a generic rejected request.
 * Every regex uses bounded gaps ({0,N}) so matching stays linear on the
 * (already size-bounded) input.
 */
import type { FindingId } from './catalog';

export interface ErrorPattern {
  /** Stable name, used by tests and for transparency. */
  name: string;
  findingId: FindingId;
  regex: RegExp;
  /** Specificity: exact Claude Code wording 90+, distinctive error codes 70–85, status-code heuristics 20–50. */
  weight: number;
  /** The cause in plain words, for this wording. */
  cause: string;
  /** A fix that is more precise than the catalogue's for this wording. */
  fix?: string;
  /** Findings that are also plausible when this pattern matches. */
  related?: FindingId[];
}

const GAP = '[\\s\\S]{0,240}?';
const re = (source: string) => new RegExp(source, 'i');

export const ERROR_PATTERNS: ErrorPattern[] = [
  // --- credentials and login -------------------------------------------------
  {
    name: 'auth-conflict-new',
    findingId: 'auth-conflict',
    regex: re('auth may not work as expected'),
    weight: 95,
    cause: 'A gateway credential and a saved login are both active: the variable is used for requests, but the stale login can cause unexpected auth behaviour.',
  },
  {
    name: 'auth-conflict-old',
    findingId: 'auth-conflict',
    regex: re(`Auth conflict${GAP}(token|API key)`),
    weight: 95,
    cause: 'An older Claude Code found both a token and an API key (or a saved login) and warned that they conflict.',
    related: ['both-credentials-set'],
  },
  {
    name: 'forced-first-party-login',
    findingId: 'forced-first-party-login',
    regex: re("managed settings require a first-party login"),
    weight: 100,
    cause: 'Managed settings include forceLoginMethod or forceLoginOrgUUID, which since Claude Code 2.1.146 cannot coexist with ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or apiKeyHelper.',
  },
  {
    name: 'api-key-helper-failing',
    findingId: 'api-key-helper-failing',
    regex: re('apiKeyHelper script is failing'),
    weight: 100,
    cause: 'The apiKeyHelper command exited non-zero, timed out or printed nothing, three times in a row.',
  },
  {
    name: 'api-key-helper-output-invalid',
    findingId: 'api-key-helper-output-invalid',
    regex: re('returned output that cannot be used as an API key'),
    weight: 100,
    cause: 'Since Claude Code 2.1.227 the apiKeyHelper output must be a single printable-ASCII token (at most 16,384 characters); the helper printed something else, such as a banner or log line.',
  },
  {
    name: 'invalid-auth-token',
    findingId: 'credential-invalid-value',
    regex: re('Invalid auth token'),
    weight: 95,
    cause: 'ANTHROPIC_AUTH_TOKEN (or CLAUDE_CODE_OAUTH_TOKEN) contains a character that cannot be sent in an HTTP header (above U+00FF, a NUL or a line break), so Claude Code sends nothing.',
  },
  {
    name: 'invalid-api-key-external',
    findingId: 'credential-invalid-value',
    regex: re(`Invalid API key${GAP}Fix external API key`),
    weight: 95,
    cause: 'ANTHROPIC_API_KEY contains a character that cannot be sent in an HTTP header (above U+00FF, a NUL or a line break), so Claude Code sends nothing.',
  },
  {
    name: 'api-key-ignored',
    findingId: 'api-key-not-approved',
    regex: re(`ANTHROPIC_API_KEY${GAP}(ignored|not (being )?used|no prompt)|Detected a custom API key|Do you want to use this API key|Use custom API key`),
    weight: 80,
    cause: 'In interactive sessions ANTHROPIC_API_KEY needs a one-time approval, and a key declined before is ignored without asking again.',
  },
  {
    name: 'login-prompt',
    findingId: 'login-prompt-despite-gateway',
    regex: re('(asks?|prompts?|prompted)( me| you)? to log ?in|Select login method|Not logged in|Please run /login|login (screen|prompt)'),
    weight: 60,
    cause: 'Claude Code has no credential of its own: a reachable base URL is not one, and an env block in a project .claude/settings.json or settings.local.json applies only after the first-run wizard and trust prompt.',
    related: ['forced-first-party-login'],
  },
  {
    name: 'oauth-not-supported',
    findingId: 'oauth-beta-not-forwarded',
    regex: re('OAuth authentication is currently not supported'),
    weight: 90,
    cause: "Only ANTHROPIC_BASE_URL is set, so the claude.ai login's OAuth token goes to the gateway, which dropped the OAuth anthropic-beta value on the way upstream.",
  },
  {
    name: 'http-401',
    findingId: 'credential-rejected',
    regex: re(`(\\b401\\b${GAP}(invalid|unrecogni[sz]ed|unauthori[sz]ed|authentication|token|api[ -]?key|credential))|((invalid|unrecogni[sz]ed)${GAP}(token|api[ -]?key|credential)${GAP}\\b401\\b)`),
    weight: 70,
    cause: "The gateway answered 401: the credential isn't one it issued, or it is in a header the gateway doesn't read.",
    related: ['credential-wrong-header'],
  },
  {
    name: 'authentication-error',
    findingId: 'credential-rejected',
    regex: re('authentication_error|Invalid bearer token|invalid x-api-key|Invalid API key|invalid_api_key|Unauthorized'),
    weight: 55,
    cause: "The gateway rejected the credential: it isn't one the gateway issued, or it is in a header the gateway doesn't read.",
    related: ['credential-wrong-header'],
  },
  // --- connection --------------------------------------------------------------
  {
    name: 'connection-refused',
    findingId: 'gateway-refused',
    regex: re('Unable to connect to API \\((ConnectionRefused|ECONNREFUSED)\\)|ECONNREFUSED|ConnectionRefused|connection refused'),
    weight: 85,
    cause: 'Nothing answered at the base URL: the address is wrong, or a VPN or firewall blocks the path to the gateway.',
  },
  {
    name: 'dns-failed',
    findingId: 'gateway-dns-failed',
    regex: re('ENOTFOUND|getaddrinfo|EAI_NONAME|Unable to connect to API \\(\\w*DNS\\w*\\)|could not resolve host'),
    weight: 85,
    cause: "The gateway's host name does not resolve: a typo in the base URL, or a name that needs a VPN or internal DNS.",
    related: ['offline'],
  },
  {
    name: 'dns-temporary',
    findingId: 'offline',
    regex: re('EAI_AGAIN|ENETUNREACH|network is unreachable|ENETDOWN'),
    // Outranks dns-failed: "getaddrinfo EAI_AGAIN" is a temporary failure, not a wrong name.
    weight: 86,
    cause: 'The network is unreachable or DNS is temporarily failing: this machine looks offline.',
    related: ['gateway-dns-failed'],
  },
  {
    name: 'timeout',
    findingId: 'gateway-timeout',
    regex: re('ETIMEDOUT|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT|Request timed out|ConnectionTimeout|\\btimeout_error\\b|timed out'),
    weight: 75,
    cause: 'The gateway did not answer in time: a slow or blocked network path, or an overloaded gateway.',
    related: ['slow-gateway'],
  },
  {
    name: 'connection-reset',
    findingId: 'connection-reset',
    regex: re('ECONNRESET|socket hang up|ConnectionClosed|connection reset|UND_ERR_SOCKET|EPIPE'),
    weight: 80,
    cause: 'The connection was closed mid-request by a proxy, a firewall or the gateway.',
  },
  {
    name: 'gateway-unreachable',
    findingId: 'gateway-refused',
    regex: re('Gateway was unreachable|Unable to connect to API'),
    weight: 60,
    cause: 'Claude Code could not reach the gateway at all.',
    related: ['gateway-dns-failed', 'gateway-timeout', 'offline'],
  },
  {
    name: 'proxy-invalid',
    findingId: 'proxy-invalid',
    regex: re('(invalid|unsupported|cannot parse)[\\s\\S]{0,40}proxy|HTTPS?_PROXY[\\s\\S]{0,80}(invalid|not a valid)|SOCKS proxy'),
    weight: 80,
    cause: 'The proxy setting cannot be used: the URL does not parse, or it is a SOCKS proxy, which Claude Code does not support.',
  },
  // --- TLS -------------------------------------------------------------------
  {
    name: 'tls-untrusted',
    findingId: 'tls-untrusted',
    regex: re('SSL certificate verification failed|Self[- ]signed certificate|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|unable to get local issuer certificate|unable to verify the first certificate|certificate verify failed'),
    weight: 90,
    cause: "Claude Code's runtime doesn't trust the certificate authority that signed the gateway's certificate; common behind corporate TLS-inspection proxies, where curl uses the system store.",
  },
  {
    name: 'tls-expired',
    findingId: 'tls-cert-expiring',
    regex: re('CERT_HAS_EXPIRED|certificate has expired'),
    weight: 90,
    cause: "The gateway's TLS certificate has expired.",
    fix: 'Tell your gateway team to renew the certificate now; until then every request fails.',
    related: ['tls-untrusted'],
  },
  // --- non-API answers -------------------------------------------------------
  {
    name: 'malformed-response',
    findingId: 'malformed-response',
    regex: re('API returned an empty or malformed response|Unexpected token \'?<\'?[\\s\\S]{0,40}JSON|is not valid JSON|Unexpected end of JSON input'),
    weight: 90,
    cause: 'The gateway or an intermediate proxy returned a non-API response (often an HTML error or login page) with status 200.',
  },
  {
    name: 'waf-403-html',
    findingId: 'waf-blocked',
    regex: re(`\\b403\\b${GAP}(<html|<!doctype|<title>|<center>|Forbidden|Request blocked|Access Denied|ModSecurity)|403 Forbidden|Request blocked|The request could not be satisfied|ModSecurity`),
    weight: 80,
    cause: "A web application firewall or reverse proxy in front of the gateway blocked the request body (Claude Code prompts contain XML-style tags and source code that match cross-site-scripting rules), so a short curl test passes while a real session doesn't.",
    related: ['gateway-rejected-request'],
  },
  {
    name: 'redirect',
    findingId: 'redirected',
    regex: re('\\b30[1278]\\b[\\s\\S]{0,80}(redirect|Found|Moved|Location)|redirect(ed|ion)?\\b|maximum redirect'),
    weight: 65,
    cause: 'The gateway (or an SSO proxy in front of it) answered with a redirect, which Claude Code does not follow.',
    related: ['malformed-response'],
  },
  // --- request shape -----------------------------------------------------------
  {
    name: 'adaptive-thinking',
    findingId: 'adaptive-thinking-rejected',
    regex: re(`Input tag '?adaptive'? found|(thinking${GAP}adaptive|adaptive${GAP}thinking)`),
    weight: 92,
    cause: "The upstream model build doesn't accept adaptive reasoning, which Claude Code requests for Claude 4.6 and later models and for model ids it doesn't recognise.",
  },
  {
    name: 'beta-fields',
    findingId: 'beta-fields-rejected',
    regex: re('context_management|Extra inputs are not permitted|Unexpected value\\(s\\)[\\s\\S]{0,40}anthropic-beta|output_config|unrecogni[sz]ed (field|key|parameter|request argument)|Unknown (field|parameter)'),
    weight: 88,
    cause: 'The gateway forwards requests to an upstream that rejects fields Claude Code sends to Anthropic-format endpoints (pre-release beta fields).',
  },
  {
    name: 'context-limit-rewritten',
    findingId: 'context-limit-rewritten',
    regex: re('ContextWindowExceededError|prompt token count of \\d+ exceeds the limit|context_length_exceeded|maximum context length|exceeds the (model\'s )?context (window|length)'),
    weight: 92,
    cause: "The gateway enforces a smaller context than the model's own window and rewrites the upstream error, so Claude Code's automatic compact-and-retry (which matches \"prompt is too long\") doesn't fire.",
  },
  {
    name: 'prompt-too-long',
    findingId: 'prompt-too-long',
    regex: re('prompt is too long|Context limit reached|Input is too long for requested model|capability_rejected:\\s*prompt_too_long'),
    weight: 90,
    cause: "The conversation exceeded the model's context window; Claude Code recognises this wording and compacts automatically when auto-compact is on.",
  },
  {
    name: 'models-missing',
    findingId: 'models-not-discovered',
    regex: re('(missing|not (shown|listed|showing)|not appear)[\\s\\S]{0,60}/model|/model (picker|menu)|model picker'),
    weight: 75,
    cause: "Gateway model names aren't in Claude Code's built-in list, and gateway model discovery is off.",
  },
  {
    name: 'unknown-model',
    findingId: 'unknown-model',
    regex: re(`not_found_error${GAP}model|model${GAP}(not found|does not exist|is not supported|not available)|unknown model|invalid model|model_not_found|issue with the selected model|No such model`),
    weight: 78,
    cause: "The gateway doesn't serve the model Claude Code asks for. The URL and the credential work: the gateway authenticated the request before rejecting the model.",
    related: ['models-not-discovered'],
  },
  {
    name: 'custom-headers-invalid',
    findingId: 'custom-headers-invalid',
    regex: re('Invalid ANTHROPIC_CUSTOM_HEADERS'),
    weight: 100,
    cause: 'ANTHROPIC_CUSTOM_HEADERS contains a character above U+00FF, a NUL or a line break inside a value, so Claude Code sends no request (validated since 2.1.227).',
  },
  {
    name: 'settings-invalid-json',
    findingId: 'settings-invalid-json',
    regex: re('Invalid or malformed JSON'),
    weight: 95,
    cause: 'A Claude Code settings file is not strict JSON (a comment or a trailing comma), so Claude Code ignores the whole file, env block included.',
  },
  // --- surfaces --------------------------------------------------------------
  {
    name: 'remote-control-gateway',
    findingId: 'remote-control-disabled',
    regex: re('Remote Control is only available when using Claude via api\\.anthropic\\.com'),
    weight: 100,
    cause: 'Remote Control needs a claude.ai login talking to api.anthropic.com; a gateway base URL, a provider variable or a credential variable turns it off.',
  },
  {
    name: 'remote-control-scope',
    findingId: 'remote-control-disabled',
    regex: re('Remote Control requires a full-scope login token'),
    weight: 100,
    cause: 'CLAUDE_CODE_OAUTH_TOKEN (a setup-token) is inference-only, so Remote Control cannot use it.',
    fix: 'Unset CLAUDE_CODE_OAUTH_TOKEN and log in with /login to use Remote Control.',
  },
  {
    name: 'voice-account',
    findingId: 'voice-disabled',
    regex: re('Voice mode requires a Claude\\.ai account'),
    weight: 100,
    cause: 'Voice dictation needs a claude.ai login; it is unavailable with an API key, ANTHROPIC_AUTH_TOKEN, apiKeyHelper or a cloud provider.',
  },
  // --- streaming (strings of 2.1.197; seen against the test gateway's stream scenarios) ---
  {
    name: 'stream-idle-timeout',
    findingId: 'stream-stalled',
    regex: re('Stream(ing)? idle timeout'),
    weight: 95,
    cause: "Claude Code's stream watchdog fired: the gateway started the answer and then passed nothing, not even the model's keep-alive pings, for the idle limit (300 s on ANTHROPIC_BASE_URL gateways).",
  },
  {
    name: 'stream-json-parse',
    findingId: 'stream-malformed',
    regex: re('Could not parse message into JSON'),
    weight: 90,
    cause: 'An event of the streamed answer did not parse, so something on the way altered or cut the event stream. Claude Code 2.1.197 then retries the request without streaming.',
  },
  {
    name: 'stream-no-message-start',
    findingId: 'stream-not-supported',
    regex: re('Stream completed without receiving message_start'),
    weight: 90,
    cause: 'The gateway answered the streaming request without server-sent events (for example a plain JSON body), so Claude Code falls back to a request without streaming.',
  },
  {
    name: 'missing-header',
    findingId: 'gateway-rejected-request',
    regex: re(`(?<![\\w-])(?!x-api-key|anthropic-)[A-Za-z]\\w*-[\\w-]+["'\`]? header (is )?(required|missing)|missing (required )?header:? ["'\`]?(?!x-api-key|anthropic-)[A-Za-z]\\w*-[\\w-]+|\\beither ["'\`]?[\\w-]+["'\`]? or ["'\`]?[\\w-]+["'\`]? header`),
    weight: 60,
    cause: 'The gateway routes requests by a header the client must send, and this request did not carry it.',
    fix: 'Add the header the message names to ANTHROPIC_CUSTOM_HEADERS ("Name: value", one per line) in the env block of ~/.claude/settings.json, with the value from your gateway team. `gateway-doctor check` fills in the name.',
  },
  // --- upstream status -------------------------------------------------------
  {
    name: 'rate-limited',
    findingId: 'rate-limited',
    regex: re('rate_limit_error|\\b429\\b|Too Many Requests|rate limit(ed)?'),
    weight: 70,
    cause: 'The gateway or its upstream is rate limiting requests (429).',
  },
  {
    name: 'overloaded',
    findingId: 'upstream-overloaded',
    regex: re('overloaded_error|\\b529\\b|Overloaded'),
    weight: 72,
    cause: "The gateway's upstream is overloaded (529); this is temporary.",
  },
  {
    name: 'upstream-5xx',
    findingId: 'upstream-error',
    regex: re('\\bapi_error\\b|\\b50[0-4]\\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out'),
    weight: 45,
    cause: 'The gateway or its upstream failed with a server error (5xx).',
    related: ['gateway-timeout'],
  },
  {
    name: 'http-4xx-generic',
    findingId: 'gateway-rejected-request',
    regex: re('invalid_request_error|permission_error|API Error: 4\\d\\d|\\b(400|403|404|409|413|422)\\b'),
    weight: 25,
    cause: "The gateway rejected the request with a client error; its own message says why.",
  },
];
