import { describe, expect, it } from 'vitest';
import { parseForEdit } from '../../fixes/json-edit';
import { jsonLimitExceeded, MAX_JSON_DEPTH, parseJsonDocument } from './json-document';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('jsonLimitExceeded (the cheap scan before jsonc-parser)', () => {
  it('accepts MAX_JSON_DEPTH levels and refuses one more, with the position', () => {
    expect(jsonLimitExceeded(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonLimitExceeded(`{\n  "a": ${nested(MAX_JSON_DEPTH)}\n}`)).toMatchObject({ kind: 'depth', line: 2, column: MAX_JSON_DEPTH - 1 + 8, reason: `nested more than ${MAX_JSON_DEPTH} levels deep`, message: `it is nested more than ${MAX_JSON_DEPTH} levels deep` });
  });

  it('does not count brackets inside strings (escaped quotes included) or comments', () => {
    const inString = `{"a": "${'['.repeat(500)}\\"${'{'.repeat(500)}"}`;
    expect(jsonLimitExceeded(inString)).toBeNull();
    expect(jsonLimitExceeded(`// ${'['.repeat(500)}\n/* ${'{'.repeat(500)} */ {}`)).toBeNull();
  });
});

describe('parseJsonDocument on 10,000 levels (20 KB)', () => {
  it('returns an error instead of overflowing the stack, in both dialects', () => {
    for (const strict of [true, false]) {
      const doc = parseJsonDocument(nested(10_000), { strict });
      expect(doc.value).toBeUndefined();
      expect(doc.limit?.kind).toBe('depth');
      expect(doc.errors[0].message).toContain(`more than ${MAX_JSON_DEPTH} levels deep`);
    }
  });

  it('the fix engine refuses to edit such a file, naming it', () => {
    expect(() => parseForEdit(`{"a": ${nested(10_000)}}`, '/x/settings.json', 'json')).toThrow(/\/x\/settings.json is nested more than 128 levels deep/);
  });
});
