import { describe, expect, it } from 'vitest';
import { toStatusReport } from '../../core/config/status-report';
import { CANARY, CANARY2, LEAKY_CONFIG, USER_PATH, leakedFragments, resolveRaw, testHost, type RawOptions } from '../../core/testing/fixtures';
import { formatStatusText } from './status-text';

function report(opts: RawOptions, version?: string | null) {
  return { report: toStatusReport(resolveRaw(opts, { version })) };
}

describe('formatStatusText', () => {
  it('never prints a credential, wherever it came from', () => {
    const { report: r } = report(LEAKY_CONFIG);
    const text = formatStatusText(r);
    expect(leakedFragments(text, CANARY)).toEqual([]);
    expect(leakedFragments(text, CANARY2)).toEqual([]);
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
