import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from './types';
import { validateApiArgs } from './validation';

const profile = { name: 'Corp', baseUrl: 'https://gw.example', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic' };

describe('validateApiArgs', () => {
  it('refuses a profile the store would refuse, naming the field (the profile schema is shared)', () => {
    expect(validateApiArgs('saveProfile', { ...profile, baseUrl: 'not a url' })).toEqual({
      ok: false,
      message: 'Invalid baseUrl for saveProfile: base URL must be an http:// or https:// URL without a user name or password.',
    });
    expect(validateApiArgs('saveProfile', { ...profile, id: 'Not An Id' })).toMatchObject({ ok: false, message: expect.stringContaining('Invalid id for saveProfile') });
  });

  it('accepts the redacted placeholder an edit form sends back for a stored header value', () => {
    expect(validateApiArgs('saveProfile', { ...profile, id: 'corp', customHeaders: 'X-Api-Key: ••••4068\nX-Team: blue' })).toMatchObject({ ok: true });
  });

  it('accepts every provider route and no other', () => {
    for (const provider of PROVIDER_IDS) expect(validateApiArgs('saveProfile', { ...profile, provider })).toMatchObject({ ok: true });
    expect(validateApiArgs('saveProfile', { ...profile, provider: 'azure' })).toMatchObject({ ok: false, message: expect.stringContaining('provider') });
  });

  it('holds preferences to the bounds of the preferences file (one schema)', () => {
    expect(validateApiArgs('setPreferences', { livenessIntervalSec: 5 })).toMatchObject({ ok: false, message: expect.stringContaining('livenessIntervalSec') });
    expect(validateApiArgs('setPreferences', { livenessIntervalSec: 10, notifications: { enabled: true, onDown: true, onRecovery: false } })).toMatchObject({ ok: true });
    expect(validateApiArgs('setPreferences', { colour: 'red' })).toMatchObject({ ok: false, message: expect.stringContaining('unknown field(s) colour') });
  });
});
