/** Helpers shared by the discovery tests: file trees, a host on a given home, fake runners (temp folders and canaries: core/testing/). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CommandResult, CommandRunner, HostContext } from '../../ports';
import type { Platform } from '../../types';

/** Writes `{ relative path: content }` under `root`, creating folders. */
export async function writeTree(root: string, tree: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(tree)) {
    const path = join(root, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

export function makeHost(home: string, overrides: Partial<HostContext> & { platform?: Platform } = {}): HostContext {
  return {
    platform: 'linux',
    homeDir: home,
    env: { HOME: home, PATH: process.env.PATH },
    managedDir: join(home, 'managed'),
    appDataDir: join(home, 'appdata'),
    ...overrides,
  };
}

export interface RecordedCall {
  command: string;
  args: string[];
  options: Parameters<CommandRunner['run']>[2];
}

/** A runner that answers from a function and records every call. */
export function fakeRunner(answer: (command: string, args: string[]) => Partial<CommandResult> | undefined): CommandRunner & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    async run(command, args, options) {
      calls.push({ command, args, options });
      const partial = answer(command, args) ?? { exitCode: 1 };
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, durationMs: 1, ...partial };
    },
  };
}
