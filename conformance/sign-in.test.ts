/**
 * The sign-in against the real Claude Code, offline, in a sealed temp HOME:
 * `claude auth login` prints a sign-in URL Gateway Doctor captures and would
 * open (https, a sign-in host), asks for a code, and Cancel leaves no process
 * of its group behind. Runs the pinned npm version, plus any other `claude`
 * binaries listed in GATEWAY_DOCTOR_CONFORMANCE_CLAUDE_BINS (":"-separated),
 * e.g. the newest version installed elsewhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSignInManager, isSignInUrl, nodeSpawner, type InteractiveSpawner } from '../core/login';
import type { HostContext } from '../core/ports';
import { processAlive } from '../core/testing/fixtures';
import { createCommandRunner } from '../core/util/command-runner';
import { CLAUDE_BIN, claudeInstalled, makeSandbox, type ClaudeSandbox } from './run-claude';

const extra = (process.env.GATEWAY_DOCTOR_CONFORMANCE_CLAUDE_BINS ?? '').split(':').filter(Boolean);
const binaries = [...(claudeInstalled() ? [CLAUDE_BIN] : []), ...extra];

let sandboxes: ClaudeSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.map((s) => s.cleanup()));
  sandboxes = [];
});

/** Whether any process of the group is left. */
const groupAlive = (pgid: number) => processAlive(-pgid);

async function setup(bin: string) {
  const sandbox = await makeSandbox();
  sandboxes.push(sandbox);
  // Offline: nothing reachable but a closed loopback port.
  const env = { ...sandbox.baseEnv, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', GATEWAY_DOCTOR_CLAUDE_BIN: bin };
  const host: HostContext = { platform: 'linux', homeDir: sandbox.home, env, appDataDir: `${sandbox.root}/app-data` };
  const pids: number[] = [];
  const spawner: InteractiveSpawner = {
    spawn(command, args, options) {
      const proc = nodeSpawner.spawn(command, args, options);
      if (proc.pid) pids.push(proc.pid);
      return proc;
    },
  };
  const opened: string[] = [];
  const manager = createSignInManager({
    host,
    runner: createCommandRunner(),
    spawner,
    openUrl: async (url) => {
      opened.push(url);
      return true;
    },
  });
  return { manager, pids, opened };
}

describe.skipIf(binaries.length === 0 || process.platform === 'win32')('sign-in with the real `claude auth login` (offline, temp HOME)', () => {
  for (const bin of binaries) {
    it(`${bin}: the URL is captured and opened, a code is asked for, Cancel leaves no process`, async () => {
      const { manager, pids, opened } = await setup(bin);
      const started = await manager.start();
      expect(started.error).toBeNull();
      expect(started.phase).toBe('waiting');
      expect(started.url).toMatch(/^https:\/\/claude\.com\/cai\/oauth\/authorize\?/);
      expect(isSignInUrl(started.url!)).toBe(true);
      // The manual flow: the page shows a code to paste back.
      expect(new URL(started.url!).searchParams.get('redirect_uri')).toBe('https://platform.claude.com/oauth/code/callback');
      await expect.poll(() => manager.state().codeRequested, { timeout: 15_000 }).toBe(true);
      await expect.poll(() => opened).toEqual([started.url]);
      expect(pids).toHaveLength(1);

      const done = await manager.cancel();
      expect(done.error?.kind).toBe('cancelled');
      await expect.poll(() => groupAlive(pids[0]), { timeout: 10_000 }).toBe(false);
      expect((await manager.account()).kind).toBe('none');
    });

    it(`${bin}: --console signs in on platform.claude.com`, async () => {
      const { manager, pids } = await setup(bin);
      const started = await manager.start({ method: 'console' });
      expect(started.url).toMatch(/^https:\/\/platform\.claude\.com\/oauth\/authorize\?/);
      expect(isSignInUrl(started.url!)).toBe(true);
      await manager.cancel();
      await expect.poll(() => groupAlive(pids[0]), { timeout: 10_000 }).toBe(false);
    });
  }
});
