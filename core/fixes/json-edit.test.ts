import { describe, expect, it } from 'vitest';
import { detectFormatting, newSettingsText, objectKeys, parseForEdit, removeJsonValue, setJsonValue } from './json-edit';

describe('json-edit', () => {
  it('adds an env entry without touching other bytes (4-space indent, CRLF, unknown keys kept)', () => {
    const text = '{\r\n    "model": "opus",\r\n    "env": {\r\n        "FOO": "1"\r\n    },\r\n    "zzUnknown": [1, 2]\r\n}\r\n';
    const out = setJsonValue(text, 'f.json', 'json', ['env', 'BAR'], '2');
    expect(out).toBe('{\r\n    "model": "opus",\r\n    "env": {\r\n        "FOO": "1",\r\n        "BAR": "2"\r\n    },\r\n    "zzUnknown": [1, 2]\r\n}\r\n');
    expect(removeJsonValue(out, 'f.json', 'json', ['env', 'BAR'])).toBe(text);
  });

  it('keeps every comment in a JSONC file', () => {
    const text = '// user settings\n{\n\t// font\n\t"editor.fontSize": 14, /* inline */\n\t"files.trimTrailingWhitespace": true,\n}\n';
    const out = setJsonValue(text, 'vs.json', 'jsonc', ['claudeCode.disableLoginPrompt'], true);
    for (const c of ['// user settings', '// font', '/* inline */']) expect(out).toContain(c);
    expect(out).toContain('\t"claudeCode.disableLoginPrompt": true');
  });

  it('inserts at a remembered index', () => {
    const text = '{\n  "env": {\n    "A": "1",\n    "C": "3"\n  }\n}\n';
    expect(setJsonValue(text, 'f', 'json', ['env', 'B'], '2', { insertAt: 1 })).toBe('{\n  "env": {\n    "A": "1",\n    "B": "2",\n    "C": "3"\n  }\n}\n');
    expect(objectKeys(text, 'f', 'json', ['env'])).toEqual(['A', 'C']);
  });

  it('refuses invalid JSON naming the file and line, and comments in strict settings', () => {
    expect(() => parseForEdit('{\n  "env": {\n    "A": 1,,\n  }\n}', '/x/settings.json', 'json')).toThrow(/\/x\/settings\.json is not valid JSON \(line 3/);
    expect(() => parseForEdit('{\n // c\n "a": 1\n}', '/x/settings.json', 'json')).toThrow(/line 2/);
    expect(() => parseForEdit('[1]', '/x/settings.json', 'json')).toThrow(/not hold a JSON object/);
    expect(parseForEdit('{\n // c\n "a": 1,\n}', 'vs', 'jsonc')).not.toBeNull();
  });

  it('refuses to descend into a non-object env', () => {
    expect(() => setJsonValue('{"env": "oops"}', '/s.json', 'json', ['env', 'A'], '1')).toThrow(/"env" is not an object/);
  });

  it('new files have the canonical shape and empty files are filled in', () => {
    expect(newSettingsText({ A: '1' })).toBe('{\n  "env": {\n    "A": "1"\n  }\n}\n');
    expect(setJsonValue('', 'f', 'json', ['env', 'A'], '1')).toBe('{\n  "env": {\n    "A": "1"\n  }\n}\n');
    expect(detectFormatting('{\n\t"a": 1\n}')).toMatchObject({ insertSpaces: false });
  });
});

describe('json-edit line-aware edits', () => {
  const commented = '{\n  "env": {\n    "A": "1", // about A\n    // about B\n    "B": "2",\n    "C": "3" // about C\n  }\n}\n';
  it('removing a key keeps every other line and comment', () => {
    expect(removeJsonValue(commented, 'f', 'jsonc', ['env', 'B'])).toBe('{\n  "env": {\n    "A": "1", // about A\n    // about B\n    "C": "3" // about C\n  }\n}\n');
    expect(removeJsonValue(commented, 'f', 'jsonc', ['env', 'C'])).toBe('{\n  "env": {\n    "A": "1", // about A\n    // about B\n    "B": "2"\n  }\n}\n');
  });
  it('appending does not steal the last key’s trailing comment', () => {
    expect(setJsonValue(commented, 'f', 'jsonc', ['env', 'D'], '4')).toBe('{\n  "env": {\n    "A": "1", // about A\n    // about B\n    "B": "2",\n    "C": "3", // about C\n    "D": "4"\n  }\n}\n');
  });
  it('one-line objects stay one line when a key is removed', () => {
    expect(removeJsonValue('{"env": {"A": "1", "B": "2"}}', 'f', 'json', ['env', 'A'])).toBe('{"env": {"B": "2"}}');
  });
});
