/**
 * `gateway-doctor watch --json` against the loopback test gateway, with real
 * timers: stopping the gateway yields exactly one down event, restarting it
 * exactly one recovery event, each carrying a notify decision.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../core/util/secret';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import { main } from '../main';

const CANARY = 'sk-canary-7f3a9c1e5b2d4068';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('gateway-doctor watch --json', () => {
  it('prints exactly one down and one recovery event when the gateway stops and comes back', { timeout: 120_000 }, async () => {
    const gateway: TestGateway = await startTestGateway({ scenario: 'healthy' });
    cleanup.push(() => gateway.close());
    const root = await mkdtemp(join(tmpdir(), 'gd-watch-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    const home = join(root, 'home');
    await mkdir(join(home, '.claude'), { recursive: true });
    await mkdir(join(root, 'managed'));
    await mkdir(join(root, 'project'));
    await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2));

    const lines: string[] = [];
    const controller = new AbortController();
    const redactor = new Redactor();
    const env = { HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'), GATEWAY_DOCTOR_SKIP_CLAUDE: '1' };
    const done = main(['watch', '--json', '--interval', '10', '--project', join(root, 'project')], {
      env,
      cwd: root,
      out: (text) => lines.push(...text.split('\n').filter(Boolean)),
      err: (text) => lines.push(`ERR ${text}`),
      redactor,
      signal: controller.signal,
    });
    const events = () => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

    await waitFor(() => events().some((e) => e.to === 'healthy'), 20_000);
    await gateway.stop();
    await waitFor(() => events().some((e) => e.to === 'down'), 45_000);
    await gateway.restart();
    await waitFor(() => events().some((e) => e.from === 'down' && e.to === 'healthy'), 60_000);
    controller.abort();
    expect(await done).toBe(0);

    const downs = events().filter((e) => e.to === 'down');
    const recoveries = events().filter((e) => e.from === 'down' && (e.to === 'healthy' || e.to === 'degraded'));
    expect(downs).toHaveLength(1);
    expect(recoveries).toHaveLength(1);
    expect(downs[0].notify?.kind).toBe('down');
    expect(downs[0].cause?.id).toBe('gateway-refused');
    expect(recoveries[0].notify?.kind).toBe('recovered');
    expect(lines.join('\n')).not.toContain(CANARY);
    expect(lines.some((l) => l.startsWith('ERR'))).toBe(false);
    // --interval and --project apply to this run only: no preferences file is written.
    expect(existsSync(join(root, 'data', 'preferences.json'))).toBe(false);
  });
});
