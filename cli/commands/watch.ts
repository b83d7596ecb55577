/**
 * `gateway-doctor watch [--json] [--project DIR] [--interval SEC]`: runs the
 * monitor in the foreground and prints one line per state change until
 * interrupted. With --json each line is a StateChangeEvent (secret-free).
 */
import { createCliService } from '../create-service';
import { parseFlags } from '../parse-flags';
import { projectFolder } from '../project-folder';
import { EXIT, UsageError, type CliIo } from '../io';
import { formatStateChangeJson } from '../format/state-change-json';
import { formatSessionErrorJson } from '../format/session-error-json';
import { formatSessionErrorText, formatStateChangeText } from '../format/watch-text';

const HELP = `Usage: gateway-doctor watch [--json] [--project DIR] [--interval SEC]

Watches every settings file Claude Code reads and probes the gateway on a timer.
Prints one line per state change (healthy, degraded, down, offline, unconfigured),
and one per API error a real Claude Code session records in its session logs.
  --json          one JSON object per line
  --project DIR   project folder whose .claude settings apply (default: current folder)
  --interval SEC  liveness interval, 10..600 seconds (default: the saved preference, 30)
`;

/**
 * Waits for SIGINT/SIGTERM. The monitor's timers are unref'd (they must never
 * keep a one-shot command alive), so this wait holds the event loop open
 * itself; without it Node sees nothing left to do and exits with code 13
 * ("unsettled top-level await") right after the first state line.
 */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((done) => {
    if (signal.aborted) return done();
    const keepAlive = setInterval(() => undefined, 2 ** 30);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(keepAlive);
        done();
      },
      { once: true },
    );
  });
}

export default async function run(io: CliIo): Promise<number> {
  const values = parseFlags(io.argv, { json: { type: 'boolean' }, project: { type: 'string' }, interval: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  let interval: number | undefined;
  if (values.interval !== undefined) {
    interval = Number(values.interval);
    if (!Number.isInteger(interval) || interval < 10 || interval > 600) throw new UsageError(`--interval must be a whole number of seconds from 10 to 600, not "${values.interval}".`);
  }

  const service = await createCliService(io, {
    projectDir: projectFolder(io, values.project),
    watch: true,
    preferenceOverrides: interval !== undefined ? { livenessIntervalSec: interval } : undefined,
  });
  try {
    service.on('stateChange', (event) => {
      io.out(values.json ? formatStateChangeJson(event, service.redactor) + '\n' : formatStateChangeText(event));
    });
    service.on('sessionError', (error) => {
      io.out(values.json ? formatSessionErrorJson(error, service.redactor) + '\n' : service.redactor.scrub(formatSessionErrorText(error)));
    });
    await service.start();
    if (!values.json) io.out('Watching. Press Ctrl+C to stop.\n');
    await untilAborted(io.signal);
  } finally {
    await service.close();
  }
  return EXIT.ok;
}
