import { describe, expect, it } from 'vitest';
import { claudeInstallText } from './claude-install';

const base = { authStatus: null, behaviourVersion: '2.1.240' };

describe('claudeInstallText', () => {
  it('says where claude was found', () => {
    expect(claudeInstallText({ ...base, installed: true, version: '2.1.197', location: { path: '/home/u/.local/bin/claude', foundBy: 'install-location', where: 'native installer (~/.local/bin)' } })).toEqual({
      text: "Claude Code 2.1.197, found in native installer (~/.local/bin) (not on the app's PATH):",
      path: '/home/u/.local/bin/claude',
    });
    expect(claudeInstallText({ ...base, installed: true, version: '2.1.197', location: { path: '/usr/bin/claude', foundBy: 'path', where: 'PATH' } }).text).toBe('Claude Code 2.1.197, found on the PATH:');
  });

  it('tells "not found" from "not checked"', () => {
    expect(claudeInstallText({ ...base, installed: false, version: null, location: null }).text).toMatch(/not found on the PATH nor in its usual install folders/);
    expect(claudeInstallText({ ...base, installed: false, version: null }).text).toMatch(/not checked/);
  });
});
