/**
 * Builds the service for every CLI command from the process environment:
 * HOME decides every path, so a temp HOME is a sandbox. The service shares
 * the CLI's Redactor (whatever secret it learns is scrubbed from the
 * terminal too) and its abort signal (Ctrl-C ends a probe in flight).
 */
import { hostFromEnv } from '../core/host';
import { createGatewayDoctor, type GatewayDoctorService } from '../core/service';
import { createCommandRunner } from '../core/util/command-runner';
import type { Preferences } from '../core/types';
import type { CliIo } from './io';
import { openSignInUrl } from './open-sign-in-url';
import { createCliSecretStore } from './secret-store';

export interface CliServiceOptions {
  projectDir?: string | null;
  watch: boolean;
  preferenceOverrides?: Partial<Preferences>;
  /** Default: detect, unless GATEWAY_DOCTOR_SKIP_CLAUDE is set. */
  claude?: 'detect' | 'skip';
  /** Open sign-in URLs in the browser (false: only print them, `login --no-browser`). */
  openBrowser?: boolean;
}

export async function createCliService(io: CliIo, opts: CliServiceOptions): Promise<GatewayDoctorService> {
  const host = hostFromEnv(io.env);
  const runner = createCommandRunner();
  const service = await createGatewayDoctor({
    host,
    runner,
    secrets: createCliSecretStore(host, runner),
    claude: opts.claude ?? (io.env.GATEWAY_DOCTOR_SKIP_CLAUDE ? 'skip' : 'detect'),
    watch: opts.watch,
    redactor: io.redactor,
    signal: io.signal,
    // The project folder and flags apply to this run only; the tray app's saved preferences stay as they are.
    preferenceOverrides: { ...opts.preferenceOverrides, ...(opts.projectDir ? { activeProjectDir: opts.projectDir } : {}) },
    // A sign-in opens the URL Claude Code printed (and nothing else) in the default browser.
    openSignInUrl: opts.openBrowser === false ? undefined : (url) => openSignInUrl(url, io.env),
    // `use claude-login` previews keep Claude Code's own /login advice (`gateway-doctor login` is a command of its own).
    offerSignInInPreviews: false,
  });
  return service;
}

/**
 * One-shot commands (status, check, explain, fix, undo, logout): the
 * service without watcher or timers (no start()), so each call resolves and
 * probes for this run alone and writes no history; closed when `run` settles.
 * `claude`: status, check and fix report the installed Claude Code (as they
 * always have, whatever GATEWAY_DOCTOR_SKIP_CLAUDE says); explain and undo
 * need nothing from it and skip the detection; logout keeps the default.
 */
export async function withOneShotService<T>(
  io: CliIo,
  opts: Omit<CliServiceOptions, 'watch'>,
  run: (service: GatewayDoctorService) => Promise<T>,
): Promise<T> {
  const service = await createCliService(io, { ...opts, watch: false });
  try {
    return await run(service);
  } finally {
    await service.close();
  }
}
