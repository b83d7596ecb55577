/**
 * `gateway-doctor explain "<error text>" [--json]`, or `explain -` to read the
 * text from stdin: names the finding behind an error Claude Code printed.
 * Exit 0 when a finding matched, 1 when none did, 2 on usage errors.
 */
import { EXPLAIN_MAX_INPUT_CHARS } from '../../core/diagnosis/explain';
import { formatExplainText } from '../format/explain-text';
import { jsonOrText } from '../format/json-or-text';
import { withOneShotService } from '../create-service';
import { readFlags, type FlagSpec } from '../parse-flags';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor explain "<error text>" [--json]
       <command> 2>&1 | gateway-doctor explain - [--json]

Names the Gateway Doctor finding that matches an error Claude Code printed,
with the cause and the fix. Exit codes: 0 matched, 1 no match, 2 usage error.
`;

/** Reads at most `maxChars` of stdin, then stops; ends early when `signal` aborts. */
export async function readStdinBounded(maxChars: number, signal: AbortSignal, stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  const iterator = stream[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    while (text.length < maxChars) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || next.done) break;
      const chunk: unknown = next.value;
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    }
  } finally {
    // Not awaited: a read still pending after an abort would keep it waiting.
    iterator.return?.()?.catch(() => undefined);
  }
  return text.slice(0, maxChars);
}

export interface ExplainDeps {
  readStdin: (maxChars: number, signal: AbortSignal) => Promise<string>;
}

const FLAGS: Record<string, FlagSpec> = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } };

/** The command, with stdin injectable for tests. */
export async function runExplain(io: CliIo, deps: ExplainDeps = { readStdin: (max, signal) => readStdinBounded(max, signal) }): Promise<number> {
  let json = false;
  const words: string[] = [];
  let fromStdin = false;
  let afterDashes = false;
  for (const t of readFlags(io.argv, FLAGS)) {
    if (t.kind === 'flag' && t.name === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    } else if (t.kind === 'flag') json = true;
    else if (t.kind === 'unknown' && t.raw === '--' && !afterDashes) afterDashes = true;
    else if (t.kind === 'positional' && t.value === '-' && !afterDashes) fromStdin = true;
    // Error text may hold words that start with one dash ("-5", "-x"); two dashes mean an option.
    else if (t.kind === 'unknown' && t.raw.startsWith('--')) throw new UsageError(`unknown option "${t.raw}".\n\n${USAGE}`);
    else words.push(t.kind === 'unknown' ? t.raw : t.value);
  }
  if (fromStdin && words.length > 0) throw new UsageError(`give the error text as an argument or "-" for stdin, not both.\n\n${USAGE}`);

  const text = fromStdin ? await deps.readStdin(EXPLAIN_MAX_INPUT_CHARS, io.signal) : words.join(' ');
  if (text.trim() === '') throw new UsageError(`no error text given${fromStdin ? ' on stdin' : ''}.\n\n${USAGE}`);

  // Through the contract, like every command: the service also teaches the
  // output's Redactor the configured secrets, so a pasted credential the text
  // patterns miss (a custom header's value) is scrubbed too.
  const result = await withOneShotService(io, { projectDir: io.cwd, claude: 'skip' }, (service) => service.explainError({ text }));
  io.out(jsonOrText(json, result, () => formatExplainText(result)));
  return result.matched ? EXIT.ok : EXIT.problem;
}

export default async function run(io: CliIo): Promise<number> {
  return runExplain(io);
}
