/**
 * The tray menu's "Use gateway ▸ <profile>" and "Use claude.ai login" open the
 * dashboard at `#view=profiles&switch=…` (docs/desktop-shell.md): the page
 * must show the same switch preview as the Profiles view's buttons, on load
 * and on a later hashchange, and write nothing until Apply.
 */
import { test, expect, CANARY } from './support/dashboard';

test('a switch deep link opens the preview naming what changes, on load and on hashchange', async ({ page, dashboard }) => {
  const otherGateway = 'http://127.0.0.1:9/other-gateway';
  const profile = await dashboard.service.saveProfile({ name: 'Other gateway', baseUrl: otherGateway, credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY });
  const before = await dashboard.readUserSettings();

  await page.goto(`${dashboard.url}#view=profiles&switch=claude-login`);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await expect(dialog).toContainText('What changes');
  await expect(dialog).toContainText('Claude Code uses your claude.ai login.');
  await expect(dialog.getByTestId('diff')).toContainText('ANTHROPIC_BASE_URL');
  await expect(page.getByRole('heading', { name: 'Profiles and mode' })).toBeVisible();
  expect(await dashboard.readUserSettings()).toBe(before); // a preview writes nothing
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The tray menu used again while the dashboard is open: a hashchange.
  await page.evaluate((id) => (window.location.hash = `#view=profiles&switch=gateway&profile=${id}`), profile.id);
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await expect(dialog).toContainText('What changes');
  await expect(dialog).toContainText('Other gateway');
  await expect(dialog.getByTestId('diff')).toContainText(otherGateway);
  expect(await page.content()).not.toContain(CANARY);
  expect(await dashboard.readUserSettings()).toBe(before);

  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  expect(await dashboard.readUserSettings()).toContain(otherGateway);
});

test('a switch deep link to a profile that no longer exists says so and opens no preview', async ({ page, dashboard }) => {
  await page.goto(`${dashboard.url}#view=profiles&switch=gateway&profile=gone-profile`);
  await expect(page.getByTestId('toast')).toContainText('no gateway profile “gone-profile”');
  await expect(page.getByRole('heading', { name: 'Profiles and mode' })).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
});
