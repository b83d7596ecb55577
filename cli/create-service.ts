/**
 * Builds the service for long-running CLI commands (watch, serve) from the
 * process environment: HOME decides every path, so a temp HOME is a sandbox.
 */
import { hostFromEnv } from '../core/host';
import { createGatewayDoctor, type GatewayDoctorService } from '../core/service';
import { createCommandRunner } from '../core/util/command-runner';
import type { Preferences } from '../core/types';
import type { CliIo } from './io';
import { openSignInUrl } from './open-sign-in-url';
import { createCliSecretStore } from './secret-store';

export async function createCliService(
  io: CliIo,
  opts: { projectDir?: string | null; watch: boolean; preferenceOverrides?: Partial<Preferences>; openBrowser?: boolean },
): Promise<GatewayDoctorService> {
  const host = hostFromEnv(io.env);
  const runner = createCommandRunner();
  const service = await createGatewayDoctor({
    host,
    runner,
    secrets: createCliSecretStore(host, runner),
    claude: io.env.GATEWAY_DOCTOR_SKIP_CLAUDE ? 'skip' : 'detect',
    watch: opts.watch,
    // The project folder and flags apply to this run only; the tray app's saved preferences stay as they are.
    preferenceOverrides: { ...opts.preferenceOverrides, ...(opts.projectDir ? { activeProjectDir: opts.projectDir } : {}) },
    // A sign-in opens the URL Claude Code printed (and nothing else) in the default browser.
    openSignInUrl: opts.openBrowser === false ? undefined : (url) => openSignInUrl(url, io.env),
  });
  return service;
}
