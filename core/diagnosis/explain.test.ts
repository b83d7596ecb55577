import { describe, expect, it } from 'vitest';
import { FINDINGS, isFindingId } from './catalog';
import { ERROR_PATTERNS } from './error-patterns';
import { EXPLAIN_MAX_INPUT_CHARS, explainError, redactSecretsInText } from './explain';
import { CANARY } from '../testing/fixtures';


/** [pattern name it exercises, error text as a user would paste it, expected finding id] */
const CASES: Array<[string, string, string]> = [
  // The guide's troubleshooting table, row by row.
  ['auth-conflict-new', '⚠ Auth conflict detected: ANTHROPIC_AUTH_TOKEN (settings) and claude.ai login (keychain) are both set · auth may not work as expected', 'auth-conflict'],
  ['auth-conflict-old', 'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (/login managed key) are set. This may lead to unexpected behavior.', 'auth-conflict'],
  ['http-401', 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid token"}}', 'credential-rejected'],
  ['http-401', '401 Unauthorized: unrecognized API key', 'credential-rejected'],
  ['connection-refused', 'API Error: Unable to connect to API (ConnectionRefused)', 'gateway-refused'],
  ['connection-refused', 'Unable to connect to API (ECONNREFUSED)', 'gateway-refused'],
  ['connection-refused', 'connect ECONNREFUSED 10.0.0.5:443', 'gateway-refused'],
  ['malformed-response', 'API Error: API returned an empty or malformed response (HTTP 200)', 'malformed-response'],
  ['beta-fields', 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"context_management: Extra inputs are not permitted"}}', 'beta-fields-rejected'],
  ['beta-fields', 'API Error: 400 tools.0.custom.defer_loading: Extra inputs are not permitted', 'beta-fields-rejected'],
  ['beta-fields', 'API Error: 400 Unexpected value(s) `context-1m-2025-08-07` for the `anthropic-beta` header', 'beta-fields-rejected'],
  ['adaptive-thinking', "API Error: 400 thinking: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'", 'adaptive-thinking-rejected'],
  ['adaptive-thinking', 'API Error: 400 {"error":{"message":"thinking.type adaptive is not supported"}}', 'adaptive-thinking-rejected'],
  ['context-limit-rewritten', 'API Error: 400 litellm.ContextWindowExceededError: litellm.BadRequestError', 'context-limit-rewritten'],
  ['context-limit-rewritten', 'API Error: 400 prompt token count of 140213 exceeds the limit of 128000', 'context-limit-rewritten'],
  ['models-missing', 'Our gateway models are missing from the /model picker', 'models-not-discovered'],
  ['login-prompt', 'Claude Code asks me to log in even though the curl test succeeds', 'login-prompt-despite-gateway'],
  ['login-prompt', 'Not logged in · Please run /login', 'login-prompt-despite-gateway'],
  ['api-key-ignored', 'ANTHROPIC_API_KEY is set but ignored, with no prompt', 'api-key-not-approved'],
  ['forced-first-party-login', "This machine's managed settings require a first-party login. Unset ANTHROPIC_AUTH_TOKEN.", 'forced-first-party-login'],
  ['waf-403-html', 'API Error: 403 <html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>', 'waf-blocked'],
  ['tls-untrusted', 'API Error: SSL certificate verification failed', 'tls-untrusted'],
  ['tls-untrusted', 'Self-signed certificate detected. Set NODE_EXTRA_CA_CERTS', 'tls-untrusted'],
  ['tls-untrusted', 'Unable to connect to API (SELF_SIGNED_CERT_IN_CHAIN)', 'tls-untrusted'],
  ['tls-untrusted', 'Error: unable to get local issuer certificate', 'tls-untrusted'],
  // Streaming (strings in 2.1.197; "Could not parse" seen on stderr against the test gateway's stream-malformed).
  ['stream-idle-timeout', 'API Error: Stream idle timeout - partial response received', 'stream-stalled'],
  ['stream-idle-timeout', 'Streaming idle timeout: no chunks received for 300000ms', 'stream-stalled'],
  ['stream-json-parse', 'Could not parse message into JSON: {"type":"content_block_delta","index":0,"delta":{"type":"text_de', 'stream-malformed'],
  ['stream-no-message-start', 'Stream completed without receiving message_start event - triggering non-streaming fallback', 'stream-not-supported'],
  // A gateway that routes by a header the client must send.
  ['missing-header', 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"the X-Org-Route header is required"}}', 'gateway-rejected-request'],
  ['missing-header', 'API Error: 400 either x-portkey-config or x-portkey-provider header is required', 'gateway-rejected-request'],
  ['missing-header', 'API Error: 400 Missing required header X-Org-Route', 'gateway-rejected-request'],
  // Claude Code's own messages (facts file).
  ['custom-headers-invalid', 'Invalid ANTHROPIC_CUSTOM_HEADERS · Fix the environment variable · distinct header 2 of 3 contains an invalid character', 'custom-headers-invalid'],
  ['invalid-auth-token', 'Invalid auth token · Fix the environment variable', 'credential-invalid-value'],
  ['invalid-api-key-external', 'Invalid API key · Fix external API key', 'credential-invalid-value'],
  ['api-key-helper-failing', "Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider · Run /status to see the script's error output", 'api-key-helper-failing'],
  ['api-key-helper-output-invalid', 'apiKeyHelper returned output that cannot be used as an API key', 'api-key-helper-output-invalid'],
  ['remote-control-gateway', 'Remote Control is only available when using Claude via api.anthropic.com. ANTHROPIC_BASE_URL is set and does not point at api.anthropic.com', 'remote-control-disabled'],
  ['remote-control-scope', 'Remote Control requires a full-scope login token', 'remote-control-disabled'],
  ['voice-account', 'Voice mode requires a Claude.ai account', 'voice-disabled'],
  ['settings-invalid-json', '/home/u/.claude/settings.json: Invalid or malformed JSON', 'settings-invalid-json'],
  ['prompt-too-long', 'Prompt is too long', 'prompt-too-long'],
  ['prompt-too-long', 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 219898 tokens > 200000 maximum"}}', 'prompt-too-long'],
  ['prompt-too-long', 'Context limit reached · /compact or /clear to continue', 'prompt-too-long'],
  ['prompt-too-long', 'capability_rejected: prompt_too_long', 'prompt-too-long'],
  ['rate-limited', 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}', 'rate-limited'],
  ['overloaded', 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'upstream-overloaded'],
  ['upstream-5xx', 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 'upstream-error'],
  ['upstream-5xx', 'API Error: 502 Bad Gateway', 'upstream-error'],
  ['dns-failed', 'getaddrinfo ENOTFOUND gateway.corp.example', 'gateway-dns-failed'],
  ['dns-temporary', 'getaddrinfo EAI_AGAIN gateway.corp.example', 'offline'],
  ['timeout', 'connect ETIMEDOUT 10.1.2.3:443', 'gateway-timeout'],
  ['timeout', 'API Error: Request timed out.', 'gateway-timeout'],
  ['connection-reset', 'read ECONNRESET', 'connection-reset'],
  ['connection-reset', 'Error: socket hang up', 'connection-reset'],
  ['gateway-unreachable', 'Gateway was unreachable', 'gateway-refused'],
  ['redirect', 'API Error: 302 Found — redirected to https://sso.corp.example/login', 'redirected'],
  ['unknown-model', 'API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-foo"}}', 'unknown-model'],
  ['unknown-model', "There's an issue with the selected model (claude-foo). It may not exist or you may not have access to it.", 'unknown-model'],
  ['oauth-not-supported', 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently not supported."}}', 'oauth-beta-not-forwarded'],
  ['authentication-error', 'authentication_error: invalid x-api-key', 'credential-rejected'],
  ['proxy-invalid', 'Invalid proxy URL in HTTPS_PROXY: socks5://127.0.0.1:1080', 'proxy-invalid'],
  ['tls-expired', 'Error: certificate has expired (CERT_HAS_EXPIRED)', 'tls-cert-expiring'],
  ['http-4xx-generic', 'API Error: 422 {"type":"error","error":{"type":"invalid_request_error","message":"messages: field required"}}', 'gateway-rejected-request'],
];

describe('explainError', () => {
  it.each(CASES)('%s: %s → %s', (_pattern, text, findingId) => {
    const result = explainError(text);
    expect(result.schema).toBe('gateway-doctor/explain@1');
    expect(result.matched).toBe(true);
    expect(result.findingId).toBe(findingId);
    expect(result.title).toBe(FINDINGS[findingId as keyof typeof FINDINGS].title);
    expect(result.cause).toBeTruthy();
    expect(result.fix).toBeTruthy();
    expect(result.matchedText && text.replace(/\s+/g, ' ').includes(result.matchedText.replace(/…$/, ''))).toBe(true);
    expect(result.alternatives).not.toContain(findingId);
  });

  it('has a test case for every pattern, and every pattern names a catalogue finding', () => {
    const exercised = new Set(CASES.map(([name]) => name));
    const untested = ERROR_PATTERNS.map((p) => p.name).filter((name) => !exercised.has(name));
    expect(untested).toEqual([]);
    expect(ERROR_PATTERNS.filter((p) => !isFindingId(p.findingId)).map((p) => p.name)).toEqual([]);
    expect(new Set(ERROR_PATTERNS.map((p) => p.name)).size).toBe(ERROR_PATTERNS.length);
  });

  it('offers the wrong-header finding as an alternative to a 401', () => {
    expect(explainError('API Error: 401 invalid token').alternatives).toContain('credential-wrong-header');
  });

  it('a missing credential header is a credential problem, not a custom header', () => {
    expect(explainError('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"}}').findingId).toBe('credential-rejected');
    // A header Claude Code sends itself is not one to add to ANTHROPIC_CUSTOM_HEADERS.
    expect(explainError('API Error: 400 anthropic-version header is required').fix).not.toContain('ANTHROPIC_CUSTOM_HEADERS');
    expect(explainError('API Error: 400 X-Org-Route header is required').fix).toContain('ANTHROPIC_CUSTOM_HEADERS');
    expect(explainError('API Error: 400 anthropic-version header is required').matchedText).not.toMatch(/version header is required/);
  });

  it('prefers the specific message over the status code it arrived with', () => {
    const result = explainError("API Error: 400 invalid_request_error: Input tag 'adaptive' found");
    expect(result.findingId).toBe('adaptive-thinking-rejected');
    expect(result.alternatives).toContain('gateway-rejected-request');
  });

  it('reports no match for unrelated text, with empty fields', () => {
    expect(explainError('Everything is fine, thanks for asking.')).toEqual({
      schema: 'gateway-doctor/explain@1',
      matched: false,
      findingId: null,
      title: null,
      cause: null,
      fix: null,
      matchedText: null,
      alternatives: [],
    });
    expect(explainError('').matched).toBe(false);
  });

  it('strips terminal colour codes before matching', () => {
    expect(explainError('\u001b[31mAPI Error: Unable to connect to API (ConnectionRefused)\u001b[39m').findingId).toBe('gateway-refused');
  });

  it('reads only the first 64 KiB of a huge paste', () => {
    const late = `${'x'.repeat(EXPLAIN_MAX_INPUT_CHARS)} ECONNREFUSED`;
    expect(explainError(late).matched).toBe(false);
    const early = `ECONNREFUSED ${'y'.repeat(5 * 1024 * 1024)}`;
    expect(explainError(early).findingId).toBe('gateway-refused');
  });

  it('never echoes a credential found in the text', () => {
    const texts = [
      `API Error: 401 invalid x-api-key ${CANARY}`,
      `401 Unauthorized: Authorization: Bearer ${CANARY} is an invalid token`,
      `authentication_error: token=${CANARY}`,
      `Invalid API key · Fix external API key (ANTHROPIC_API_KEY=${CANARY})`,
    ];
    for (const text of texts) {
      const result = explainError(text);
      expect(result.matched).toBe(true);
      expect(JSON.stringify(result)).not.toContain(CANARY);
      expect(JSON.stringify(result)).not.toContain('canary-7f3a');
    }
  });
});

describe('redactSecretsInText', () => {
  it('redacts sk- keys, bearer tokens and labelled values to their last 4 characters', () => {
    const out = redactSecretsInText(`key ${CANARY}; Authorization: Bearer abcdefghijklmnop1234; "password": "hunter2hunter2xyz9"`);
    expect(out).not.toContain(CANARY);
    expect(out).toContain('••••4068');
    expect(out).toContain('Bearer ••••1234');
    expect(out).not.toContain('hunter2hunter2');
  });

  it('redacts the password part of a URL', () => {
    const out = redactSecretsInText('HTTPS_PROXY=http://bob:pa55w0rd-long@proxy.corp:8080 is invalid');
    expect(out).not.toContain('pa55w0rd');
    expect(out).toContain('http://bob:');
    expect(out).toContain('@proxy.corp:8080');
  });

  it('leaves ordinary error text alone', () => {
    const text = 'API Error: 400 prompt token count of 140213 exceeds the limit of 128000';
    expect(redactSecretsInText(text)).toBe(text);
  });
});
