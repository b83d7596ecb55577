/**
 * A HostContext whose home, XDG config and app data folders all sit inside
 * one fresh temp folder: the complete sandbox for a test that reads or
 * writes Claude Code's files, and never the real home folder.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostContext } from '../ports';
import { makeTempDir } from './temp-dir';

export interface TempHost {
  /** The temp folder holding everything (home is `root/home`, app data `root/appdata`). */
  root: string;
  host: HostContext;
  cleanup(): Promise<void>;
}

export async function makeTempHost(options: { prefix?: string; inMemory?: boolean } = {}): Promise<TempHost> {
  const { dir: root, cleanup } = await makeTempDir(options.prefix ?? 'gd-host-', { inMemory: options.inMemory });
  const home = join(root, 'home');
  // It exists, as a real home does (an apiKeyHelper runs in it).
  await mkdir(home);
  const host: HostContext = {
    platform: process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux',
    homeDir: home,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), PATH: process.env.PATH },
    appDataDir: join(root, 'appdata'),
  };
  return { root, host, cleanup };
}
