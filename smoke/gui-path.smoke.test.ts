/**
 * A GUI launch (Dock, Finder, Start menu, desktop file) gets a minimal PATH:
 * the app must still find the `claude` the user installed in ~/.local/bin,
 * and the dashboard must be able to say where it was found.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../core/types';
import { appRunner, fakeClaudeScript, type RunningApp } from './harness';

let app: RunningApp;
let claudePath: string;
const apps = appRunner();

beforeAll(async () => {
  ({ app } = await apps.start({
    prepare: async (box) => {
      claudePath = join(box.home, '.local', 'bin', 'claude');
      await mkdir(join(box.home, '.local', 'bin'), { recursive: true });
      await fakeClaudeScript(claudePath, { version: '2.1.211' });
      const { GATEWAY_DOCTOR_CLAUDE_BIN: _unset, ...env } = box.env;
      // What launchd / Explorer / a desktop file typically give an app.
      return { ...env, PATH: '/usr/bin:/bin' };
    },
  }));
});
afterAll(() => apps.stopAll());

describe('a GUI launch with a minimal PATH', () => {
  it('finds claude in ~/.local/bin and reports where', async () => {
    await app.waitFor('the first-run dashboard', (s) => s.windows.find((w) => w.world !== null));
    const status = await app.send<{ ok: boolean; value: StatusReport }>('callFromPage', { method: 'getStatus', arg: {} });
    expect(status.ok).toBe(true);
    expect(status.value.claudeCode).toMatchObject({ installed: true, version: '2.1.211', location: { path: claudePath, foundBy: 'install-location' } });
    expect(status.value.claudeCode.location?.where).toMatch(/~\/\.local\/bin/);
  });
});
