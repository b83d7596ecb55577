import { test, expect, snap, checkNow } from './support/dashboard';

test('healthy view: verdict, three stages, 24 h chart, timings; light and dark', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  await checkNow(page);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-state', 'healthy');
  await expect(verdict).toContainText('Healthy');
  await expect(page.getByTestId('stage-reachable')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('stage-authenticated')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('uptime')).toHaveText('100 %');
  await expect(page.getByTestId('total-ms')).toHaveText(/\d+(\.\d)? ms/);
  await expect(page.getByTestId('last-check')).toContainText(/just now|s ago/);
  // The token left the address bar once the page kept it.
  expect(page.url()).not.toContain('token=');
  await snap(page, 'healthy-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'healthy-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Surfaces' }).click();
  await expect(page.getByTestId('surface-cli')).toHaveAttribute('data-state', 'available');
  await expect(page.locator('[data-testid^="surface-"]')).toHaveCount(7);
  await snap(page, 'surfaces');
  await page.getByRole('button', { name: 'Models' }).click();
  await expect(page.getByTestId('models')).toContainText('claude-sonnet-4-6');
  await snap(page, 'models');
});

test('gateway goes down: the UI shows down and notify fires exactly once; then it recovers', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  const verdict = page.getByTestId('verdict');
  const checkNow = page.getByRole('button', { name: 'Check now' });
  await checkNow.click();
  await expect(verdict).toHaveAttribute('data-state', 'healthy');

  await dashboard.gateway.stop();
  await checkNow.click();
  await expect(verdict).toHaveAttribute('data-state', 'down');
  await expect(page.getByTestId('stage-reachable')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('state-pill')).toContainText('Down');
  // Still down on the next check: no second notification.
  await checkNow.click();
  await expect(checkNow).toBeEnabled();
  await expect(verdict).toHaveAttribute('data-state', 'down');
  expect(dashboard.notifications.filter((n) => n.kind === 'down')).toHaveLength(1);
  await snap(page, 'down');

  await dashboard.gateway.restart();
  await checkNow.click();
  await expect(verdict).toHaveAttribute('data-state', 'healthy');
  await expect.poll(() => dashboard.notifications.map((n) => n.kind)).toEqual(['down', 'recovered']);
  await snap(page, 'recovered');
});
