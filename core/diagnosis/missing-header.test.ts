import { describe, expect, it } from 'vitest';
import { missingHeaderNames } from './missing-header';

describe('missingHeaderNames reads the header a gateway asks for out of its own words', () => {
  it.each([
    ['the X-Org-Route header is required', ['X-Org-Route']],
    ['Missing required header X-Org-Route', ['X-Org-Route']],
    ['missing header: x-team-id', ['x-team-id']],
    ["header 'X-Cost-Center' is required", ['X-Cost-Center']],
    ['Required header x-tenant not found', ['x-tenant']],
    ['either x-portkey-config or x-portkey-provider header is required', ['x-portkey-config', 'x-portkey-provider']],
    ['Either the "X-Route" or the "X-Deployment" header must be set', ['X-Route', 'X-Deployment']],
  ])('%s → %j', (message, expected) => {
    expect(missingHeaderNames(message)).toEqual(expected);
  });

  it.each([
    'the header is required',
    'x-api-key header is required',
    'anthropic-version header is required',
    'context_management: Extra inputs are not permitted',
    'model: claude-sonnet-4-6 is not served by this gateway',
  ])('names nothing for %j', (message) => {
    expect(missingHeaderNames(message)).toEqual([]);
  });
});
