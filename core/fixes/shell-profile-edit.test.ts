import { describe, expect, it } from 'vitest';
import { commentOutLine, lineSetsVariable, renameExportOnLine } from './shell-profile-edit';

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
