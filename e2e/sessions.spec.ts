import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, snap, recordResponses, CANARY, checkNow } from './support/dashboard';

/** A log the real Claude Code 2.1.197 wrote through a gateway that rejects beta fields; its prompt is the canary. */
const LOG = readFileSync(resolve('core/sessions/fixtures/2.1.197-beta.jsonl'), 'utf8');

test('an error a real session hit shows on the Health view with its fix; the prompt never reaches the page; the switch turns it off', async ({ page, dashboard }) => {
  const bodies = recordResponses(page);
  await page.goto(dashboard.url);
  await checkNow(page);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy');
  await expect(page.getByTestId('session-error')).toHaveCount(0);

  // Claude Code starts a session in a project and hits the error: the log is written now.
  const folder = join(dashboard.home, '.claude', 'projects', '-home-user-code-my-repo');
  mkdirSync(folder, { recursive: true });
  const stamped = LOG.replace(/"timestamp":"[^"]+"/g, `"timestamp":"${new Date(Date.now() - 120_000).toISOString()}"`);
  appendFileSync(join(folder, 'session.jsonl'), stamped);

  const card = page.getByTestId('session-error');
  await expect(card).toContainText('Claude Code hit this in -home-user-code-my-repo (sdk-cli), 2 min ago');
  await expect(card).toContainText('context_management: Extra inputs are not permitted');
  await expect(page.getByTestId('session-error-fix')).toContainText('Fix:');
  await snap(page, 'session-error');
  expect(await page.content()).not.toContain(CANARY);
  expect(bodies.join('\n')).not.toContain(CANARY);
  expect(dashboard.sseText()).not.toContain(CANARY);
  await expect.poll(() => dashboard.notifications.filter((n) => n.kind === 'session-error').length).toBe(1);

  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByLabel("Read Claude Code's session logs for API errors").uncheck();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('button', { name: 'Health' }).click();
  await expect(page.getByTestId('sessions-off')).toBeVisible();
  await expect(page.getByTestId('session-error')).toHaveCount(0);
});
