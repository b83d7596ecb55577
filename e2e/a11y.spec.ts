/**
 * axe-core on every view, in the light and the dark theme, in the healthy,
 * down and unconfigured states, and with each dialog open. One dashboard per
 * state (starting one is the slow part); the views and themes loop inside.
 * Fails on any serious or critical violation, listing each one.
 */
import type { Page } from '@playwright/test';
import { test, expect, CANARY, type Dashboard, checkNow } from './support/dashboard';
import { lowestSvgTextContrast, seriousViolations, THEMES, useTheme, VIEWS } from './support/a11y';

// 16 axe scans per test take 20–40 s on a loaded 2-core machine: room beyond the suite's 60 s.
test.describe.configure({ timeout: 180_000 });

/** Scans every view in both themes; returns "state/theme/view: violation" lines. */
async function scanAllViews(page: Page, state: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of THEMES) {
    await useTheme(page, theme);
    for (const view of VIEWS) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view.nav }).click();
      await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible();
      for (const line of await seriousViolations(page)) problems.push(`${state}/${theme}/${view.heading}: ${line}`);
    }
  }
  return problems;
}

/** Scans the open dialog in both themes. */
async function scanDialog(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of THEMES) {
    await useTheme(page, theme);
    for (const line of await seriousViolations(page)) problems.push(`${label}/${theme}: ${line}`);
  }
  return problems;
}

async function openAt(page: Page, dashboard: Dashboard, state: string): Promise<void> {
  await page.goto(dashboard.url);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', state);
}

test.describe('healthy', () => {
  test('every view, both themes, and the switch preview: no serious or critical violation', async ({ page, dashboard }) => {
    await page.goto(dashboard.url);
    await checkNow(page);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy');
    const problems = await scanAllViews(page, 'healthy');

    // The chart's SVG labels, which axe skips: 4.5:1 on the chart's card in both themes.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Health' }).click();
    for (const theme of THEMES) {
      await useTheme(page, theme);
      const ratio = await lowestSvgTextContrast(page, '.chart-label', '.chart');
      if (ratio < 4.5) problems.push(`healthy/${theme}/Health: chart labels have contrast ${ratio.toFixed(2)}:1, below 4.5:1`);
    }

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Profiles & mode' }).click();
    // The sign-in dialog, once the Profiles view has one (being added in parallel): scanned when present.
    const signIn = page.getByRole('main').getByRole('button', { name: /^Sign in/ });
    if ((await signIn.count()) > 0) {
      await signIn.first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      problems.push(...(await scanDialog(page, 'sign-in')));
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();
    }
    await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
    await expect(page.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
    problems.push(...(await scanDialog(page, 'switch preview')));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

test.describe('down, with a fixable finding', () => {
  test.use({ settings: { make: (url) => ({ env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: 'sk-second-key-for-a11y-0000' } }) } });

  test('every view, both themes, and the fix preview: no serious or critical violation', async ({ page, dashboard }) => {
    await dashboard.gateway.stop();
    await page.goto(dashboard.url);
    await checkNow(page);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'down');
    const problems = await scanAllViews(page, 'down');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Findings/ }).click();
    await page.getByTestId('finding-both-credentials-set').getByRole('button', { name: 'Fix…' }).click();
    await expect(page.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
    problems.push(...(await scanDialog(page, 'fix preview')));
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('apply-result')).toBeVisible();
    problems.push(...(await scanDialog(page, 'fix applied')));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

test.describe('unconfigured', () => {
  test.use({ settings: { make: () => ({}) } });

  test('every view, both themes: no serious or critical violation', async ({ page, dashboard }) => {
    await openAt(page, dashboard, 'unconfigured');
    expect((await scanAllViews(page, 'unconfigured')).join('\n')).toBe('');
  });
});
