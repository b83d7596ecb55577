import { describe, expect, it } from 'vitest';
import { CANARY, CANARY2, LEAKY_CONFIG, USER_PATH, leakedFragments, resolveRaw, type RawOptions } from '../testing/fixtures';
import { secretValues, toStatusReport } from './status-report';

function report(opts: RawOptions, version?: string | null) {
  const resolved = resolveRaw(opts, { version });
  return { resolved, report: toStatusReport(resolved) };
}

describe('toStatusReport', () => {
  it('never contains a credential, wherever it came from (cli/format/status-text.test.ts checks the text)', () => {
    const { report: r } = report(LEAKY_CONFIG);
    const json = JSON.stringify(r);
    expect(leakedFragments(json, CANARY)).toEqual([]);
    expect(leakedFragments(json, CANARY2)).toEqual([]);
    // The user can still tell which key is which by the last 4 characters.
    expect(r.credential.redacted).toBe('••••4068');
    expect(r.env.ANTHROPIC_API_KEY.value).toBe('••••dd44');
    expect(r.env.ANTHROPIC_AUTH_TOKEN.awaitingTrust?.[0].value).toBe('••••ocal');
    expect(r.env.ANTHROPIC_CUSTOM_HEADERS.value).toBe('X-Api-Token: ••••\nX-Org-Route: ••••');
    expect(r.rows.proxy).toBe('http://user:••••@proxy.corp.example:3128');
    expect(r.env.HTTPS_PROXY.value).toBe('http://user:••••@proxy.corp.example:3128');
  });

  it('lists every credential value for the CLI redactor', () => {
    const { resolved } = report(LEAKY_CONFIG);
    const values = secretValues(resolved);
    expect(values).toContain(CANARY);
    expect(values).toContain(CANARY2);
    expect(values).toContain(`${CANARY2}-local`);
    expect(values.filter((v) => v === CANARY).length).toBeGreaterThan(1); // the proxy password too
  });

  it('fills the contract fields and the /status rows', () => {
    const { report: r } = report({ user: { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_CUSTOM_HEADERS: 'X-Org-Route: prod', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' } } });
    expect(r.schema).toBe('gateway-doctor/status@1');
    expect(r.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(r.baseUrl).toEqual({ value: 'https://gateway.corp.example', source: { kind: 'user-settings', path: USER_PATH, line: 3 } });
    expect(r.credential).toMatchObject({ kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'] });
    expect(r.customHeaders).toEqual([{ name: 'X-Org-Route', source: { kind: 'user-settings', path: USER_PATH, line: 5 } }]);
    expect(r.rows).toMatchObject({
      settingSources: ['User settings'],
      apiProvider: 'Anthropic',
      anthropicBaseUrl: 'https://gateway.corp.example',
      authToken: 'ANTHROPIC_AUTH_TOKEN',
      apiKey: null,
      customHeaders: ['X-Org-Route'],
      extraCa: '/etc/ca.pem',
      model: 'claude-sonnet-4-6',
    });
    expect(Object.keys(r.surfaces).sort()).toEqual(['agentSdk', 'cli', 'desktop', 'githubActions', 'remoteControl', 'voice', 'vscode']);
  });
});
