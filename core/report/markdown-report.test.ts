import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../types';
import { buildCurlCommand, messagesUrl, shellQuote } from './curl-command';
import { historyFixture, probeFixture, statusFixture } from './fixtures';
import { buildMarkdownReport } from './markdown-report';
import { CANARY } from '../testing/fixtures';


function report(overrides: Partial<Parameters<typeof buildMarkdownReport>[0]> = {}) {
  return buildMarkdownReport({
    status: statusFixture(),
    probe: probeFixture(),
    history: historyFixture(),
    appVersion: '0.1.0',
    generatedAt: '2026-09-01T10:00:02.000Z',
    os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
    ...overrides,
  });
}

describe('buildMarkdownReport', () => {
  it('has every section a gateway team needs', () => {
    const md = report();
    for (const heading of ['# Gateway Doctor diagnostics report', '## Summary', '## Environment', '## Configuration (/status)', '## Probe', '## Findings', '## Uptime and latency', '## Reproduce with curl']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('**Down**');
    expect(md).toContain('| Claude Code | 2.1.197 (installed) |');
    expect(md).toContain('| OS | linux 6.8.0 x64 |');
  });

  it('lists the errors real sessions recorded, without their prompts, when reading them is on', () => {
    const status = statusFixture();
    expect(report({ status })).not.toContain('## Errors from real Claude Code sessions');
    status.sessions = {
      enabled: true,
      lastSuccessAt: '2026-09-01T09:00:00.000Z',
      lastErrorAt: '2026-09-01T09:58:00.000Z',
      recentErrors: [
        {
          at: '2026-09-01T09:58:00.000Z',
          findingId: 'beta-fields-rejected',
          apiErrorStatus: 400,
          apiErrorType: 'invalid_request_error',
          surface: 'cli',
          project: '-home-user-code-app',
          claudeCodeVersion: '2.1.332',
          summary: `API Error: 400 context_management: Extra inputs are not permitted | key ${CANARY}`,
          title: 'The gateway rejects the beta fields Claude Code sends',
          fix: 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.',
        },
      ],
      surfaces: {},
    };
    const md = report({ status });
    expect(md).toContain('## Errors from real Claude Code sessions');
    expect(md).toMatch(/\| 2026-09-01T09:58:00.000Z \| cli \| -home-user-code-app \| 2.1.332 \| 400 \| invalid_request_error \| beta-fields-rejected \| API Error: 400 context_management/);
    expect(md).not.toContain(CANARY);
  });

  it('shows paths under the home folder as ~/… when it knows the home folder (the user name stays out of tickets)', () => {
    const md = report({ homeDir: '/home/dev' });
    expect(md).toContain('| Anthropic base URL | https://gateway.corp.example/anthropic | user-settings: ~/.claude/settings.json:3 |');
    expect(md).toContain('| project-settings | ~/project/.claude/settings.json | invalid |');
    expect(md).not.toContain('/home/dev');
  });

  it('shows the /status rows with their provenance', () => {
    const md = report();
    expect(md).toContain('| Anthropic base URL | https://gateway.corp.example/anthropic | user-settings: /home/dev/.claude/settings.json:3 |');
    expect(md).toContain('| Auth token | ANTHROPIC_AUTH_TOKEN | user-settings: /home/dev/.claude/settings.json:3 |');
    expect(md).toContain('| Custom headers | X-Org-Route, X-Tenant |');
    expect(md).toMatch(/\| ANTHROPIC_AUTH_TOKEN \| ••••9f2a \| user-settings: .*\| ••••1111 \(shell-profile\) \| yes \|/);
    expect(md).toContain('| project-settings | /home/dev/project/.claude/settings.json | invalid | Invalid or malformed JSON at line 2, column 3 |');
  });

  it('shows stages, timings, TLS, HTTP status and findings with fixes, errors first', () => {
    const md = report();
    expect(md).toContain('reachable: pass → authenticated: fail → model answers: skipped');
    expect(md).toContain('| 3 ms | 11 ms | 26 ms | 80 ms | 93 ms |');
    expect(md).toContain('| CN=gateway.corp.example | CN=Corp Issuing CA | 2026-12-01T00:00:00.000Z | 91 | yes |');
    expect(md).toContain('| HTTP status | 401 |');
    const wrongHeader = md.indexOf('`credential-wrong-header`');
    const shadowed = md.indexOf('`shell-export-shadowed`');
    expect(wrongHeader).toBeGreaterThan(0);
    expect(shadowed).toBeGreaterThan(wrongHeader);
    expect(md).toContain('**Fix:** Move the value to ANTHROPIC_API_KEY.');
    expect(md).toContain('| 24h | 97.5 % | 88 ms | 240 ms | 2 | 1 |');
  });

  it('says so when there is no probe and no history', () => {
    const md = report({ probe: null, history: null });
    expect(md).toContain('_No probe was run for this report._');
    expect(md).toContain('_No history recorded._');
    expect(md).toContain('Not probed.');
    // Without a probe the curl still targets the configured base URL.
    expect(md).toContain("curl -sS -X POST 'https://gateway.corp.example/anthropic/v1/messages'");
  });

  it('escapes pipes and newlines so a value cannot break a table', () => {
    const status = statusFixture();
    status.sources[1].problem = 'bad | value\nsecond line';
    const md = report({ status });
    expect(md).toContain('bad \\| value second line');
  });

  it('contains no canary, wherever a secret could hide in the inputs', () => {
    const status: StatusReport = statusFixture();
    // Contract-violating placements: every free-text or value field a producer bug could fill with a key.
    status.env.ANTHROPIC_AUTH_TOKEN.value = CANARY;
    status.env.ANTHROPIC_AUTH_TOKEN.shadowed[0].value = CANARY;
    status.env.ANTHROPIC_API_KEY = { value: CANARY, source: status.env.ANTHROPIC_AUTH_TOKEN.source, shadowed: [], applied: true, secret: true };
    status.env.ANTHROPIC_CUSTOM_HEADERS = { value: `X-Key: ${CANARY}`, source: status.env.ANTHROPIC_AUTH_TOKEN.source, shadowed: [], applied: true, secret: false };
    status.baseUrl = { value: `https://user:${CANARY}@gateway.corp.example/anthropic`, source: status.baseUrl!.source };
    status.rows.anthropicBaseUrl = status.baseUrl.value;
    status.credential.redacted = CANARY;
    status.credential.detail = `token ${CANARY}`;
    status.rows.authToken = CANARY;
    status.rows.proxy = `http://proxy:${CANARY}@proxy.corp:8080`;
    status.rows.extraCa = 'https://bob:hunter2hunter2@ca.corp/bundle.pem';
    status.findings[0].detail = `Authorization: Bearer ${CANARY}`;
    status.findings[0].steps = [`export ANTHROPIC_AUTH_TOKEN=${CANARY}`];
    status.findings[0].title = `leak ${CANARY}`;
    status.sources[1].problem = `Unexpected token near "${CANARY}"`;
    status.surfaces.cli.reason = `uses ${CANARY}`;
    status.modelDiscovery.reason = CANARY;
    status.savedLogin = { present: true, expiresAt: null, where: CANARY };
    status.claudeCode.authStatus = { authMethod: CANARY, apiKeySource: CANARY, token: CANARY };
    const probe = probeFixture();
    probe.gatewayMessage = `invalid x-api-key: ${CANARY}`;
    probe.url = `https://user:${CANARY}@gateway.corp.example/anthropic/v1/messages`;
    probe.findings[0].detail = `x-api-key=${CANARY}`;
    probe.modelDiscovery.detail = CANARY;
    probe.tls!.authorizationError = CANARY;
    probe.tls!.authorized = false;

    const md = report({ status, probe });
    expect(md.includes(CANARY)).toBe(false);
    expect(md.includes('canary-7f3a9c1e')).toBe(false);
    expect(md).toContain('••••4068');
    expect(md.includes('hunter2hunter2')).toBe(false);
  });
});

describe('buildCurlCommand', () => {
  it('reproduces the probe with placeholders for the credential and custom header values, prefix kept', () => {
    const curl = buildCurlCommand(statusFixture(), probeFixture())!;
    expect(curl).toContain("curl -sS -X POST 'https://gateway.corp.example/anthropic/v1/messages'");
    expect(curl).toContain('-H "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"');
    expect(curl).not.toContain('x-api-key');
    expect(curl).toContain("-H 'anthropic-version: 2023-06-01'");
    expect(curl).toContain("-H 'X-Org-Route: <value>'");
    expect(curl).toContain("-H 'X-Tenant: <value>'");
    expect(curl).toContain('"model":"claude-sonnet-4-6","max_tokens":1');
  });

  it('uses one placeholder per header when both credentials are sent, and the helper placeholder for apiKeyHelper', () => {
    const both = statusFixture();
    both.credential = { ...both.credential, headers: ['authorization', 'x-api-key'] };
    const curl = buildCurlCommand(both, null)!;
    expect(curl).toContain('-H "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"');
    expect(curl).toContain('-H "x-api-key: $ANTHROPIC_API_KEY"');

    const helper = statusFixture();
    helper.credential = { kind: 'apiKeyHelper', headers: ['authorization', 'x-api-key'], source: null, redacted: null };
    const helperCurl = buildCurlCommand(helper, null)!;
    expect(helperCurl).toContain('-H "x-api-key: $API_KEY_HELPER_OUTPUT"');
    expect(helperCurl).toContain('# API_KEY_HELPER_OUTPUT');
  });

  it('uses the Bedrock body and no anthropic-version header on the Bedrock route', () => {
    const status = statusFixture();
    status.provider = 'bedrock';
    status.credential = { kind: 'provider', headers: [], source: null, redacted: null };
    status.customHeaders = [];
    const probe = { ...probeFixture(), url: 'https://gw.corp.example/bedrock/model/us.anthropic.claude-sonnet-4-6/invoke' };
    const curl = buildCurlCommand(status, probe)!;
    expect(curl).toContain("'https://gw.corp.example/bedrock/model/us.anthropic.claude-sonnet-4-6/invoke'");
    expect(curl).toContain('"anthropic_version":"bedrock-2023-05-31"');
    expect(curl).not.toContain('anthropic-version: 2023-06-01');
  });

  it('returns null when there is nothing to call', () => {
    const status = statusFixture();
    status.provider = 'vertex';
    status.baseUrl = null;
    expect(buildCurlCommand(status, null)).toBeNull();
  });

  it('never doubles a slash and quotes safely for the shell', () => {
    expect(messagesUrl('https://gw.example/prefix/')).toBe('https://gw.example/prefix/v1/messages');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    // The quoted text survives a real shell unchanged.
    expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote("a'b $HOME \"c\"")}`]).toString()).toBe(`a'b $HOME "c"`);
  });

  it('is a command the shell parses into the expected curl arguments', () => {
    const curl = buildCurlCommand(statusFixture(), probeFixture())!;
    // Replace curl with a printer of its arguments; the credential variable expands from the env.
    const printed = execFileSync('/bin/sh', ['-c', `curl() { for a in "$@"; do printf '%s\\n' "$a"; done; }\n${curl}`], {
      env: { PATH: '/usr/bin:/bin', ANTHROPIC_AUTH_TOKEN: 'tok-123456789' },
    }).toString();
    const args = printed.trimEnd().split('\n');
    expect(args).toContain('Authorization: Bearer tok-123456789');
    expect(args).toContain('https://gateway.corp.example/anthropic/v1/messages');
    expect(JSON.parse(args[args.indexOf('-d') + 1])).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
  });
});
