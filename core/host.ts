import { join } from 'node:path';
import type { HostContext } from './ports';
import type { Platform } from './types';

/** The app's own data folder, per OS (never inside ~/.claude: that folder is Claude Code's). */
function defaultAppDataDir(platform: Platform, homeDir: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.GATEWAY_DOCTOR_DATA_DIR) return env.GATEWAY_DOCTOR_DATA_DIR;
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', 'Gateway Doctor');
  if (platform === 'win32') return join(env.APPDATA ?? join(homeDir, 'AppData', 'Roaming'), 'Gateway Doctor');
  return join(env.XDG_CONFIG_HOME ?? join(homeDir, '.config'), 'gateway-doctor');
}

/**
 * Builds the host context from a process environment. The home folder comes
 * from HOME (USERPROFILE on Windows), so running with a temp HOME points every
 * path at the temp folder.
 */
export function hostFromEnv(env: Readonly<Record<string, string | undefined>>, platform: Platform = process.platform as Platform): HostContext {
  const homeDir = (platform === 'win32' ? env.USERPROFILE ?? env.HOME : env.HOME ?? env.USERPROFILE) ?? '';
  if (!homeDir) throw new Error('Cannot find the home folder: HOME is not set.');
  return {
    platform,
    homeDir,
    env,
    managedDir: env.GATEWAY_DOCTOR_MANAGED_DIR || undefined,
    appDataDir: defaultAppDataDir(platform, homeDir, env),
  };
}
