/** Contract fixtures for report tests: a gateway with a path prefix, a bearer token and custom headers. */
import type { HistorySummary, ProbeReport, Source, StatusReport, SurfaceReport } from '../types';

const USER: Source = { kind: 'user-settings', path: '/home/dev/.claude/settings.json', line: 3 };
const SHELL: Source = { kind: 'shell-profile', path: '/home/dev/.bashrc', line: 12 };

const surface = (state: SurfaceReport['state'], reason: string): SurfaceReport => ({ state, reason });

export function statusFixture(): StatusReport {
  return {
    schema: 'gateway-doctor/status@1',
    generatedAt: '2026-09-01T10:00:00.000Z',
    projectDir: '/home/dev/project',
    provider: 'anthropic',
    baseUrl: { value: 'https://gateway.corp.example/anthropic', source: USER },
    credential: { kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], source: USER, redacted: '••••9f2a' },
    customHeaders: [
      { name: 'X-Org-Route', source: USER },
      { name: 'X-Tenant', source: USER },
    ],
    env: {
      ANTHROPIC_BASE_URL: { value: 'https://gateway.corp.example/anthropic', source: USER, shadowed: [], applied: true, secret: false },
      ANTHROPIC_AUTH_TOKEN: {
        value: '••••9f2a',
        source: USER,
        shadowed: [{ value: '••••1111', source: SHELL }],
        applied: true,
        secret: true,
      },
    },
    surfaces: {
      cli: surface('available', 'The CLI uses the gateway.'),
      vscode: surface('needs-setup', 'claudeCode.environmentVariables has no gateway variables.'),
      desktop: surface('disabled', 'The desktop app has its own third-party inference settings.'),
      remoteControl: surface('disabled', 'Remote Control is off because ANTHROPIC_BASE_URL points at gateway.corp.example, not api.anthropic.com.'),
      voice: surface('disabled', 'Voice dictation needs a claude.ai login.'),
      githubActions: surface('available', 'Set the same variables in the workflow env.'),
      agentSdk: surface('available', 'The SDK reads user settings.'),
    },
    findings: [
      {
        id: 'shell-export-shadowed',
        severity: 'info',
        title: 'A shell export is overridden by a settings file',
        detail: 'ANTHROPIC_AUTH_TOKEN exported in /home/dev/.bashrc:12 is overridden by ~/.claude/settings.json.',
        fix: 'Remove or comment out the export.',
        source: SHELL,
      },
    ],
    claudeCode: {
      installed: true,
      version: '2.1.197',
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty' },
      behaviourVersion: '2.1.197',
    },
    sources: [
      { kind: 'user-settings', path: '/home/dev/.claude/settings.json', state: 'loaded', watch: true },
      { kind: 'project-settings', path: '/home/dev/project/.claude/settings.json', state: 'invalid', problem: 'Invalid or malformed JSON at line 2, column 3', watch: true },
    ],
    rows: {
      settingSources: ['User settings'],
      apiProvider: 'Anthropic',
      anthropicBaseUrl: 'https://gateway.corp.example/anthropic',
      authToken: 'ANTHROPIC_AUTH_TOKEN',
      apiKey: null,
      loginMethod: null,
      customHeaders: ['X-Org-Route', 'X-Tenant'],
      proxy: null,
      extraCa: null,
      model: 'claude-sonnet-4-6',
    },
    model: { id: 'claude-sonnet-4-6', source: null },
    modelDiscovery: { enabled: false, reason: 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY is not set.' },
    managedGateway: false,
    savedLogin: { present: false, expiresAt: null, where: null },
  };
}

export function probeFixture(): ProbeReport {
  return {
    kind: 'message',
    at: '2026-09-01T10:00:01.000Z',
    outcome: 'down',
    stages: { reachable: 'pass', authenticated: 'fail', modelAnswers: 'skipped' },
    httpStatus: 401,
    method: 'POST',
    url: 'https://gateway.corp.example/anthropic/v1/messages',
    headersSent: ['authorization', 'anthropic-version', 'content-type', 'x-org-route', 'x-tenant'],
    timings: { dnsMs: 3.2, connectMs: 11.4, tlsMs: 25.9, firstByteMs: 80.1, totalMs: 92.6 },
    tls: { subject: 'CN=gateway.corp.example', issuer: 'CN=Corp Issuing CA', validTo: '2026-12-01T00:00:00.000Z', daysToExpiry: 91, authorized: true },
    errorCode: null,
    gatewayMessage: 'invalid token',
    models: [],
    modelDiscovery: { enabled: false, attempted: false, ok: false, detail: 'not enabled' },
    tokensSpent: 0,
    findings: [
      {
        id: 'credential-wrong-header',
        severity: 'error',
        title: 'The credential is in a header the gateway does not read',
        detail: 'The gateway rejected Authorization: Bearer but accepted x-api-key.',
        fix: 'Move the value to ANTHROPIC_API_KEY.',
      },
    ],
  };
}

export function historyFixture(): HistorySummary {
  return {
    range: '24h',
    uptimePct: 97.5,
    p50Ms: 88,
    p95Ms: 240,
    samples: [
      { at: '2026-09-01T09:00:00.000Z', latencyMs: 90, outcome: 'healthy' },
      { at: '2026-09-01T09:30:00.000Z', latencyMs: null, outcome: 'down' },
    ],
  };
}
