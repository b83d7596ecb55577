/**
 * A temp machine for the session-log tests: user settings point Claude Code
 * at the gateway, a project folder waits for a session log, and the env keeps
 * HOME, managed settings and the app's data inside one temp folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

interface SessionsHome {
  root: string;
  home: string;
  /** Where Claude Code would write this project's session log (not created). */
  log: string;
  /** HOME, PATH, GATEWAY_DOCTOR_MANAGED_DIR and GATEWAY_DOCTOR_DATA_DIR, all inside `root`. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function makeSessionsHome(gatewayUrl: string, options: { prefix?: string; token?: string } = {}): Promise<SessionsHome> {
  const { dir: root, cleanup } = await makeTempDir(options.prefix ?? 'gd-sessions-');
  const home = join(root, 'home');
  const project = join(home, '.claude', 'projects', '-home-user-code-app');
  await mkdir(project, { recursive: true });
  await mkdir(join(root, 'managed'));
  const settings = { env: { ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: options.token ?? 'sk-test-token-0000000000' } };
  await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify(settings) + '\n');
  const env = { HOME: home, PATH: process.env.PATH ?? '', GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') };
  return { root, home, log: join(project, 'session.jsonl'), env, cleanup };
}
