/**
 * `gateway-doctor check` as a real process of the built CLI, with an
 * apiKeyHelper that starts a `setsid` grandchild holding stdout open (the
 * review's escape from the time limit: 46 s against 10 s). The process must
 * finish within the probe's time limit plus a small margin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import { buildCli, runCli } from '../testing/built-cli';

/** setsid(1) is util-linux: on every Linux, not on macOS or Windows. */
const hasSetsid = process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v setsid'], { stdio: 'ignore' }).status === 0;
let root: string;
let gateway: TestGateway;

beforeAll(async () => {
  buildCli();
  root = await mkdtemp(join(tmpdir(), 'gd-helper-deadline-'));
  gateway = await startTestGateway({ scenario: 'healthy' });
});
afterAll(async () => {
  await gateway.close();
  await rm(root, { recursive: true, force: true });
});

describe.runIf(hasSetsid)('check with an apiKeyHelper whose setsid grandchild holds stdout open', () => {
  it('finishes within --timeout plus a small margin and says the helper was stopped', { timeout: 60_000 }, async () => {
    const home = join(root, 'home');
    const pidFile = join(root, 'grandchild.pid');
    await mkdir(join(home, '.claude'), { recursive: true });
    await mkdir(join(root, 'managed'));
    const helper = `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 60' & sleep 60`;
    await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ apiKeyHelper: helper, env: { ANTHROPIC_BASE_URL: gateway.url } }, null, 2));
    const limitMs = 2_000;
    const started = Date.now();
    const run = await runCli(['check', '--json', '--timeout', String(limitMs)], {
      env: { HOME: home, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'), GATEWAY_DOCTOR_SKIP_CLAUDE: '1' },
      cwd: home,
      timeoutMs: 50_000,
    });
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
