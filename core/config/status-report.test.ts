import { describe, expect, it } from 'vitest';
import { resolveFromSources } from './resolve/resolve-from-sources';
import { USER_PATH, claudeInfo, rawSources, testHost, type RawOptions } from './resolve/raw-fixtures';
import { secretValues, toStatusReport } from './status-report';
import { CANARY, CANARY2 } from '../testing/fixtures';


function report(opts: RawOptions, version: string | null = '2.1.240') {
  const resolved = resolveFromSources(rawSources(opts), { host: testHost, claude: claudeInfo(version), now: Date.UTC(2026, 0, 1) });
  return { resolved, report: toStatusReport(resolved) };
}

/** No run of 8+ characters from the secret survives anywhere in the output. */
function expectNoLeak(text: string, secret: string) {
  expect(text).not.toContain(secret);
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}

describe('toStatusReport', () => {
  const leaky: RawOptions = {
    trusted: false,
    savedLogin: true,
    user: {
      env: {
        ANTHROPIC_BASE_URL: 'https://gateway.corp.example',
        ANTHROPIC_AUTH_TOKEN: CANARY,
        ANTHROPIC_API_KEY: CANARY2,
        ANTHROPIC_CUSTOM_HEADERS: `X-Api-Token: ${CANARY}\nX-Org-Route: prod`,
        HTTPS_PROXY: `http://user:${CANARY}@proxy.corp.example:3128`,
        CLAUDE_CODE_CLIENT_KEY_PASSPHRASE: CANARY,
      },
    },
    local: { env: { ANTHROPIC_AUTH_TOKEN: `${CANARY2}-local` } },
    project: { env: { ANTHROPIC_API_KEY: `${CANARY}-project` } },
    processEnv: { ANTHROPIC_AUTH_TOKEN: `${CANARY}-shell` },
    shellExports: [{ name: 'ANTHROPIC_AUTH_TOKEN', value: `${CANARY}-profile` }],
  };

  it('never contains a credential, wherever it came from (cli/format/status-text.test.ts checks the text)', () => {
    const { report: r } = report(leaky);
    const json = JSON.stringify(r);
    expectNoLeak(json, CANARY);
    expectNoLeak(json, CANARY2);
    // The user can still tell which key is which by the last 4 characters.
    expect(r.credential.redacted).toBe('••••4068');
    expect(r.env.ANTHROPIC_API_KEY.value).toBe('••••dd44');
    expect(r.env.ANTHROPIC_AUTH_TOKEN.awaitingTrust?.[0].value).toBe('••••ocal');
    expect(r.env.ANTHROPIC_CUSTOM_HEADERS.value).toBe('X-Api-Token: ••••\nX-Org-Route: ••••');
    expect(r.rows.proxy).toBe('http://user:••••@proxy.corp.example:3128');
    expect(r.env.HTTPS_PROXY.value).toBe('http://user:••••@proxy.corp.example:3128');
  });

  it('lists every credential value for the CLI redactor', () => {
    const { resolved } = report(leaky);
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
