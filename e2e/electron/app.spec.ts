/**
 * The packaged shape of the app, in a real Electron (Playwright `_electron`):
 * the window bridge exposes exactly the contract, the page has no Node, the
 * CSP is served and enforced, and the dashboard renders the monitor state.
 *
 * Needs the Electron binary, which `npm ci` downloads unless
 * ELECTRON_SKIP_BINARY_DOWNLOAD is set; without it the spec is skipped with
 * a message saying so. It also needs `npm run build:app` (out/).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { API_METHODS } from '../../core/api';
import { electronBinary } from '../../scripts/start.mjs';

const binary = electronBinary();
const appDir = resolve('.');

/**
 * This app in Electron with an empty home and data folders of its own (a
 * sandbox under the temp folder); `close` quits it and removes the sandbox.
 */
async function launchSandboxed(extraArgs: string[]): Promise<{ app: ElectronApplication; close(): Promise<void> }> {
  const sandbox = await mkdtemp(join(tmpdir(), 'gd-electron-e2e-'));
  const home = join(sandbox, 'home');
  const userData = join(sandbox, 'user-data');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(userData, { recursive: true });
  const args = [appDir, `--user-data-dir=${userData}`, ...extraArgs];
  // Chromium refuses to start as root without this (CI containers).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const app = await electron.launch({
    executablePath: binary!,
    args,
    env: {
      PATH: process.env.PATH ?? '',
      DISPLAY: process.env.DISPLAY ?? '',
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      CLAUDE_CONFIG_DIR: join(home, '.claude'),
      GATEWAY_DOCTOR_DATA_DIR: join(sandbox, 'app-data'),
      GATEWAY_DOCTOR_MANAGED_DIR: join(sandbox, 'managed'),
      GATEWAY_DOCTOR_SKIP_CLAUDE: '1',
    },
    timeout: 30_000,
  });
  return {
    app,
    close: async () => {
      await app.close().catch(() => undefined);
      await rm(sandbox, { recursive: true, force: true });
    },
  };
}

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    'Skipped: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD or no network). On a machine with internet access run `npm ci`, `npm run build:app`, then `npx playwright test e2e/electron`.',
  );

  test('exposes exactly the contract, no Node, a CSP, and renders the state', async () => {
    expect(existsSync(join(appDir, 'out', 'main', 'index.js')), 'out/main/index.js is missing: run `npm run build:app` first').toBe(true);
    const { app, close } = await launchSandboxed(['--dashboard']);
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/gateway-doctor\//);

      const keys = await page.evaluate(() => Object.keys((window as unknown as { gatewayDoctor: object }).gatewayDoctor).sort());
      expect(keys).toEqual([...API_METHODS, 'on'].sort());
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

      // The CSP is served as a header by the app:// protocol...
      const csp = await app.evaluate(async ({ net }) => (await net.fetch('app://gateway-doctor/index.html')).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      // ...and enforced: an injected inline script does not run.
      const inlineRan = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.head.appendChild(script);
        await new Promise((r) => setTimeout(r, 50));
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inlineRan).toBe(false);

      // An empty HOME: nothing is configured, and the dashboard says so.
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'unconfigured', { timeout: 20_000 });
    } finally {
      await close();
    }
  });

  test('opens the dashboard by itself on a first run, without --dashboard', async () => {
    const { app, close } = await launchSandboxed([]);
    try {
      const page = await app.firstWindow({ timeout: 20_000 });
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'unconfigured', { timeout: 20_000 });
    } finally {
      await close();
    }
  });
});
