/**
 * What a new user sees: the built main bundle started with an empty HOME and
 * no --dashboard must show the dashboard (on GNOME without the AppIndicator
 * extension there is no tray, so nothing else would say the app runs).
 */
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appRunner, markNotFirstRun, userDataDir } from './harness';

const apps = appRunner();
afterEach(() => apps.stopAll());

const start = (prepare?: (env: Record<string, string>) => Promise<void>) => apps.start({ prepare: async (box) => void (await prepare?.(box.env)) });

describe('first run (nothing configured, no --dashboard)', () => {
  it('opens the dashboard, focused, on the very first launch', async () => {
    const { app, env } = await start();
    const win = await app.waitFor('the dashboard window to show', (s) => s.windows.find((w) => w.shown));
    expect(win.url).toMatch(/^app:\/\/gateway-doctor\//);
    // shell.json now exists, so the next launch is not a "first run" any more.
    expect(existsSync(join(userDataDir(env), 'shell.json'))).toBe(true);
    expect(win.shownInactive).toBe(false);
    const s = await app.state();
    expect(s.errorBoxes).toEqual([]);
    expect(s.trays).toHaveLength(1);
    expect(s.trays[0].images[0].empty).toBe(false);
  });

  it('opens it again on a later launch while the first settled state is "unconfigured", without taking focus', async () => {
    const { app } = await start((env) => markNotFirstRun(env));
    const win = await app.waitFor('the dashboard window to show', (s) => s.windows.find((w) => w.shown));
    expect(win.shownInactive).toBe(true);
    const tray = (await app.state()).trays[0];
    expect(tray.images.at(-1)?.path).toMatch(/tray-unconfigured/);
  });

  it('keeps a copy of a shell.json it cannot read, and starts anyway', async () => {
    const { app, env } = await start(async (e) => {
      await markNotFirstRun(e);
      await writeFile(join(userDataDir(e), 'shell.json'), '{"windowBounds": {"width": "wide"');
    });
    await app.waitFor('the tray', (s) => s.trays.length === 1);
    const dir = userDataDir(env);
    await app.waitFor('a copy of the bad file', () => readdirSync(dir).some((f) => f.startsWith('shell.json.invalid-')));
    expect(existsSync(join(dir, 'shell.json'))).toBe(true);
    expect(app.output()).toContain('a copy was kept at');
  });
});
