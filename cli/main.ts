/**
 * `gateway-doctor` entry point: dispatches to one module per command, loaded
 * lazily so `status` does not pay for `serve`'s HTTP server.
 */
import { Redactor } from '../core/util/secret';
import { EXIT, UsageError, type CliIo, type CommandHandler } from './io';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: CommandHandler }> }> = {
  status: { summary: 'Show what Claude Code will use, and where each value comes from', load: () => import('./commands/status') },
  check: { summary: 'Resolve and probe the gateway; print the verdict, timings and findings', load: () => import('./commands/check') },
  explain: { summary: 'Name the finding that matches an error Claude Code printed', load: () => import('./commands/explain') },
  watch: { summary: 'Watch settings and probe on a timer; one JSON line per state change', load: () => import('./commands/watch') },
  fix: { summary: 'Preview (--dry-run) or apply (--yes) the fix for a finding', load: () => import('./commands/fix') },
  undo: { summary: 'Undo the last change Gateway Doctor made, restoring the exact bytes', load: () => import('./commands/undo') },
  use: { summary: 'Switch: `use gateway <profile>` or `use claude-login`', load: () => import('./commands/use') },
  profiles: { summary: 'List, add or remove gateway profiles', load: () => import('./commands/profiles') },
  login: { summary: 'Sign Claude Code in to claude.ai (drives `claude auth login`)', load: () => import('./commands/login') },
  logout: { summary: 'Sign Claude Code out of claude.ai (`claude auth logout`)', load: () => import('./commands/logout') },
  serve: { summary: 'Serve the dashboard in a browser on 127.0.0.1', load: () => import('./commands/serve') },
};

function usage(): string {
  const lines = ['Usage: gateway-doctor <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `gateway-doctor <command> --help` for a command\'s options.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: Omit<CliIo, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`gateway-doctor: unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const { default: run } = await command.load();
    return await run({ ...io, argv: rest });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`gateway-doctor ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // Never a stack trace: say what failed in words.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`gateway-doctor ${name}: ${message}\n`);
    return EXIT.problem;
  }
}

const isEntryPoint = !process.env.VITEST;
if (isEntryPoint) {
  const redactor = new Redactor();
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
  const code = await main(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    out: (text) => process.stdout.write(redactor.scrub(text)),
    err: (text) => process.stderr.write(redactor.scrub(text)),
    redactor,
    signal: controller.signal,
  });
  process.exitCode = code;
}
