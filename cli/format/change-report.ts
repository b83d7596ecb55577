/**
 * What fix, use and undo print. In text mode lines go straight to the
 * terminal; with --json the same run collects the plan and result and
 * prints one versioned object at the end (secret-free: plans carry redacted
 * diffs, results carry hashes), so scripts get the whole story in one parse.
 */
import type { ChangeRecord, ChangeResult, FixPlan } from '../../core/types';
import type { CliIo } from '../io';

export type ChangeSchema = 'gateway-doctor/fix@1' | 'gateway-doctor/use@1' | 'gateway-doctor/undo@1';

export interface ChangeReportJson {
  schema: ChangeSchema;
  plan: FixPlan | null;
  applied: boolean;
  result: ChangeResult | null;
  changes?: ChangeRecord[];
  /** Whether the finding is gone after the change (fix only; null when not checked). */
  verified: boolean | null;
  /** Human sentences printed in text mode, in order. */
  messages: string[];
}

export class ChangeReport {
  readonly json: ChangeReportJson;

  constructor(
    private readonly io: CliIo,
    schema: ChangeSchema,
    private readonly asJson: boolean,
  ) {
    this.json = { schema, plan: null, applied: false, result: null, verified: null, messages: [] };
  }

  /** A line for the user: printed now in text mode, kept in `messages` for --json. */
  say(text: string): void {
    if (this.asJson) this.json.messages.push(text.trim());
    else this.io.out(text);
  }

  /** A problem: stderr in text mode, kept in `messages` for --json. */
  warn(text: string): void {
    if (this.asJson) this.json.messages.push(text.trim());
    else this.io.err(text);
  }

  /** Prints the JSON object (no-op in text mode) and passes the exit code through. */
  finish(code: number): number {
    if (this.asJson) this.io.out(`${JSON.stringify(this.json, null, 2)}\n`);
    return code;
  }
}
