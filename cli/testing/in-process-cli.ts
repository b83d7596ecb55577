/**
 * Test-only: the CLI end to end, in-process through main(), for the tests of
 * the commands that change files (fix, use, undo, profiles): real temp
 * files, a temp HOME, and a stand-in secret-tool (the OS keyring cannot
 * exist here). `useCliSandbox()` registers a fresh sandbox per test.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { CANARY } from '../../core/testing/fixtures';
import { Redactor } from '../../core/util/secret';
import { main } from '../main';

export { CANARY };

export interface CliSandbox {
  root: string;
  home: string;
  project: string;
  bin: string;
  userSettings: string;
  vscodeSettings: string;
  /** Everything the commands printed, before the entry point's scrubbing. */
  rawOutput: string;
  run(argv: string[], opts?: { stdin?: string }): Promise<{ code: number; out: string; err: string }>;
  /** No file in the app's data folder (backups aside) holds the canary. */
  assertNoCanaryInAppData(): Promise<void>;
}

export function useCliSandbox(): CliSandbox {
  const box = { rawOutput: '' } as CliSandbox;

  box.run = async (argv, opts = {}) => {
    let out = '';
    let err = '';
    const env = {
      HOME: box.home,
      CLAUDE_CONFIG_DIR: '',
      XDG_CONFIG_HOME: join(box.home, '.config'),
      PATH: `${box.bin}:${process.env.PATH}`,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-test-bus',
      GATEWAY_DOCTOR_MANAGED_DIR: join(box.root, 'managed'),
      GATEWAY_DOCTOR_CLAUDE_BIN: join(box.root, 'no-such-claude'),
      GATEWAY_DOCTOR_DATA_DIR: join(box.root, 'data'),
    };
    // Raw output (before the entry point's scrubbing) is what tests assert on,
    // so the commands themselves are proven not to print secrets.
    const io = {
      env,
      cwd: box.project,
      out: (t: string) => void (out += t),
      err: (t: string) => void (err += t),
      redactor: new Redactor(),
      signal: new AbortController().signal,
      ...(opts.stdin !== undefined ? { stdin: async () => opts.stdin as string } : {}),
    };
    const code = await main(argv, io);
    box.rawOutput += out + err;
    return { code, out, err };
  };

  box.assertNoCanaryInAppData = async () => {
    const dataDir = join(box.root, 'data');
    for (const e of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
      const full = join(e.parentPath, e.name);
      expect(full).not.toContain(CANARY);
      if (e.isFile() && !full.includes(`${dataDir}/backups/`)) expect(await readFile(full, 'utf8'), full).not.toContain(CANARY);
    }
  };

  beforeEach(async () => {
    box.root = await mkdtemp(join(tmpdir(), 'gd-cli-'));
    box.home = join(box.root, 'home');
    box.project = join(box.root, 'repo');
    box.bin = join(box.root, 'bin');
    box.userSettings = join(box.home, '.claude', 'settings.json');
    box.vscodeSettings = join(box.home, '.config', 'Code', 'User', 'settings.json');
    await mkdir(join(box.home, '.claude'), { recursive: true });
    await mkdir(join(box.home, '.config', 'Code', 'User'), { recursive: true });
    await mkdir(box.project, { recursive: true });
    await mkdir(box.bin);
    const store = join(box.root, 'keyring');
    await writeFile(join(box.bin, 'secret-tool'), `#!/bin/sh\ncase "$1" in\n  store) cat > "${store}-$6" ;;\n  lookup) [ -f "${store}-$5" ] && cat "${store}-$5" || exit 1 ;;\n  clear) rm -f "${store}-$5" ;;\nesac\n`);
    await chmod(join(box.bin, 'secret-tool'), 0o755);
    box.rawOutput = '';
  });
  afterEach(() => rm(box.root, { recursive: true, force: true }));

  return box;
}
