/**
 * Signing in to claude.ai without a terminal, in Chromium against the real
 * service and HTTP bridge, with the fake `claude` (test-gateway/fake-claude)
 * playing `claude auth login` and the OS browser replaced by a recorder:
 * "Use claude.ai login" with no saved login → Sign in → the URL Claude Code
 * printed is opened → the code is pasted → Apply → login mode; Sign out.
 */
import { dirname, join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { FAKE_CLAUDE, livingFakePids } from '../core/testing/fixtures';
import { recordResponses, snap } from './support/dashboard';
import { CANARY, startDashboard, type Dashboard } from './support/start-dashboard';

const CODE = 'CANARYpasted-code-31337#K1vLlaSa9aH4G7ilbV3fHIHNw0UzaiP7D7bV99HqTRs';

interface SignInFixture {
  dashboard: Dashboard;
  opened: string[];
  pidFile: string;
}

const test = base.extend<{ browserAvailable: boolean; signIn: SignInFixture }>({
  browserAvailable: [true, { option: true }],
  signIn: async ({ browserAvailable }, use) => {
    const opened: string[] = [];
    let pidFile = '';
    const dashboard = await startDashboard({
      service: {
        claude: 'detect',
        env: (home) => {
          pidFile = join(home, 'fake-claude.pids');
          return {
            GATEWAY_DOCTOR_CLAUDE_BIN: FAKE_CLAUDE,
            FAKE_CLAUDE_PIDFILE: pidFile,
            PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
          };
        },
        openSignInUrl: async (url) => {
          if (!browserAvailable) return false;
          opened.push(url);
          return true;
        },
      },
    });
    try {
      await use({ dashboard, opened, pidFile });
    } finally {
      await dashboard.stop();
    }
  },
});

test('Use the claude.ai login with no saved login → Sign in → code → login mode; then Sign out', async ({ page, signIn }) => {
  const { dashboard, opened } = signIn;
  const responses = recordResponses(page);
  await page.goto(`${dashboard.url}#view=profiles`);
  // The gateway token in the settings is what `claude auth status` reports for now.
  await expect(page.getByTestId('account-label')).toHaveText('Claude Code uses a gateway or API key, not a claude.ai login');

  await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await expect(dialog).toContainText('sign in to claude.ai from Gateway Doctor');
  await expect(dialog).not.toContainText('/login');
  await dialog.getByRole('button', { name: 'Sign in to claude.ai…' }).click();

  const url = dialog.getByTestId('sign-in-url');
  await expect(url).toHaveValue(/^https:\/\/claude\.com\/cai\/oauth\/authorize\?/);
  const printed = await url.inputValue();
  await expect.poll(() => opened).toEqual([printed]);
  await snap(page, 'sign-in');

  await dialog.getByLabel('Code from the browser page (if it shows one)').fill(CODE);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  // Signed in: the preview is planned again and no longer needs a sign-in.
  await expect(dialog.getByTestId('sign-in-offer')).toBeHidden();
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'claude-login');
  await expect(page.getByTestId('account-label')).toHaveText('Signed in as ada@example.com (claude.ai, Example Org)');
  expect(await dashboard.readUserSettings()).not.toContain('ANTHROPIC_BASE_URL');

  // Sign out asks first.
  await page.getByRole('button', { name: 'Sign out…' }).click();
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(page.getByTestId('account-label')).toContainText('Signed in as');
  await page.getByRole('button', { name: 'Sign out…' }).click();
  await page.getByRole('group', { name: 'Confirm sign out' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('toast')).toContainText('Signed out of claude.ai.');
  await expect(page.getByTestId('account-label')).toHaveText('Not signed in to claude.ai');

  // The one-time code never leaves the page's input: not in the DOM, the event stream or any response.
  const everything = [await page.content(), dashboard.sseText(), ...responses].join('\n');
  expect(everything).not.toContain('CANARYpasted');
  expect(everything).not.toContain(CANARY);
  expect(livingFakePids(signIn.pidFile)).toEqual([]);
});

test('the tray\'s "Sign in to claude.ai…" opens the sign-in; Cancel stops Claude Code', async ({ page, signIn }) => {
  await page.goto(`${signIn.dashboard.url}#view=profiles&signin=claudeai`);
  const dialog = page.getByRole('dialog', { name: 'Sign in to claude.ai' });
  await expect(dialog.getByTestId('sign-in-url')).toHaveValue(/^https:\/\/claude\.com\//);
  await dialog.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(dialog.getByTestId('sign-in')).toHaveAttribute('data-phase', 'failed');
  await expect(dialog).toContainText('Sign-in cancelled.');
  await expect.poll(() => livingFakePids(signIn.pidFile)).toEqual([]);
  // Try again joins nothing stale: a fresh sign-in with a fresh URL.
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog.getByTestId('sign-in')).toHaveAttribute('data-phase', 'waiting');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => livingFakePids(signIn.pidFile)).toEqual([]);
});

test.describe('without a browser', () => {
  test.use({ browserAvailable: false });

  test('the sign-in shows the URL to copy and still finishes with the pasted code', async ({ page, signIn }) => {
    await page.goto(`${signIn.dashboard.url}#view=profiles&signin=claudeai`);
    const dialog = page.getByRole('dialog', { name: 'Sign in to claude.ai' });
    await expect(dialog).toContainText('No browser could be opened here. Copy this link into a browser and sign in there:');
    await expect(dialog.getByTestId('sign-in-url')).toHaveValue(/^https:\/\/claude\.com\//);
    expect(signIn.opened).toEqual([]);
    await dialog.getByLabel('Code from the browser page (if it shows one)').fill('only-half');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toContainText('did not accept that code');
    await dialog.getByLabel('Code from the browser page (if it shows one)').fill(CODE);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByTestId('signed-in')).toContainText('Signed in to claude.ai');
  });
});

test('Configuration names the claude the predictions follow, its full path in the tooltip', async ({ page, signIn }) => {
  await page.goto(`${signIn.dashboard.url}#view=configuration`);
  const install = page.getByTestId('claude-install');
  await expect(install).toContainText('set by GATEWAY_DOCTOR_CLAUDE_BIN');
  await expect(install.locator('code')).toHaveAttribute('title', FAKE_CLAUDE);
});
