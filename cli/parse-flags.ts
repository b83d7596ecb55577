/**
 * The CLI's one flag parser, on node:util parseArgs. Two ways in:
 * - parseFlags: strict parseArgs, its messages as usage errors (login,
 *   logout, serve, watch);
 * - readFlags: the same tokenizer, read in order, so each command reports
 *   the first bad argument in its own words (status, check, explain, fix,
 *   use, undo, profiles), and a flag given without its value says what it needs.
 * Every usage error exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

/** node:util parseArgs in strict mode, with its errors turned into usage errors (exit 2). */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** Also accept `--flag=value` (otherwise that spelling is an unknown argument). */
  inline?: boolean;
  /** Shown when the value is missing: "--flag needs a value, e.g. --flag <example>". */
  example?: string;
  /** The whole message when the value is missing, instead of the one built from `example`. */
  missing?: string;
}

export type FlagToken =
  | { kind: 'flag'; name: string; value: string | undefined; inline: boolean }
  | { kind: 'positional'; value: string }
  /** Anything not declared, exactly as typed (`--bogus`, `-yh`, `--json=1`, `--`). */
  | { kind: 'unknown'; raw: string };

/**
 * The arguments in order. A string flag takes the next argument as its
 * value unless that starts with `--`; a missing value throws a usage error
 * when the reader reaches it, so an earlier bad argument is reported first.
 */
export function* readFlags(argv: string[], specs: Record<string, FlagSpec>): Generator<FlagToken> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  let lastIndex = -1;
  for (const token of tokens) {
    // Grouped short flags (-yh) share one index: one unknown argument, as typed.
    if (token.index === lastIndex) continue;
    lastIndex = token.index;
    const raw = argv[token.index];
    if (token.kind === 'positional') {
      yield { kind: 'positional', value: token.value };
      continue;
    }
    if (token.kind === 'option-terminator') {
      yield { kind: 'unknown', raw };
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    const written = token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName;
    if (!spec || raw !== written || (token.inlineValue && !spec.inline)) {
      yield { kind: 'unknown', raw };
      continue;
    }
    if (spec.type === 'string' && !token.inlineValue && (token.value === undefined || token.value.startsWith('--'))) {
      throw new UsageError(spec.missing ?? `${token.rawName} needs a value, e.g. ${token.rawName} ${spec.example ?? '<value>'}`);
    }
    yield { kind: 'flag', name: token.name, value: token.value, inline: token.inlineValue === true };
  }
}
