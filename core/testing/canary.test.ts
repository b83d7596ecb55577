import { describe, expect, it } from 'vitest';
import { CANARY, leakedFragments } from './canary';

describe('leakedFragments', () => {
  it('finds the whole secret and any run of 8 of its characters, and nothing else', () => {
    expect(leakedFragments(`token=${CANARY}`, CANARY)).toContain(CANARY.slice(0, 8));
    expect(leakedFragments('Bearer ••••4068, a tail of 4 is allowed', CANARY)).toEqual([]);
    expect(leakedFragments('…c1e5b2d4…', CANARY)).toEqual(['c1e5b2d4']);
  });
});
