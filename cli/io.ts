/**
 * What every CLI command receives. Commands write through `out`/`err`, which
 * pass every line through the Redactor: a secret that slips into a message
 * is scrubbed before it reaches the terminal.
 */
import type { Redactor } from '../core/util/secret';

export interface CliIo {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  redactor: Redactor;
  /** Aborted on SIGINT/SIGTERM, for long-running commands (watch, serve). */
  signal: AbortSignal;
}

export type CommandHandler = (io: CliIo) => Promise<number>;

/** Exit codes are public API. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
