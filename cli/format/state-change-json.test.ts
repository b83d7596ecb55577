import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../core/diagnosis/make-finding';
import { Redactor } from '../../core/util/secret';
import { formatStateChangeJson } from './state-change-json';

describe('formatStateChangeJson', () => {
  it('formats a state change as one secret-free JSON line', () => {
    const canary = 'sk-canary-7f3a9c1e5b2d4068';
    const redactor = new Redactor();
    redactor.add(canary);
    const line = formatStateChangeJson(
      {
        at: '2025-01-15T00:00:00.000Z',
        from: 'healthy',
        to: 'down',
        cause: makeFinding('credential-rejected', { detail: `The gateway said: invalid key ${canary}\nsecond line` }),
        notify: { kind: 'down', at: '2025-01-15T00:00:00.000Z', title: 'Gateway down', body: 'x', findingId: 'credential-rejected' },
      },
      redactor,
    );
    expect(line).not.toContain(canary);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ schema: 'gateway-doctor/state-change@1', from: 'healthy', to: 'down', cause: { id: 'credential-rejected' }, notify: { kind: 'down' } });
    expect(parsed.cause.detail).toContain('••••4068');
  });
});
