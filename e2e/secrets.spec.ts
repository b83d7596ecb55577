import { test, expect, snap, recordResponses, CANARY, checkNow } from './support/dashboard';
import { VIEWS } from './support/a11y';

test('a canary credential never reaches the DOM, the network or the copied report', async ({ page, context, dashboard }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const bodies = recordResponses(page);
  await page.goto(dashboard.url);
  await checkNow(page);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy');

  for (const view of VIEWS) {
    await page.getByRole('button', { name: view.nav }).click();
    await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible(); // each view's title
    expect(await page.content(), view.heading).not.toContain(CANARY);
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

/** A key only the helper's stderr mentions: nobody told Gateway Doctor about it. */
const STDERR_CANARY = 'sk-stderr-canary-5e8d1f0a9b7c';

test.describe('secrets that are not the credential', () => {
  // A password in the gateway URL, and an apiKeyHelper whose error names a key on stderr.
  test.use({
    settings: {
      make: (url) => ({
        // The command itself does not contain the canary; only its stderr does.
        apiKeyHelper: `echo "vault: token sk-$(echo ${STDERR_CANARY.slice(3)}) has expired" >&2; exit 1`,
        env: { ANTHROPIC_BASE_URL: url.replace('http://', `http://alice:pw-${CANARY}@`), HTTPS_PROXY: `http://bob:${CANARY}@127.0.0.1:9` },
      }),
    },
  });

  test('URL userinfo, profile headers and env, and helper stderr never reach the DOM, the replies or the event stream', async ({ page, dashboard }) => {
    const bodies = recordResponses(page);
    const profile = await dashboard.service.saveProfile({
      name: 'Foundry',
      baseUrl: 'http://127.0.0.1:9/foundry',
      credentialKind: 'none',
      provider: 'anthropic',
      customHeaders: `X-Api-Key: ${CANARY}\nX-Team: blue`,
      extraEnv: { ANTHROPIC_FOUNDRY_API_KEY: CANARY },
    });
    await page.goto(dashboard.url);
    await checkNow(page);
    await expect(page.getByTestId('verdict')).toBeVisible();
    await expect.poll(() => bodies.some((b) => b.includes('api-key-helper-failing'))).toBe(true);
    expect(bodies.join('\n')).toContain('has expired');

    for (const name of ['Health', 'Configuration', 'Findings', 'Profiles & mode']) {
      await page.getByRole('button', { name: new RegExp(`^${name.replace(/[&]/g, '\\&')}`) }).click();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await page.content(), name).not.toContain(CANARY);
    }
    // Both switch previews: away from the gateway (URL with a password) and to the profile (headers, env).
    await page.evaluate(() => (window.location.hash = '#view=profiles&switch=claude-login'));
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('diff')).toContainText('ANTHROPIC_BASE_URL');
    expect(await page.content()).not.toContain(CANARY);
    await page.keyboard.press('Escape');
    // Let the first preview finish closing (its close event is queued) before the next deep link opens one.
    await expect(dialog).toBeHidden();
    await page.evaluate((id) => (window.location.hash = `#view=profiles&switch=gateway&profile=${id}`), profile.id);
    await expect(dialog.getByTestId('diff')).toContainText('X-Team: blue');
    expect(await page.content()).not.toContain(CANARY);

    await expect.poll(() => bodies.filter((b) => b.includes('/api/planSwitch')).length).toBe(2);
    expect(await page.content()).not.toContain(STDERR_CANARY);
    for (const secret of [CANARY, STDERR_CANARY]) {
      expect(bodies.join('\n')).not.toContain(secret);
      expect(dashboard.sseText()).not.toContain(secret);
    }
    expect(dashboard.sseText()).toContain('event: snapshot');
    expect(await dashboard.service.listProfiles().then(JSON.stringify)).not.toContain(CANARY);
  });
});
