/**
 * `gateway-doctor check` as a real process of the built CLI, with an
 * apiKeyHelper that starts a `setsid` grandchild holding stdout open (the
 * review's escape from the time limit: 46 s against 10 s). The process must
 * finish within the probe's time limit plus a small margin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useProcessSandboxes } from '../testing/process-sandbox';

/** setsid(1) is util-linux: on every Linux, not on macOS or Windows. */
const hasSetsid = process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v setsid'], { stdio: 'ignore' }).status === 0;
const sandboxes = useProcessSandboxes({ prefix: 'gd-helper-deadline-', gateway: 'healthy' });

describe.runIf(hasSetsid)('check with an apiKeyHelper whose setsid grandchild holds stdout open', () => {
  it('finishes within --timeout plus a small margin and says the helper was stopped', { timeout: 60_000 }, async () => {
    const pidFile = join(sandboxes.root, 'grandchild.pid');
    const helper = `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 60' & sleep 60`;
    const s = await sandboxes.sandbox('helper', { apiKeyHelper: helper, env: { ANTHROPIC_BASE_URL: sandboxes.gateway.url } });
    const limitMs = 2_000;
    const started = Date.now();
    const run = await s.cli(['check', '--json', '--timeout', String(limitMs)], { cwd: s.home, timeoutMs: 50_000 });
    const took = Date.now() - started;
    if (existsSync(pidFile)) {
      try {
        process.kill(Number.parseInt(readFileSync(pidFile, 'utf8'), 10), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('did not finish within');
    // Node start-up, resolution and a loaded machine: a generous margin, far below the 60 s the grandchild lives.
    expect(took).toBeLessThan(limitMs + 8_000);
  });
});
