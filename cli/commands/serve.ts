/**
 * `gateway-doctor serve [--port N] [--open] [--project DIR]`: the dashboard
 * in a browser, for machines without a tray (WSL, remote desktops) and for
 * development and end-to-end tests. Same renderer, same contract, over HTTP
 * and server-sent events on 127.0.0.1 with a per-run token (sent in a
 * header by the page; see cli/http-bridge/server.ts for what it trusts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCliService } from '../create-service';
import { systemOpener } from '../open-sign-in-url';
import { startHttpBridge } from '../http-bridge/server';
import { parseFlags } from '../parse-flags';
import { projectFolder } from '../project-folder';
import { EXIT, UsageError, type CliIo } from '../io';

const HELP = `Usage: gateway-doctor serve [--port N] [--open] [--project DIR]

Serves the dashboard on http://127.0.0.1 and prints its URL (with this run's token).
  --port N        port to listen on (default: a free port)
  --open          open the dashboard in the default browser (with a one-time code,
                  so the token never appears on a command line)
  --project DIR   project folder whose .claude settings apply (default: current folder)
`;

/** The built renderer: next to the package root whether run from source or from dist/cli. */
export function findRendererDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.GATEWAY_DOCTOR_RENDERER_DIR) return resolve(env.GATEWAY_DOCTOR_RENDERER_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('out', 'renderer');
}

/** Opens the URL in the default browser; failing to do so is not an error (the URL is printed). */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const [command, args] = systemOpener(url, platform);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env: { ...env } });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener here: the printed URL is enough.
  }
}

export default async function run(io: CliIo): Promise<number> {
  const values = parseFlags(io.argv, { port: { type: 'string' }, open: { type: 'boolean' }, project: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const staticDir = findRendererDir(io.env);
  if (!existsSync(join(staticDir, 'index.html'))) {
    io.err(`gateway-doctor serve: the dashboard is not built (${join(staticDir, 'index.html')} is missing). Run \`npm run build:app\` first.\n`);
    return EXIT.problem;
  }

  const service = await createCliService(io, { projectDir: projectFolder(io, values.project), watch: true });
  let bridge;
  try {
    await service.start();
    try {
      bridge = await startHttpBridge({ client: service, redactor: service.redactor, staticDir, port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.err(`gateway-doctor serve: cannot listen on 127.0.0.1:${port}${code === 'EADDRINUSE' ? ' (the port is in use)' : ''}.\n`);
      return EXIT.problem;
    }
    // The token is the point of this line: print it as is (it is not a gateway credential).
    io.out(`Gateway Doctor dashboard: ${bridge.url}\nPress Ctrl+C to stop.\n`);
    // The opener's argument is visible to other local users (ps): a one-time code only, never the token.
    if (values.open) openInBrowser(bridge.oneTimeUrl(), process.platform, io.env);
    await new Promise<void>((done) => {
      if (io.signal.aborted) return done();
      io.signal.addEventListener('abort', () => done(), { once: true });
    });
    io.out('Stopping.\n');
    return EXIT.ok;
  } finally {
    await bridge?.close();
    await service.close();
  }
}
