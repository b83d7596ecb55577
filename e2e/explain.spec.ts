import { test, expect, snap } from './support/dashboard';

test('keyboard only: reach "Explain an error", paste an error, get the matching finding', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  await expect(page.getByTestId('verdict')).toBeVisible();
  const explainNav = page.getByRole('button', { name: 'Explain an error' });
  // Tab through the page until the nav item has focus, then activate it with Enter.
  for (let i = 0; i < 20 && !(await explainNav.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(explainNav).toBeFocused();
  await page.keyboard.press('Enter');
  const box = page.getByLabel('Paste the error Claude Code printed');
  await box.focus();
  await page.keyboard.insertText('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('explain-result');
  await expect(result).toContainText('Fix:');
  await expect(result.getByRole('heading', { level: 2 })).not.toBeEmpty();
  await snap(page, 'explain');
});
