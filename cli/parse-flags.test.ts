import { describe, expect, it } from 'vitest';
import { UsageError } from './io';
import { parseFlags, readFlags, type FlagSpec } from './parse-flags';

const FLAGS: Record<string, FlagSpec> = {
  yes: { type: 'boolean', short: 'y' },
  project: { type: 'string', example: '~/code/my-repo' },
  timeout: { type: 'string', inline: true, missing: '--timeout needs milliseconds.' },
};

describe('readFlags', () => {
  it('gives flags, values and positionals in the order typed', () => {
    expect([...readFlags(['fix-me', '-y', '--project', '/p', '--timeout=5', 'more'], FLAGS)]).toEqual([
      { kind: 'positional', value: 'fix-me' },
      { kind: 'flag', name: 'yes', value: undefined, inline: false },
      { kind: 'flag', name: 'project', value: '/p', inline: false },
      { kind: 'flag', name: 'timeout', value: '5', inline: true },
      { kind: 'positional', value: 'more' },
    ]);
  });

  it('reports what it does not know exactly as typed, once per argument', () => {
    const raws = [...readFlags(['--bogus', '-yh', '--project=/p', '--yes=1', '-x', '--'], FLAGS)].map((t) => (t.kind === 'unknown' ? t.raw : t.kind));
    expect(raws).toEqual(['--bogus', '-yh', '--project=/p', '--yes=1', '-x', '--']);
  });

  it('a missing value is a usage error naming the flag, raised where the reader reaches it', () => {
    const tokens = readFlags(['--bogus', '--project', '--yes'], FLAGS);
    expect(tokens.next().value).toEqual({ kind: 'unknown', raw: '--bogus' });
    expect(() => tokens.next()).toThrow(new UsageError('--project needs a value, e.g. --project ~/code/my-repo'));
    expect(() => [...readFlags(['--timeout'], FLAGS)]).toThrow('--timeout needs milliseconds.');
    // One dash is a value (a path, a finding text), two dashes are the next flag.
    expect([...readFlags(['--project', '-dir'], FLAGS)]).toEqual([{ kind: 'flag', name: 'project', value: '-dir', inline: false }]);
  });
});

describe('parseFlags', () => {
  it("turns parseArgs' strict errors into usage errors", () => {
    expect(parseFlags(['--json'], { json: { type: 'boolean' } })).toEqual({ json: true });
    expect(() => parseFlags(['--nope'], { json: { type: 'boolean' } })).toThrow(UsageError);
  });
});
