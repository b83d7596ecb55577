import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../core/diagnosis/make-finding';
import { CANARY, canaryRedactor } from '../../core/testing/fixtures';
import { formatStateChangeJson } from './state-change-json';

describe('formatStateChangeJson', () => {
  it('formats a state change as one secret-free JSON line', () => {
    const line = formatStateChangeJson(
      {
        at: '2025-01-15T00:00:00.000Z',
        from: 'healthy',
        to: 'down',
        cause: makeFinding('credential-rejected', { detail: `The gateway said: invalid key ${CANARY}\nsecond line` }),
        notify: { kind: 'down', at: '2025-01-15T00:00:00.000Z', title: 'Gateway down', body: 'x', findingId: 'credential-rejected' },
      },
      canaryRedactor(),
    );
    expect(line).not.toContain(CANARY);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ schema: 'gateway-doctor/state-change@1', from: 'healthy', to: 'down', cause: { id: 'credential-rejected' }, notify: { kind: 'down' } });
    expect(parsed.cause.detail).toContain('••••4068');
  });
});
