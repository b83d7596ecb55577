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
