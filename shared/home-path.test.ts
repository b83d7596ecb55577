import { describe, expect, it } from 'vitest';
import { homeRelative, homeRelativeText } from './home-path';

describe('homeRelative', () => {
  it('shows paths under the home folder as ~/…', () => {
    expect(homeRelative('/home/ana/.claude/settings.json', '/home/ana')).toBe('~/.claude/settings.json');
    expect(homeRelative('/home/ana/.claude/settings.json', '/home/ana/')).toBe('~/.claude/settings.json');
    expect(homeRelative('/home/ana', '/home/ana')).toBe('~');
    expect(homeRelative('C:\\Users\\ana\\.claude\\settings.json', 'C:\\Users\\ana')).toBe('~\\.claude\\settings.json');
  });

  it('leaves other paths alone, including a sibling whose name starts like the home folder', () => {
    expect(homeRelative('/home/anabel/.claude/settings.json', '/home/ana')).toBe('/home/anabel/.claude/settings.json');
    expect(homeRelative('/etc/claude-code/managed-settings.json', '/home/ana')).toBe('/etc/claude-code/managed-settings.json');
    expect(homeRelative('/home/ana/x', '')).toBe('/home/ana/x');
    expect(homeRelative('/x/y', '/')).toBe('/x/y');
    expect(homeRelative('/home/ana/x', undefined)).toBe('/home/ana/x');
  });
});

describe('homeRelativeText', () => {
  const home = '/tmp/gd-x/home';
  it('rewrites every home path in a text, at path boundaries only', () => {
    const text = [
      `  Model  claude  ← ${home}/.claude/settings.json:4`,
      `Project: ${home}/code/repo`,
      `| user | ${home}/.claude.json | loaded |`,
      `"${home}/.claude/settings.local.json" changed (see ${home}/.claude).`,
      `HOME=${home}`,
    ].join('\n');
    expect(homeRelativeText(text, home)).toBe(
      [
        '  Model  claude  ← ~/.claude/settings.json:4',
        'Project: ~/code/repo',
        '| user | ~/.claude.json | loaded |',
        '"~/.claude/settings.local.json" changed (see ~/.claude).',
        'HOME=~',
      ].join('\n'),
    );
  });

  it('does not touch a longer name, a path that merely contains the home folder, or URLs', () => {
    const text = `${home}2/x /opt${home}/y https://host${home}/z`;
    expect(homeRelativeText(text, home)).toBe(text);
  });
});
