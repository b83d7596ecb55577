import { test, expect, snap, recordResponses, CANARY } from './support/dashboard';

test('healthy view: verdict, three stages, latency chart and timings', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  const verdict = page.getByTestId('verdict');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(verdict).toHaveAttribute('data-state', 'healthy');
  await expect(page.getByTestId('stage-reachable')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('stage-authenticated')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('uptime')).toHaveText('100 %');
  // The token left the address bar once the page kept it.
  expect(page.url()).not.toContain('token=');
  await snap(page, 'healthy-light');
});
