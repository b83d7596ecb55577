/**
 * Test-only: sandboxes for the built CLI run as real processes. Each is a
 * fresh HOME in a temp folder (with ~/.claude, an empty managed-settings
 * folder, a project folder and the app's data folder beside it), never the
 * runner's own home, with Claude Code's detection pointed at a program that
 * does not exist. `useProcessSandboxes` registers, for one test file, the
 * build, a temp root and (if asked) the loopback test gateway.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTestGateway, type ScenarioName, type TestGateway } from '../../test-gateway/server';
import { buildCli, runCli, type CliRun } from './built-cli';

export interface ProcessSandbox {
  /** The sandbox's own folder: home/, managed/, project/ and data/ are in it. */
  base: string;
  home: string;
  /** An existing folder with an empty .claude/ (the CLI's working folder by default). */
  project: string;
  /** HOME and the app's folders for a CLI child (built-cli adds PATH). */
  env: Record<string, string>;
  /** Runs the built CLI to completion in `project` (or `cwd`), killed after `timeoutMs` (default 60 s). */
  cli(args: string[], opts?: { cwd?: string; timeoutMs?: number }): Promise<CliRun>;
}

/** Makes a sandbox in `base`; `settings`, when given, is written as ~/.claude/settings.json. */
export async function makeProcessSandbox(base: string, settings?: unknown): Promise<ProcessSandbox> {
  const home = join(base, 'home');
  const project = join(base, 'project');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(join(project, '.claude'), { recursive: true });
  await mkdir(join(base, 'managed'), { recursive: true });
  if (settings !== undefined) await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify(settings, null, 2));
  const env = {
    HOME: home,
    GATEWAY_DOCTOR_MANAGED_DIR: join(base, 'managed'),
    GATEWAY_DOCTOR_DATA_DIR: join(base, 'data'),
    GATEWAY_DOCTOR_SKIP_CLAUDE: '1',
    GATEWAY_DOCTOR_CLAUDE_BIN: join(base, 'no-such-claude'),
  };
  const cli = (args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) => runCli(args, { env, cwd: opts.cwd ?? project, timeoutMs: opts.timeoutMs ?? 60_000 });
  return { base, home, project, env, cli };
}

export interface ProcessSandboxes {
  /** The test file's temp folder (removed after the file). */
  readonly root: string;
  /** The loopback test gateway (only when `useProcessSandboxes` was given a scenario). */
  readonly gateway: TestGateway;
  /** A fresh sandbox in root/`name`. */
  sandbox(name: string, settings?: unknown): Promise<ProcessSandbox>;
}

/** For one test file: builds the CLI, makes a temp root and starts the test gateway in `gateway` scenario; all undone after the file. */
export function useProcessSandboxes(opts: { prefix: string; gateway?: ScenarioName }): ProcessSandboxes {
  let root = '';
  let gateway: TestGateway | null = null;
  beforeAll(async () => {
    buildCli();
    root = await mkdtemp(join(tmpdir(), opts.prefix));
    if (opts.gateway) gateway = await startTestGateway({ scenario: opts.gateway });
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    get gateway() {
      if (!gateway) throw new Error('useProcessSandboxes: no gateway was asked for (pass a scenario).');
      return gateway;
    },
    sandbox: (name, settings) => makeProcessSandbox(join(root, name), settings),
  };
}
