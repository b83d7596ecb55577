import { describe, expect, it } from 'vitest';
import { atLeast, compareVersions, parseVersion } from './version';

describe('version gates', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('2.1.197', '2.1.198')).toBeLessThan(0);
    expect(compareVersions('2.1.1000', '2.1.999')).toBeGreaterThan(0);
    expect(compareVersions('2.1.196 (Claude Code)', '2.1.196')).toBe(0);
    expect(compareVersions('3.0.0', '2.9.9')).toBeGreaterThan(0);
  });
  it('atLeast is inclusive', () => {
    expect(atLeast('2.1.196', '2.1.196')).toBe(true);
    expect(atLeast('2.1.195', '2.1.196')).toBe(false);
  });
  it('parses claude --version output', () => {
    expect(parseVersion('2.1.197 (Claude Code)\n')).toBe('2.1.197');
    expect(parseVersion('command not found')).toBeNull();
  });
});
