import { describe, expect, it } from 'vitest';
import { findingHash, parseDeepLink, PROFILES_HASH, SIGN_IN_HASH, switchHash, viewHash } from './deep-link';
import { VIEW_IDS } from './views';

// What the tray and the notifications build, the dashboard must read back the same.
describe('deep links round-trip (build → parse)', () => {
  it('a view', () => {
    for (const view of VIEW_IDS) expect(parseDeepLink(`#${viewHash(view)}`)).toEqual({ view });
    expect(parseDeepLink(PROFILES_HASH)).toEqual({ view: 'profiles' });
  });
  it('a finding', () => {
    expect(parseDeepLink(`#${findingHash('credential-rejected')}`)).toEqual({ view: 'findings', findingId: 'credential-rejected' });
  });
  it('a switch to a gateway profile', () => {
    expect(parseDeepLink(`#${switchHash('gateway', 'corp-gw-2')}`)).toEqual({ view: 'profiles', switch: { target: 'gateway', profileId: 'corp-gw-2' } });
  });
  it('a switch to the claude.ai login', () => {
    expect(parseDeepLink(`#${switchHash('claude-login')}`)).toEqual({ view: 'profiles', switch: { target: 'claude-login' } });
  });
  it('the sign-in', () => {
    expect(parseDeepLink(`#${SIGN_IN_HASH}`)).toEqual({ view: 'profiles', signIn: true });
  });
});

describe('parseDeepLink', () => {
  it('keeps the hashes the tray has always sent', () => {
    expect(switchHash('gateway', 'corp-gw')).toBe('view=profiles&switch=gateway&profile=corp-gw');
    expect(switchHash('claude-login')).toBe('view=profiles&switch=claude-login');
    expect(SIGN_IN_HASH).toBe('view=profiles&signin=claudeai');
    expect(findingHash('tls-untrusted')).toBe('finding=tls-untrusted');
  });
  it('opens Findings at the finding a notification names', () => {
    expect(parseDeepLink('#finding=credential-rejected')).toEqual({ view: 'findings', findingId: 'credential-rejected' });
    expect(parseDeepLink('#view=models')).toEqual({ view: 'models' });
  });
  it('reads the tray menu switch requests', () => {
    expect(parseDeepLink('#view=profiles&switch=gateway&profile=corp-gw')).toEqual({ view: 'profiles', switch: { target: 'gateway', profileId: 'corp-gw' } });
    expect(parseDeepLink('#view=profiles&switch=claude-login')).toEqual({ view: 'profiles', switch: { target: 'claude-login' } });
    expect(parseDeepLink('#view=profiles&signin=claudeai')).toEqual({ view: 'profiles', signIn: true });
    expect(parseDeepLink('#view=health&signin=claudeai')).toEqual({ view: 'health' });
  });
  it('lands on the profiles view when the switch request is malformed', () => {
    expect(parseDeepLink('#view=profiles&switch=gateway')).toEqual({ view: 'profiles' });
    expect(parseDeepLink('#view=profiles&switch=gateway&profile=../x')).toEqual({ view: 'profiles' });
    expect(parseDeepLink('#view=profiles&switch=bedrock')).toEqual({ view: 'profiles' });
    expect(parseDeepLink('#view=health&switch=claude-login')).toEqual({ view: 'health' });
  });
  it('ignores anything else', () => {
    expect(parseDeepLink('')).toBeNull();
    expect(parseDeepLink('#finding=<script>')).toBeNull();
    expect(parseDeepLink('#view=admin')).toBeNull();
    expect(parseDeepLink(`#${findingHash('<script>')}`)).toBeNull();
  });
});
