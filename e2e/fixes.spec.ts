import { test, expect, snap, CANARY } from './support/dashboard';
import { loadRuntime } from './support/load-runtime';

const SECOND_KEY = 'sk-canary-second-key-5e6f7a8b';

/** The +/- lines of a unified diff: what a change really adds and removes. */
function changedLines(diff: string): string[] {
  return diff.split('\n').filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---)/.test(l));
}

test.describe('one-click fix', () => {
  test.use({ settings: { make: (url) => ({ env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: SECOND_KEY } }) } });

  test('the file changes exactly as previewed, and Undo restores the bytes', async ({ page, dashboard }) => {
    const { previewDiff } = await loadRuntime();
    const before = await dashboard.readUserSettings();
    await page.goto(dashboard.url);
    await page.getByRole('button', { name: /^Findings/ }).click();
    const finding = page.getByTestId('finding-both-credentials-set');
    await finding.getByRole('button', { name: 'Fix…' }).click();

    const dialog = page.getByRole('dialog');
    const diff = dialog.getByTestId('diff');
    await expect(diff).toContainText('ANTHROPIC_API_KEY');
    const shown = (await diff.textContent()) ?? '';
    expect(shown).not.toContain(SECOND_KEY);
    expect(await dashboard.readUserSettings()).toBe(before); // a preview writes nothing
    await snap(page, 'fix-preview');

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByTestId('apply-result')).toBeVisible();
    const after = await dashboard.readUserSettings();
    expect(after).not.toContain('ANTHROPIC_API_KEY');
    expect(changedLines(previewDiff(dashboard.userSettingsPath, before, after, [CANARY, SECOND_KEY]))).toEqual(changedLines(shown));
    await snap(page, 'fix-applied');

    await dialog.getByRole('button', { name: 'Undo' }).click();
    await expect(dialog.getByTestId('undo-result')).toBeVisible();
    expect(await dashboard.readUserSettings()).toBe(before);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('finding-both-credentials-set')).toBeVisible();
  });
});

test('switching to the claude.ai login and back to a gateway profile', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  await page.getByRole('button', { name: 'Profiles & mode' }).click();
  const mode = page.getByTestId('mode');
  await expect(mode).toHaveAttribute('data-mode', 'gateway');

  // Add a profile: the secret goes in a password field and is never shown again.
  await page.getByRole('button', { name: 'Add a profile…' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Test gateway');
  await page.getByLabel('Gateway base URL').fill(dashboard.gateway.url);
  const secret = page.getByLabel('Secret');
  await expect(secret).toHaveAttribute('type', 'password');
  await secret.fill(CANARY);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const profile = page.locator('[data-testid^="profile-"]').filter({ hasText: 'Test gateway' });
  await expect(profile).toContainText('secret stored');
  expect(await page.content()).not.toContain(CANARY);

  await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await expect(dialog).toContainText('What changes');
  await snap(page, 'switch-preview');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(mode).not.toHaveAttribute('data-mode', 'gateway');
  expect(await dashboard.readUserSettings()).not.toContain('ANTHROPIC_BASE_URL');

  await profile.getByRole('button', { name: 'Use this gateway…' }).click();
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  expect(await page.content()).not.toContain(CANARY);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(mode).toHaveAttribute('data-mode', 'gateway');
  const settings = await dashboard.readUserSettings();
  expect(settings).toContain(dashboard.gateway.url);
  expect(settings).toContain(CANARY);
  await snap(page, 'switched-back');
});
