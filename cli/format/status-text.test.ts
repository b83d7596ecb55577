import { describe, expect, it } from 'vitest';
import { resolveFromSources } from '../../core/config/resolve/resolve-from-sources';
import { USER_PATH, claudeInfo, rawSources, testHost, type RawOptions } from '../../core/config/resolve/raw-fixtures';
import { toStatusReport } from '../../core/config/status-report';
import { formatStatusText } from './status-text';
import { CANARY, CANARY2 } from '../../core/testing/fixtures';


function report(opts: RawOptions, version: string | null = '2.1.240') {
  const resolved = resolveFromSources(rawSources(opts), { host: testHost, claude: claudeInfo(version), now: Date.UTC(2026, 0, 1) });
  return { report: toStatusReport(resolved) };
}

/** No run of 8+ characters from the secret survives anywhere in the output. */
function expectNoLeak(text: string, secret: string) {
  expect(text).not.toContain(secret);
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}

describe('formatStatusText', () => {
  it('never prints a credential, wherever it came from', () => {
    const { report: r } = report({
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
    });
    const text = formatStatusText(r);
    expectNoLeak(text, CANARY);
    expectNoLeak(text, CANARY2);
  });

  it('reads like /status with file:line provenance, then the findings with their fix', () => {
    const { report: r } = report({ savedLogin: true, user: { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } } }, null);
    const text = formatStatusText(r);
    expect(text).toContain(`Anthropic base URL     https://gateway.corp.example  ← ${USER_PATH}:3`);
    expect(text).toContain(`Auth token             ANTHROPIC_AUTH_TOKEN (••••4068)  ← ${USER_PATH}:4`);
    expect(text).toMatch(/Remote Control\s+disabled\s+Remote Control is off because ANTHROPIC_AUTH_TOKEN is set/);
    expect(text).toMatch(/WARNING +A gateway credential and a saved claude.ai login are both active \[auth-conflict\]/);
    expect(text).toContain('Fix: Unset the gateway variable');
    expect(text).toContain('Claude Code not found; predictions follow 2.1.240');
  });

  it('shows paths under the home folder as ~/… when given the home folder', () => {
    const { report: r } = report({ user: { env: { ANTHROPIC_BASE_URL: 'https://gateway.corp.example', ANTHROPIC_AUTH_TOKEN: CANARY } } }, null);
    const text = formatStatusText(r, { homeDir: testHost.homeDir });
    expect(USER_PATH.startsWith(`${testHost.homeDir}/`)).toBe(true);
    expect(text).toContain(`https://gateway.corp.example  ← ~${USER_PATH.slice(testHost.homeDir.length)}:3`);
    expect(text).not.toContain(`${testHost.homeDir}/`);
  });

  it('shows the provider row and its base URL for a cloud route', () => {
    const { report: r } = report({ user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock-gw.example', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' } } });
    const text = formatStatusText(r);
    expect(text).toMatch(/API provider\s+Amazon Bedrock/);
    expect(text).toContain('Amazon Bedrock base URL');
  });
});
