/**
 * The catalogue of finding ids: public API (CLI `fix <id>`, JSON contracts,
 * the dashboard). Each entry holds the defaults; the code that detects a
 * finding supplies the specific detail (file, variable, status code).
 * Never rename an id; add new ones.
 */
// No imports: core/types.ts takes FindingId and Severity from here, so this
// module must not import it back (makeFinding, which builds a Finding, is in make-finding.ts).

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

export interface CatalogEntry {
  severity: Severity;
  title: string;
  fix: string;
  docs?: string;
}

const DOCS = 'https://code.claude.com/docs/en/llm-gateway-connect';

export const FINDINGS = {
  // --- configuration alone -------------------------------------------------
  'auth-conflict': {
    severity: 'warning',
    title: 'A gateway credential and a saved claude.ai login are both active',
    fix: 'Unset the gateway variable to use the saved login, or run /logout in Claude Code to use only the gateway credential.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'both-credentials-set': {
    severity: 'warning',
    title: 'Both ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY are set',
    fix: 'Keep only the variable your gateway reads: ANTHROPIC_AUTH_TOKEN for a bearer token, ANTHROPIC_API_KEY for an x-api-key gateway.',
    docs: `${DOCS}#set-the-credential-variable`,
  },
  'helper-and-api-key-set': {
    severity: 'warning',
    title: 'apiKeyHelper and ANTHROPIC_API_KEY are both set: each header carries a different credential',
    fix: "Keep one: remove ANTHROPIC_API_KEY so the helper's output goes in both headers, or remove apiKeyHelper so the key is sent alone in x-api-key.",
    docs: `${DOCS}#how-the-credential-variable-maps-to-a-header`,
  },
  'api-key-not-approved': {
    severity: 'warning',
    title: 'ANTHROPIC_API_KEY is set but not approved in interactive sessions',
    fix: 'In Claude Code open /config and turn on "Use custom API key", or move the value to ANTHROPIC_AUTH_TOKEN if your gateway reads the Authorization header.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'forced-first-party-login': {
    severity: 'error',
    title: "Managed settings require a first-party login, which blocks gateway credentials",
    fix: 'Your administrator must remove forceLoginMethod and forceLoginOrgUUID from managed settings to use gateway credentials, or remove the gateway credential to use first-party login.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'login-prompt-despite-gateway': {
    severity: 'error',
    title: 'Claude Code will ask you to log in: the gateway credential is only in project settings',
    fix: 'Set the credential somewhere Claude Code reads before first-run setup: the env block of ~/.claude/settings.json, a shell export, or managed settings.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'credential-in-shared-project-file': {
    severity: 'error',
    title: "A credential is in the project's shared .claude/settings.json",
    fix: 'Move it to .claude/settings.local.json (ignored by git) or to ~/.claude/settings.json. That file is committed and shared with everyone who clones the repository.',
    docs: `${DOCS}#set-in-a-settings-file`,
  },
  'local-settings-not-ignored': {
    severity: 'warning',
    title: '.claude/settings.local.json is not ignored by git',
    fix: 'Add **/.claude/settings.local.json to your global git excludes file so the credential is never committed.',
    docs: 'https://code.claude.com/docs/en/settings#where-claude-code-keeps-the-local-file-in-a-git-repository',
  },
  'shell-export-shadowed': {
    severity: 'info',
    title: 'A shell export is overridden by a settings file',
    fix: 'Settings-file env values win over shell exports. Remove or comment out the export so the two cannot disagree.',
    docs: 'https://code.claude.com/docs/en/env-vars#precedence',
  },
  'settings-invalid-json': {
    severity: 'error',
    title: 'A Claude Code settings file is not valid JSON, so Claude Code ignores all of it',
    fix: 'Claude Code settings files are strict JSON: remove comments and trailing commas, then save.',
    docs: 'https://code.claude.com/docs/en/settings#fix-a-broken-settings-file',
  },
  'settings-unreadable': {
    severity: 'error',
    title: 'A Claude Code settings file cannot be read',
    fix: 'Check the file exists as a regular file you can read (not a folder, a broken link or a file without read permission).',
  },
  'settings-too-complex': {
    severity: 'warning',
    title: 'A Claude Code settings file is nested too deeply to check',
    fix: 'No Claude Code setting nests more than a few levels: open the file and remove the runaway brackets (or the file, if it is not yours), then save.',
  },
  'settings-env-not-string': {
    severity: 'warning',
    title: 'A value in a settings file\'s env block is not a string',
    fix: 'Write every env value as a string in double quotes ("1", "true", "https://..."); Claude Code turns anything else into text, which is rarely what was meant.',
  },
  'claude-state-unreadable': {
    severity: 'warning',
    title: "Claude Code's own state file (~/.claude.json) cannot be read",
    fix: 'Check that ~/.claude.json is a regular file you own and can read and write; Claude Code keeps your login, folder trust and API key approvals there.',
  },
  'custom-headers-invalid': {
    severity: 'error',
    title: 'ANTHROPIC_CUSTOM_HEADERS is invalid, so Claude Code sends nothing',
    fix: 'Use one "Name: Value" pair per line (\\n between pairs in JSON), with no characters above U+00FF and no control characters.',
    docs: 'https://code.claude.com/docs/en/errors#invalid-request-header-value',
  },
  'vscode-missing-gateway-env': {
    severity: 'warning',
    title: "The VS Code extension does not see the gateway",
    fix: 'Add the gateway variables to claudeCode.environmentVariables in VS Code user settings, and set claudeCode.disableLoginPrompt to true.',
    docs: `${DOCS}#vs-code-extension`,
  },
  'proxy-invalid': {
    severity: 'error',
    title: 'The proxy setting cannot be used',
    fix: 'Set HTTPS_PROXY to an http:// or https:// URL (SOCKS proxies are not supported), or unset it.',
    docs: 'https://code.claude.com/docs/en/network-config',
  },
  'remote-control-disabled': {
    severity: 'info',
    title: 'Remote Control is off in this mode',
    fix: 'Remote Control needs a claude.ai login: unset the gateway credential and ANTHROPIC_BASE_URL, then log in with claude.ai.',
    docs: `${DOCS}#slack-web-and-remote-control`,
  },
  'voice-disabled': {
    severity: 'info',
    title: 'Voice dictation is off in this mode',
    fix: 'Voice dictation needs a claude.ai login: unset the gateway credential and log in with claude.ai.',
    docs: `${DOCS}#slack-web-and-remote-control`,
  },
  'resolver-disagrees-with-claude': {
    severity: 'warning',
    title: "Gateway Doctor's prediction differs from what the installed Claude Code reports",
    fix: 'The installed Claude Code is ground truth. Check the detail, and report the difference so Gateway Doctor can be corrected.',
  },
  'no-gateway-configured': {
    severity: 'info',
    title: 'No gateway is configured',
    fix: 'Set ANTHROPIC_BASE_URL and a credential variable, or switch to a gateway profile.',
    docs: `${DOCS}#configure-claude-code-yourself`,
  },
  'claude-code-not-installed': {
    severity: 'info',
    title: 'Claude Code is not installed here; predictions use the latest documented behaviour',
    fix: 'Install Claude Code so Gateway Doctor can cross-check against it.',
  },
  // --- probe ---------------------------------------------------------------
  'credential-rejected': {
    severity: 'error',
    title: 'The gateway rejected the credential (401)',
    fix: 'Regenerate the key at the gateway if it was revoked, and confirm the variable matches your credential kind.',
    docs: `${DOCS}#set-the-credential-variable`,
  },
  'credential-wrong-header': {
    severity: 'error',
    title: 'The credential is in a header the gateway does not read',
    fix: 'Move the value to the other variable (ANTHROPIC_AUTH_TOKEN ↔ ANTHROPIC_API_KEY).',
    docs: `${DOCS}#how-the-credential-variable-maps-to-a-header`,
  },
  'gateway-refused': {
    severity: 'error',
    title: 'Nothing answered at the gateway address (connection refused)',
    fix: 'Confirm the base URL and the network path (VPN, firewall) with your gateway team.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'gateway-dns-failed': {
    severity: 'error',
    title: "The gateway's host name does not resolve",
    fix: 'Check the host name in the base URL for typos, and whether it needs a VPN or internal DNS.',
  },
  'gateway-timeout': {
    severity: 'error',
    title: 'The gateway did not answer in time',
    fix: 'Check the network path to the gateway (VPN, proxy), and ask your gateway team whether it is overloaded.',
  },
  'connection-reset': {
    severity: 'error',
    title: 'The connection to the gateway was reset',
    fix: 'A proxy, firewall or the gateway closed the connection. Check proxy settings and ask your gateway team.',
  },
  offline: {
    severity: 'warning',
    title: 'This machine is offline',
    fix: 'Reconnect to the network; Gateway Doctor will check again automatically.',
  },
  'malformed-response': {
    severity: 'error',
    title: 'The gateway returned a non-API response (HTML or unexpected JSON)',
    fix: 'A proxy or login page answered instead of the gateway. Fix the gateway route that returns non-JSON.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  redirected: {
    severity: 'error',
    title: 'The gateway answered with a redirect',
    fix: 'Claude Code does not follow redirects to gateways. Use the final URL (https, no SSO redirect) as the base URL.',
  },
  'waf-blocked': {
    severity: 'error',
    title: 'A web application firewall blocked the request body',
    fix: "Exempt the gateway's /v1/messages path from request-body inspection (AWS WAF CrossSiteScripting_Body, or the OWASP CRS body rules).",
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'gateway-rejected-request': {
    severity: 'error',
    title: 'The gateway rejected the request',
    fix: "Read the gateway's message below and ask your gateway team.",
  },
  'beta-fields-rejected': {
    severity: 'error',
    title: 'The gateway rejects the beta fields Claude Code sends',
    fix: 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.',
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'adaptive-thinking-rejected': {
    severity: 'error',
    title: 'The upstream model rejects adaptive thinking',
    fix: "Upgrade the gateway's upstream. On Opus 4.6 and Sonnet 4.6, CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 works instead.",
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'context-limit-rewritten': {
    severity: 'warning',
    title: "The gateway enforces a smaller context and rewrites the error, so auto-compact won't fire",
    fix: "Set CLAUDE_CODE_AUTO_COMPACT_WINDOW to the gateway's limit and CLAUDE_CODE_MAX_OUTPUT_TOKENS below its output limit. Run /compact to recover a session.",
    docs: `${DOCS}#troubleshoot-gateway-errors`,
  },
  'models-not-discovered': {
    severity: 'info',
    title: "Gateway models are missing from Claude Code's /model picker",
    fix: 'Enable gateway model discovery: CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1.',
    docs: `${DOCS}#add-gateway-models-to-the-model-picker`,
  },
  'tls-untrusted': {
    severity: 'error',
    title: "The gateway's TLS certificate is not trusted",
    fix: 'Set NODE_EXTRA_CA_CERTS to the CA bundle of your TLS-inspection proxy or internal CA.',
    docs: 'https://code.claude.com/docs/en/network-config#ca-certificate-store',
  },
  'tls-cert-expiring': {
    severity: 'warning',
    title: "The gateway's TLS certificate expires soon",
    fix: 'Tell your gateway team to renew the certificate.',
  },
  'unknown-model': {
    severity: 'warning',
    title: 'The gateway does not know the model Claude Code asks for',
    fix: 'Set ANTHROPIC_MODEL (or the settings "model") to a model your gateway serves, or enable model discovery.',
  },
  'rate-limited': {
    severity: 'warning',
    title: 'The gateway is rate limiting requests (429)',
    fix: 'Wait and retry; Claude Code honours Retry-After. Ask your gateway team if it persists.',
  },
  'upstream-overloaded': {
    severity: 'warning',
    title: "The gateway's upstream is overloaded (529)",
    fix: 'Wait and retry; this is temporary.',
  },
  'upstream-error': {
    severity: 'error',
    title: 'The gateway or its upstream failed (5xx)',
    fix: 'Ask your gateway team; check their status page.',
  },
  'api-key-helper-failing': {
    severity: 'error',
    title: 'The apiKeyHelper command is failing',
    fix: 'Run the helper yourself and fix it: it must exit 0 and print only the key (one printable-ASCII token, at most 16,384 characters).',
    docs: 'https://code.claude.com/docs/en/errors#your-apikeyhelper-script-is-failing',
  },
  'slow-gateway': {
    severity: 'warning',
    title: 'The gateway is slow',
    fix: 'Check the network path (VPN, proxy) and ask your gateway team about latency.',
  },
  'prompt-too-long': {
    severity: 'info',
    title: 'The conversation exceeded the context window',
    fix: 'Run /compact or /clear to continue.',
  },
  'stream-not-supported': {
    severity: 'warning',
    title: 'The gateway answers a streaming request with plain JSON',
    fix: 'Ask your gateway team to support "stream": true on the Messages route (:streamRawPredict on Vertex, invoke-with-response-stream on Bedrock) and pass the server-sent events through. Until then Claude Code retries each request without streaming: slower, and long answers can time out.',
    docs: 'https://code.claude.com/docs/en/llm-gateway-protocol',
  },
  'stream-buffered': {
    severity: 'warning',
    title: 'The gateway buffers the stream: the answer arrives all at once at the end',
    fix: 'Turn off response buffering for the streaming routes in every proxy on the way (nginx: proxy_buffering off, or send X-Accel-Buffering: no; load balancers and API gateways: disable response buffering) and pass text/event-stream through unchanged.',
    docs: 'https://code.claude.com/docs/en/network-config#streaming-idle-watchdogs',
  },
  'stream-error-midway': {
    severity: 'error',
    title: 'The gateway sent an error inside a 200 stream',
    fix: 'Treat it like the same error without streaming (see the detail). If it repeats, ask your gateway team.',
  },
  'stream-stalled': {
    severity: 'error',
    title: 'The stream started and then stalled: no events, not even keep-alive pings',
    fix: "Ask your gateway team to pass every server-sent event through as it comes, keep-alive pings included, and to allow idle streams of at least 300 s. Claude Code aborts a stream after 300 s without a byte (5 minutes between events on Bedrock, Vertex and Foundry).",
    docs: 'https://code.claude.com/docs/en/network-config#streaming-idle-watchdogs',
  },
  'stream-malformed': {
    severity: 'warning',
    title: 'The streamed answer does not parse',
    fix: 'A proxy or the gateway alters or cuts the event stream. Ask your gateway team to pass text/event-stream (or Bedrock\'s event-stream) through unchanged, without rewriting or compressing it mid-stream.',
    docs: 'https://code.claude.com/docs/en/llm-gateway-protocol',
  },
  'api-key-helper-output-invalid': {
    severity: 'error',
    title: 'apiKeyHelper printed something that is not a usable key',
    fix: 'Make the helper print only the key: no banners, log lines or blank lines.',
    docs: 'https://code.claude.com/docs/en/errors#your-apikeyhelper-script-is-failing',
  },
  'credential-invalid-value': {
    severity: 'error',
    title: 'The credential variable holds characters that cannot go in an HTTP header',
    fix: 'Copy the credential again without line breaks, spaces, smart quotes or other non-ASCII characters, and save it in the variable.',
    docs: 'https://code.claude.com/docs/en/errors#invalid-request-header-value',
  },
  'oauth-beta-not-forwarded': {
    severity: 'error',
    title: 'Only the base URL is set: the claude.ai login is sent to the gateway',
    fix: 'Set a gateway credential (ANTHROPIC_AUTH_TOKEN) as well, or ask the gateway team to forward the OAuth anthropic-beta value.',
    docs: 'https://code.claude.com/docs/en/llm-gateway#subscriptions-and-gateways',
  },
} satisfies Record<string, CatalogEntry>;

export type FindingId = keyof typeof FINDINGS;

export function isFindingId(id: string): id is FindingId {
  return Object.prototype.hasOwnProperty.call(FINDINGS, id);
}
