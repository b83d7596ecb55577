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

/** Takes the value after a flag, or throws a usage error naming it. */
export function flagValue(argv: string[], i: number, flag: string, example: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example}`);
  return value;
}
