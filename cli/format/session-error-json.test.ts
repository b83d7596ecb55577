import { describe, expect, it } from 'vitest';
import { CANARY, canaryRedactor } from '../../core/testing/fixtures';
import { formatSessionErrorJson } from './session-error-json';

describe('formatSessionErrorJson', () => {
  it('is one secret-free JSON line with the public fields, in schema session-error@1', () => {
    const line = formatSessionErrorJson(
      {
        at: '2026-01-15T00:00:00.000Z',
        findingId: 'credential-rejected',
        apiErrorStatus: 401,
        apiErrorType: null,
        surface: 'cli',
        project: '-home-ana-repo',
        claudeCodeVersion: '2.1.197',
        summary: `401 invalid key ${CANARY}\nsecond line`,
        title: 'The gateway rejected the credential (401)',
        fix: 'Check the key.',
      },
      canaryRedactor(),
    );
    expect(line).not.toContain(CANARY);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ schema: 'gateway-doctor/session-error@1', findingId: 'credential-rejected', apiErrorStatus: 401, surface: 'cli' });
  });
});
