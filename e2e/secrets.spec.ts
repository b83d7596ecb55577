import { test, expect, snap, recordResponses, CANARY } from './support/dashboard';

test('a canary credential never reaches the DOM, the network or the copied report', async ({ page, context, dashboard }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const bodies = recordResponses(page);
  await page.goto(dashboard.url);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy');

  const views = ['Health', 'Configuration', 'Surfaces', 'Findings', 'Models', 'Profiles & mode', 'Preferences', 'Explain an error'];
  for (const name of views) {
    await page.getByRole('button', { name: new RegExp(`^${name.replace(/[&]/g, '\\&')}`) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible(); // each view's title
    expect(await page.content(), name).not.toContain(CANARY);
  }
  // The credential is shown, redacted to its last 4 characters.
  await page.getByRole('button', { name: 'Configuration' }).click();
  await expect(page.getByTestId('status-rows')).toContainText('••••4068');

  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByTestId('toast')).toContainText('Report copied');
  await snap(page, 'report-copied');
  const report = await page.evaluate(() => navigator.clipboard.readText());
  expect(report).toContain('curl');
  expect(report).toContain(dashboard.gateway.url.replace(/\/$/, ''));
  expect(report).not.toContain(CANARY);
  expect(report).toContain('~/.claude/settings.json'); // the user name stays out of tickets
  expect(report).not.toContain(`${dashboard.home}/`);

  await expect.poll(() => bodies.some((b) => b.includes('/api/getReport'))).toBe(true);
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.join('\n')).not.toContain(CANARY);
  expect(dashboard.sseText()).toContain('event: snapshot');
  expect(dashboard.sseText()).not.toContain(CANARY);
});
