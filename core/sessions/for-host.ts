import { claudeConfigDir } from '../config/discovery/paths';
import type { HostContext } from '../ports';
import { PreferencesFile } from '../preferences';
import type { SessionsReport } from '../types';
import { readRecentSessions } from './session-reader';
import { disabledSessionsReport } from './session-state';

/**
 * One-shot commands (`status`, `check`): the recent tails of this host's
 * session logs, unless the saved Preferences switch turned reading them off.
 */
export async function sessionsForHost(host: HostContext, scrub: (text: string) => string): Promise<SessionsReport> {
  const preferences = new PreferencesFile(host.appDataDir);
  const current = await preferences.load();
  if (!current.readSessionLogs) return disabledSessionsReport();
  return readRecentSessions({ configDir: claudeConfigDir(host), scrub });
}
