/**
 * Keyboard-only journeys: no mouse from the first key to the last. Focus is
 * always visible, lands in each dialog when it opens and returns where it was
 * when it closes; Escape closes without applying. Outcomes are announced.
 */
import { test, expect, CANARY, checkNow } from './support/dashboard';
import { applyByKeyboard, expectFocusVisible, focusInfo, tabTo } from './support/keyboard';

const SECOND_KEY = 'sk-canary-second-key-5e6f7a8b';

test.describe('fix journey', () => {
  test.use({ settings: { make: (url) => ({ env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: SECOND_KEY } }) } });

  test('Health → a finding → Fix… → read the diff → Escape, then Apply and Undo, by keyboard only', async ({ page, dashboard }) => {
    const before = await dashboard.readUserSettings();
    await page.goto(dashboard.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();

    // The first Tab stop is the skip link; it moves focus to the view.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to the view' })).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
    expect(new URL(page.url()).hash).toBe(''); // deep links live in the hash: the skip link leaves it alone

    // To the Findings view through the sidebar (Shift+Tab: it comes before the view).
    const findingsNav = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Findings/ });
    await tabTo(page, findingsNav, { backwards: true });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Findings' })).toBeVisible();
    const fixButton = page.getByTestId('finding-both-credentials-set').getByRole('button', { name: 'Fix…' });
    await tabTo(page, fixButton);
    await page.keyboard.press('Enter');

    // Focus lands in the dialog; the diff can be reached and read.
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
    expect((await focusInfo(page))?.inDialog).toBe(true);
    await expectFocusVisible(page);
    const diff = dialog.getByTestId('diff');
    await tabTo(page, diff, { max: 10 });
    await expect(diff).toContainText('ANTHROPIC_API_KEY');
    expect(await diff.textContent()).not.toContain(SECOND_KEY);
    // The file reads ~/…; the full path is in the tooltip.
    const file = dialog.locator('figcaption code');
    await expect(file).toHaveText('~/.claude/settings.json');
    await expect(file).toHaveAttribute('title', dashboard.userSettingsPath);
    expect(await dialog.textContent()).not.toContain(dashboard.home);

    // Escape closes without applying, and focus returns to Fix….
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(fixButton).toBeFocused();
    expect(await dashboard.readUserSettings()).toBe(before);

    // Again, and this time Apply: the outcome is announced assertively, focus stays in the dialog.
    await applyByKeyboard(page, dialog);
    const announcer = dialog.getByTestId('change-announcer');
    await expect(announcer).toHaveAttribute('aria-live', 'assertive');
    await expect(announcer).toContainText('Applied');
    expect(await dashboard.readUserSettings()).not.toContain('ANTHROPIC_API_KEY');
    expect((await focusInfo(page))?.inDialog).toBe(true);
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();

    // Undo is one Shift+Tab away; the bytes come back.
    await tabTo(page, dialog.getByRole('button', { name: 'Undo' }), { backwards: true, max: 3 });
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('undo-result')).toBeVisible();
    await expect(announcer).toContainText('Undone');
    expect(await dashboard.readUserSettings()).toBe(before);
    expect((await focusInfo(page))?.inDialog).toBe(true);

    // Closing: focus goes back to the page (the Fix… button it came from was replaced, so to the view), never lost.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const after = await focusInfo(page);
    expect(after, 'focus was lost when the dialog closed').not.toBeNull();
    expect(after?.inDialog).toBe(false);
  });
});

test('switch to the claude.ai login and back, by keyboard only', async ({ page, dashboard }) => {
  const profile = await dashboard.service.saveProfile({ name: 'Test gateway', baseUrl: dashboard.gateway.url, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });
  await page.goto(dashboard.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await tabTo(page, page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Profiles & mode' }));
  await page.keyboard.press('Enter');
  const mode = page.getByTestId('mode');
  await expect(mode).toHaveAttribute('data-mode', 'gateway');

  const toLogin = page.getByRole('button', { name: 'Use claude.ai login…' });
  await tabTo(page, toLogin);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  expect((await focusInfo(page))?.inDialog).toBe(true);
  // Escape first: nothing changes and focus is back on the button.
  const before = await dashboard.readUserSettings();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toLogin).toBeFocused();
  expect(await dashboard.readUserSettings()).toBe(before);

  // A keyboard user reads the preview before moving on: Tab from there, not from "Preparing…".
  await applyByKeyboard(page, dialog);
  await expect(dialog.getByTestId('change-announcer')).toContainText('Applied');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(mode).not.toHaveAttribute('data-mode', 'gateway'); // no saved login here, so "unconfigured"
  expect(await dashboard.readUserSettings()).not.toContain('ANTHROPIC_BASE_URL');
  expect(await focusInfo(page)).not.toBeNull();

  const back = page.getByTestId(`profile-${profile.id}`).getByRole('button', { name: 'Use this gateway…' });
  await tabTo(page, back);
  await applyByKeyboard(page, dialog);
  // The re-check probes the gateway first; Done takes focus when it is shown.
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(mode).toHaveAttribute('data-mode', 'gateway');
  expect(await dashboard.readUserSettings()).toContain(dashboard.gateway.url);
  expect(await page.content()).not.toContain(CANARY);
});

test('the verdict is announced politely when the gateway goes down', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  const announcer = page.getByTestId('verdict-announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await checkNow(page);
  await expect(announcer).toHaveText('Gateway healthy');
  await dashboard.gateway.stop();
  await checkNow(page);
  await expect(announcer).toHaveText(/^Gateway down/);
});
