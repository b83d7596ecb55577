import { describe, expect, it } from 'vitest';
import { previewDiff } from './diff-preview';
import { CANARY } from '../testing/fixtures';

describe('previewDiff', () => {
  it('redacts credentials in both old and new text, even unknown ones found by name', () => {
    const before = `{\n  "env": {\n    "ANTHROPIC_API_KEY": "${CANARY}"\n  }\n}\n`;
    const after = `{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  }\n}\n`;
    const diff = previewDiff('/s.json', before, after);
    expect(diff).not.toContain(CANARY);
    expect(diff).toContain('-    "ANTHROPIC_API_KEY": "••••4068"');
    expect(diff).toContain('+    "ANTHROPIC_AUTH_TOKEN": "••••4068"');
  });

  it('redacts VS Code environmentVariables entries and shell exports', () => {
    const after = `{"claudeCode.environmentVariables": [{"name": "ANTHROPIC_AUTH_TOKEN", "value": "${CANARY}"}]}`;
    expect(previewDiff('/vs.json', null, after)).not.toContain(CANARY);
    const sh = `export ANTHROPIC_AUTH_TOKEN="${CANARY}"\n`;
    expect(previewDiff('/.zshrc', sh, `# disabled by Gateway Doctor: ${sh}`)).not.toContain(CANARY);
  });

  it('shows a created file against /dev/null', () => {
    expect(previewDiff('/new.json', null, '{}\n')).toContain('--- /dev/null');
  });
});
