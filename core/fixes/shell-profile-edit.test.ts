import { describe, expect, it } from 'vitest';
import { commentOutLine, exportLines, lineSetsVariable, renameExportOnLine, SWITCH_PREFIX, switchedOffLines, switchedOffValue, switchOffLines, switchOnLines } from './shell-profile-edit';

describe('shell-profile-edit', () => {
  const text = 'alias ll="ls -l"\r\nexport ANTHROPIC_BASE_URL=https://gw.example\r\nexport PATH=$PATH:/x\r\n';
  it('comments out exactly the given line, keeping CRLF', () => {
    expect(commentOutLine(text, '~/.zshrc', 2, 'ANTHROPIC_BASE_URL')).toBe('alias ll="ls -l"\r\n# disabled by Gateway Doctor: export ANTHROPIC_BASE_URL=https://gw.example\r\nexport PATH=$PATH:/x\r\n');
  });
  it('refuses when the line no longer sets the variable', () => {
    expect(() => commentOutLine(text, '~/.zshrc', 3, 'ANTHROPIC_BASE_URL')).toThrow(/Line 3 of ~\/.zshrc no longer sets ANTHROPIC_BASE_URL/);
    expect(() => commentOutLine(text, '~/.zshrc', 40, 'ANTHROPIC_BASE_URL')).toThrow(/no line 40/);
  });
  it('recognises fish and PowerShell forms, and renames an export', () => {
    expect(lineSetsVariable('set -gx ANTHROPIC_API_KEY abc', 'ANTHROPIC_API_KEY')).toBe(true);
    expect(lineSetsVariable('$env:ANTHROPIC_API_KEY = "abc"', 'ANTHROPIC_API_KEY')).toBe(true);
    expect(lineSetsVariable('echo ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY')).toBe(false);
    expect(renameExportOnLine('export ANTHROPIC_AUTH_TOKEN=x\n', 'f', 1, 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY')).toBe('export ANTHROPIC_API_KEY=x\n');
  });
});

describe('switching exports off and on', () => {
  const text = 'export EDITOR=vim\r\nexport ANTHROPIC_BASE_URL=https://gw\r\n# export ANTHROPIC_API_KEY=old\r\nexport ANTHROPIC_AUTH_TOKEN=abc \\\r\n  more\r\nset -gx ANTHROPIC_API_KEY k\r\n';
  it('finds live gateway exports (not comments), flags continued lines, and round-trips byte for byte', () => {
    const vars = ['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'];
    const lines = exportLines(text, vars);
    expect(lines).toEqual([
      { line: 2, variable: 'ANTHROPIC_BASE_URL', continues: false },
      { line: 4, variable: 'ANTHROPIC_AUTH_TOKEN', continues: true },
      { line: 6, variable: 'ANTHROPIC_API_KEY', continues: false },
    ]);
    const off = switchOffLines(text, [2, 6]);
    expect(off).toBe(text.replace('export ANTHROPIC_BASE_URL', `${SWITCH_PREFIX}export ANTHROPIC_BASE_URL`).replace('set -gx', `${SWITCH_PREFIX}set -gx`));
    expect(exportLines(off, vars).map((l) => l.line)).toEqual([4]);
    const switched = switchedOffLines(off, vars).map((l) => l.line);
    expect(switched).toEqual([2, 6]);
    expect(switchOnLines(off, switched)).toBe(text);
    // A line a fix disabled for another reason is not the switch's to turn on.
    expect(switchedOffLines('# disabled by Gateway Doctor: export ANTHROPIC_BASE_URL=x\n', vars)).toEqual([]);
  });

  it('reads the value a switched-off line exports', () => {
    const off = switchOffLines(`export ANTHROPIC_BASE_URL="https://a.example" # corp\nset -gx ANTHROPIC_BASE_URL 'https://b.example'\n$env:ANTHROPIC_BASE_URL = "https://c.example"\n`, [1, 2, 3]);
    expect([1, 2, 3].map((n) => switchedOffValue(off, n, 'ANTHROPIC_BASE_URL'))).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
  });
});
