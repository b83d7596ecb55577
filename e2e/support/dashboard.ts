/**
 * Playwright fixtures over start-dashboard.ts: each test gets its own temp
 * HOME, test gateway, service and bridge, torn down afterwards.
 */
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { defaultSettings, SCREENSHOT_DIR, startDashboard, type Dashboard, type SettingsFor } from './start-dashboard';

export { CANARY, SCREENSHOT_DIR, type Dashboard } from './start-dashboard';

/** Records the text of every HTTP response the page receives (SSE is recorded by the fixture). */
export function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/events')) return;
    void response
      .text()
      .then((text) => bodies.push(`${response.url()}\n${text}`))
      .catch(() => undefined);
  });
  return bodies;
}

/**
 * Clicks "Check now" and waits until that check has finished: the verdict's
 * data-state can already read the awaited state from the previous probe while
 * the button still says "Checking…" (disabled, dimmed), so a spec that goes on
 * at once would race the check (an axe scan then sees the dimmed button).
 */
export async function checkNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByRole('button', { name: 'Check now' })).toBeEnabled();
}

/** Saves a screenshot of the current state as a test artifact. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false, animations: 'disabled' });
}

/** Fixture option: the user settings file a test starts with (wrapped: a bare function would be taken as a fixture). */
export interface InitialSettings {
  make: SettingsFor;
}

export const test = base.extend<{ settings: InitialSettings; dashboard: Dashboard }>({
  settings: [{ make: defaultSettings }, { option: true }],
  dashboard: async ({ settings }, use) => {
    const dashboard = await startDashboard({ settings: settings.make });
    try {
      await use(dashboard);
    } finally {
      await dashboard.stop();
    }
  },
});

export { expect };
