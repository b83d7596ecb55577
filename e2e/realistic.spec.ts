import { test, expect, snap, CANARY } from './support/dashboard';

test('realistic check: a buffering gateway shows stream-buffered with its fix; a second run is refused by name (event pool)', async ({ page, dashboard }) => {
  dashboard.gateway.setScenario('stream-buffered', { holdMs: 300 });
  await page.goto(dashboard.url);
  const card = page.getByTestId('realistic-check');
  await card.getByRole('button', { name: 'Run realistic check' }).click();
  await expect(page.getByTestId('realistic-outcome')).toHaveAttribute('data-outcome', 'degraded');
  await expect(page.getByTestId('realistic-stream')).toHaveText('server-sent events');
  await expect(card).toContainText('10 deltas in 1 read(s)');
  await expect(page.getByTestId('realistic-finding-stream-buffered')).toContainText('proxy_buffering off');
  await expect(card).not.toContainText(CANARY);
  await card.scrollIntoViewIfNeeded();
  await snap(page, 'realistic-buffered');

  // 10 tokens spent (+ the start probe): another 32 would pass the 40-token event allowance.
  await card.getByRole('button', { name: 'Run realistic check' }).click();
  await expect(page.getByTestId('toast')).toContainText('up to 32 tokens');
  await expect(page.getByTestId('realistic-outcome')).toHaveAttribute('data-outcome', 'degraded');
});
