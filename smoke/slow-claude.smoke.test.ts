/**
 * A `claude` that takes 5 s to answer (cold start, antivirus scan, network
 * home folder): the tray must not wait for it, and a second launch during
 * that time must still open the dashboard of the running app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test-gateway/server';
import { appRunner, returningUser, slowClaude, type RunningApp } from './harness';

let gateway: TestGateway;
let app: RunningApp;
const apps = appRunner();

beforeAll(async () => {
  gateway = await startTestGateway({ scenario: 'healthy' });
  ({ app } = await apps.start({
    prepare: async (box) => {
      await returningUser(box, gateway.url, 'sk-smoke-0000000000000000');
      return { ...box.env, GATEWAY_DOCTOR_CLAUDE_BIN: await slowClaude(box.root, 5_000) };
    },
  }));
});
afterAll(async () => {
  await apps.stopAll();
  await gateway?.close();
});

describe('a slow claude', () => {
  it('does not hold back the tray, nor the listeners a second launch, a reopen and Quit need', async () => {
    const s = await app.waitFor('the tray', (st) => (st.trays.length ? st : undefined), 10_000);
    // Generous for a loaded machine, far below the 5 s claude takes.
    expect(s.trays[0].createdAt - s.readyAt!).toBeLessThan(2_500);
    expect(s.trays[0].images[0].empty).toBe(false);
    expect(s.trays[0].toolTip).toMatch(/starting/i);
    expect(s.listeners['second-instance']).toBe(1);
    expect(s.listeners.activate).toBe(1);
    expect(s.listeners['before-quit']).toBe(1);
  });

  it('opens the dashboard on a second launch 1.5 s after ready, while claude is still answering', async () => {
    const s = await app.state();
    const wait = Math.max(0, s.readyAt! + 1_500 - (s.calls.at(-1)?.at ?? s.readyAt!));
    await new Promise((r) => setTimeout(r, Math.min(wait, 1_500)));
    await app.send('emitApp', { event: 'second-instance', args: [['gateway-doctor'], process.cwd(), {}] });
    await app.waitFor('the dashboard after a second launch', (st) => st.windows.find((w) => w.shown), 3_000);
    const healthyYet = (await app.state()).trays[0].images.some((i) => /healthy/.test(i.path ?? ''));
    expect(healthyYet).toBe(false);
  });

  it('quits promptly even before the service is up', async () => {
    const started = Date.now();
    await app.send('quit').catch(() => undefined);
    expect(await app.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
