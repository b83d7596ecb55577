/**
 * A hostile neighbour: another server on another loopback port (a dev server,
 * another user's process) whose page the user opens in the same browser, after
 * having used the dashboard. It tries every way a browser lets one origin act
 * on another: riding a cookie, a cross-port form post, no-cors and CORS fetches,
 * an EventSource. The prize is Gateway Doctor running a command: a profile with
 * an apiKeyHelper, switched to, is run by the next check. The canary helper
 * would create a marker file; the marker must never appear, and nothing the
 * attacker sends may change any state.
 */
import { access } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test, expect } from './support/dashboard';

const exists = (path: string) => access(path).then(() => true, () => false);

/** The attacker's page, aimed at the dashboard's port. */
function attackPage(target: string, helper: string): string {
  const profile = JSON.stringify({ name: 'Evil', baseUrl: 'http://127.0.0.1:9/', credentialKind: 'apiKeyHelper', apiKeyHelper: helper, provider: 'anthropic' });
  return `<!doctype html><meta charset="utf-8"><title>innocent</title>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" action="${target}/api/saveProfile" enctype="text/plain" target="sink">
  <input name='${profile.slice(0, -1)},"x":"' value='"}'>
</form>
<script>
  const target = ${JSON.stringify(target)};
  const profile = ${JSON.stringify(profile)};
  const results = [];
  async function attempt(name, fn) {
    try { const r = await fn(); results.push(name + ':' + (r && r.type === 'opaque' ? 'opaque' : r && r.status)); }
    catch (e) { results.push(name + ':blocked'); }
  }
  (async () => {
    document.getElementById('f').submit();
    await attempt('no-cors save', () => fetch(target + '/api/saveProfile', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: profile }));
    await attempt('cors save', () => fetch(target + '/api/saveProfile', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: profile }));
    await attempt('cors guessed token', () => fetch(target + '/api/saveProfile', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gateway-doctor-token': 'x' }, body: profile }));
    await attempt('no-cors switch', () => fetch(target + '/api/planSwitch', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"target":"gateway","profileId":"evil"}' }));
    await attempt('no-cors session', () => fetch(target + '/session', { method: 'POST', mode: 'no-cors', credentials: 'include' }));
    await new Promise((done) => { const es = new EventSource(target + '/api/events', { withCredentials: true }); es.onerror = () => { es.close(); results.push('events:error'); done(); }; es.onmessage = () => { results.push('events:OPEN'); es.close(); done(); }; setTimeout(done, 3000); });
    document.title = 'done';
    window.results = results;
  })();
</script>`;
}

async function startAttacker(page: (port: number) => string): Promise<{ server: Server; url: string; cookies: string[] }> {
  let html = '';
  const cookies: string[] = [];
  const server = createServer((req, res) => {
    // Browsers do not isolate cookies by port: whatever the dashboard set arrives here too.
    if (req.headers.cookie) cookies.push(req.headers.cookie);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  html = page(port);
  return { server, url: `http://127.0.0.1:${port}/`, cookies };
}

test('a page on another loopback port cannot change anything or run a command, even after the user used the dashboard', async ({ page, context, dashboard }) => {
  const marker = join(dashboard.home, 'HELPER-RAN');
  const helper = `touch '${marker}'; echo sk-evil-helper-key-000000`;
  const origin = new URL(dashboard.url).origin;

  // The user has the dashboard open (if it set a cookie, the browser now holds it).
  await page.goto(dashboard.url);
  await expect(page.getByTestId('verdict')).toBeVisible();
  const settingsBefore = await dashboard.readUserSettings();
  const cookies = await context.cookies(origin);
  expect(cookies).toEqual([]);

  const attacker = await startAttacker(() => attackPage(origin, helper));
  try {
    const evil = await context.newPage();
    await evil.goto(attacker.url);
    await expect(evil).toHaveTitle('done', { timeout: 20_000 });
    const results = (await evil.evaluate(() => (window as unknown as { results: string[] }).results)) as string[];
    // CORS requests never get an answer the page can read; the event stream never opens.
    expect(results).toContain('cors save:blocked');
    expect(results).toContain('cors guessed token:blocked');
    expect(results).not.toContain('events:OPEN');

    // Nothing changed, nothing ran (give a would-be helper run time to happen).
    await page.waitForTimeout(2_000);
    expect(await dashboard.service.listProfiles()).toEqual([]);
    expect(await dashboard.service.listChanges()).toEqual([]);
    expect(await dashboard.readUserSettings()).toBe(settingsBefore);
    expect(await exists(marker)).toBe(false);

    // The attacker's server replays whatever cookies the browser sent it, forging the browser's headers too.
    expect(attacker.cookies.join(';')).not.toContain(dashboard.bridge.token);
    const ridden = attacker.cookies[0] ?? `gd_token_${dashboard.bridge.port}=${dashboard.bridge.token}`;
    const forged = await fetch(`${origin}/api/saveProfile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin', cookie: ridden },
      body: JSON.stringify({ name: 'Evil', baseUrl: 'http://127.0.0.1:9/', credentialKind: 'apiKeyHelper', apiKeyHelper: helper, provider: 'anthropic' }),
    });
    expect(forged.status).toBe(401);
    expect(await dashboard.service.listProfiles()).toEqual([]);
  } finally {
    await new Promise((done) => attacker.server.close(done));
  }
});

test('control: with the token, the same chain does run the canary helper (so the attack test can fail)', async ({ dashboard }) => {
  const marker = join(dashboard.home, 'HELPER-RAN');
  const origin = new URL(dashboard.url).origin;
  const call = async (method: string, arg: unknown) => {
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-doctor-token': dashboard.bridge.token },
      body: JSON.stringify(arg),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const saved = await call('saveProfile', { name: 'Helper', baseUrl: dashboard.gateway.url, credentialKind: 'apiKeyHelper', apiKeyHelper: `touch '${marker}'; echo sk-evil-helper-key-000000`, provider: 'anthropic' });
  const plan = await call('planSwitch', { target: 'gateway', profileId: saved.id });
  // The preview names the exact command before anything is applied.
  expect(plan.warnings[0]).toContain(`run this command to get a key: touch '${marker}'; echo sk-evil-helper-key-000000`);
  expect(await exists(marker)).toBe(false);
  await call('applyPlan', { planId: plan.planId });
  await expect.poll(() => exists(marker), { timeout: 20_000 }).toBe(true);
});

test('a tab opened without the token shows how to open the dashboard, not a broken one', async ({ page, dashboard }) => {
  const origin = new URL(dashboard.url).origin;
  const failed: string[] = [];
  page.on('response', (r) => r.url().includes('/api/') && failed.push(`${r.status()} ${r.url()}`));
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('no-token')).toContainText('gateway-doctor serve --open');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open Gateway Doctor from its command');
  expect(failed).toEqual([]);
  // A one-time link works once; opened again, it says so.
  const once = dashboard.bridge.oneTimeUrl();
  await page.goto(once);
  await expect(page.getByTestId('verdict')).toBeVisible();
  expect(page.url()).not.toContain('code=');
  const second = await page.context().newPage();
  await second.goto(once);
  await expect(second.getByTestId('no-token')).toContainText('already used');
});
