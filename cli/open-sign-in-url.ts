/**
 * Opens a sign-in URL Claude Code printed in the default browser, from the
 * CLI and `serve`. Only https URLs on the sign-in hosts (core/login
 * isSignInUrl) are opened. BROWSER, when set, names the browser command (the
 * usual convention; tests point it at a recorder).
 */
import { spawn } from 'node:child_process';
import { isSignInUrl } from '../core/login';

/** How long to wait for the opener to report failure before assuming the browser is opening. */
const OPENER_WAIT_MS = 5_000;

/** The platform's own opener for a URL (the default browser): what `serve --open` runs too. */
export function systemOpener(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

export function browserCommand(url: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): [string, string[]] {
  const browser = env.BROWSER?.trim();
  if (browser && browser !== 'true') return [browser, [url]];
  return systemOpener(url, platform);
}

/** Resolves true when the browser opener started and did not fail; false when there is none. */
export function openSignInUrl(url: string, env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (!isSignInUrl(url)) return Promise.resolve(false);
  const [command, args] = browserCommand(url, env, platform);
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => done(true), OPENER_WAIT_MS);
    timer.unref?.();
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: platform !== 'win32', env: { ...env } as NodeJS.ProcessEnv });
      child.on('error', () => done(false));
      child.on('exit', (code) => done(code === 0));
      child.unref();
    } catch {
      done(false);
    }
  });
}
