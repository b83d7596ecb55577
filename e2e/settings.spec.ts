import { test, expect, snap } from './support/dashboard';

test('a settings file edited on disk updates the UI without a reload', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  await page.getByRole('button', { name: 'Configuration' }).click();
  const rows = page.getByTestId('status-rows');
  await expect(rows).toContainText(dashboard.gateway.url);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const settings = JSON.parse(await dashboard.readUserSettings());
  settings.env.ANTHROPIC_MODEL = 'claude-opus-4-8';
  await dashboard.writeUserSettings(settings);

  await expect(rows.getByRole('row', { name: /Model/ })).toContainText('claude-opus-4-8');
  await expect(rows.getByRole('row', { name: /Model/ })).toContainText('settings.json:');
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await snap(page, 'configuration');
});

test.describe('an invalid settings file', () => {
  test.use({ settings: { make: (url) => `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${url}",\n  }\n}\n` } });

  test('shows a finding naming the file and line (opened by the #finding deep link)', async ({ page, dashboard }) => {
    await page.goto(`${dashboard.url}#finding=settings-invalid-json`);
    const finding = page.getByTestId('finding-settings-invalid-json');
    await expect(finding).toBeVisible();
    await expect(finding).toBeFocused();
    // Shown as ~/…, the full path in the tooltip.
    await expect(finding.getByTestId('finding-source')).toHaveText(/^~\/\.claude\/settings\.json:\d+$/);
    await expect(finding.getByTestId('finding-source')).toHaveAttribute('title', new RegExp(`^${dashboard.userSettingsPath.replace(/[.]/g, '\\.')}:\\d+$`));
    await expect(finding).toContainText(/line \d+/);
    await expect(finding).toContainText('Claude Code settings files are strict JSON');
    await snap(page, 'invalid-settings');
  });
});
