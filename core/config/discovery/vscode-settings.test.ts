import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVsCodeSettings, readVsCodeSettings } from './vscode-settings';
import { CANARY, makeTempDir } from '../../testing/fixtures';
import { writeTree } from './test-support';

const JSONC = [
  '{',
  '  // editor',
  '  "editor.fontSize": 14,',
  '  /* Claude */',
  '  "claudeCode.environmentVariables": [',
  '    { "name": "ANTHROPIC_BASE_URL", "value": "https://gw.example" },',
  `    { "name": "ANTHROPIC_AUTH_TOKEN", "value": "${CANARY}" },`,
  '    { "name": "BROKEN" },',
  '  ],',
  '  "claudeCode.disableLoginPrompt": true,',
  '}',
].join('\n');

describe('parseVsCodeSettings', () => {
  it('accepts comments and trailing commas and extracts claudeCode.* with lines', () => {
    const parsed = parseVsCodeSettings(JSONC, 'Code', '/u/settings.json');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.disableLoginPrompt).toBe(true);
    expect(Object.keys(parsed.environmentVariables)).toEqual(['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN']);
    expect(parsed.environmentVariables.ANTHROPIC_BASE_URL).toEqual({ value: 'https://gw.example', source: { kind: 'vscode-settings', path: '/u/settings.json', line: 6 } });
    expect(parsed.environmentVariables.ANTHROPIC_AUTH_TOKEN.source.line).toBe(7);
  });

  it('reads the nested form too', () => {
    const parsed = parseVsCodeSettings('{"claudeCode": {"environmentVariables": [{"name": "A", "value": "1"}], "disableLoginPrompt": false}}', 'Cursor', '/p');
    expect(parsed.environmentVariables.A.value).toBe('1');
    expect(parsed.disableLoginPrompt).toBe(false);
  });

  it('reports syntax errors but keeps what VS Code could read, never quoting content', () => {
    const parsed = parseVsCodeSettings(`{\n "claudeCode.disableLoginPrompt": true,\n "x": ${CANARY}\n}`, 'Code', '/p');
    expect(parsed.disableLoginPrompt).toBe(true);
    expect(parsed.problem).toContain('line 3');
    expect(parsed.problem).not.toContain(CANARY);
  });

  it('is null/empty when the settings are absent or of the wrong type', () => {
    const parsed = parseVsCodeSettings('{"claudeCode.environmentVariables": {"A": "1"}, "claudeCode.disableLoginPrompt": "yes"}', 'Code', '/p');
    expect(parsed.environmentVariables).toEqual({});
    expect(parsed.disableLoginPrompt).toBeNull();
  });
});

describe('readVsCodeSettings', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => cleanup());

  it('reads the user settings and every profile, listing only existing files as settings', async () => {
    await writeTree(dir, {
      'Code/User/settings.json': JSONC,
      'Code/User/profiles/1a2b3c/settings.json': '{"claudeCode.environmentVariables": [{"name": "ANTHROPIC_MODEL", "value": "opus"}]}',
      'Code/User/profiles/empty/keybindings.json': '[]',
    });
    const { settings, files } = await readVsCodeSettings([
      { product: 'Code', userDir: join(dir, 'Code', 'User') },
      { product: 'Cursor', userDir: join(dir, 'Cursor', 'User') },
    ]);
    expect(settings.map((s) => s.product)).toEqual(['Code', 'Code (profile 1a2b3c)']);
    expect(settings[1].environmentVariables.ANTHROPIC_MODEL.source).toEqual({ kind: 'vscode-settings', path: join(dir, 'Code', 'User', 'profiles', '1a2b3c', 'settings.json'), line: 1 });
    expect(files.map((f) => [f.path.slice(dir.length), f.state])).toEqual([
      [join('/Code', 'User', 'settings.json'), 'loaded'],
      [join('/Code', 'User', 'profiles', '1a2b3c', 'settings.json'), 'loaded'],
      [join('/Cursor', 'User', 'settings.json'), 'missing'],
    ]);
  });
});
