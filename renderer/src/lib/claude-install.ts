import type { ClaudeCodeInfo } from '../../../core/types';

/**
 * One sentence about the installed Claude Code and where the app found it
 * (core/config/claude-locator.ts), for the Configuration view. A claude found
 * only in an install folder is worth saying: the user's terminal may run a
 * different one if its PATH differs.
 */
export function claudeInstallText(info: ClaudeCodeInfo): { text: string; path: string | null } {
  const loc = info.location;
  if (!info.installed) {
    if (loc) return { text: `The claude found here did not answer \`claude --version\`; predictions follow ${info.behaviourVersion}, the latest documented version.`, path: loc.path };
    if (loc === null) return { text: `Claude Code was not found on the PATH nor in its usual install folders; predictions follow ${info.behaviourVersion}, the latest documented version.`, path: null };
    return { text: `Claude Code was not checked; predictions follow ${info.behaviourVersion}, the latest documented version.`, path: null };
  }
  const version = `Claude Code ${info.version}`;
  if (!loc) return { text: `${version}.`, path: null };
  if (loc.foundBy === 'path') return { text: `${version}, found on the PATH:`, path: loc.path };
  if (loc.foundBy === 'setting') return { text: `${version}, set by GATEWAY_DOCTOR_CLAUDE_BIN:`, path: loc.path };
  return { text: `${version}, found in ${loc.where} (not on the app's PATH):`, path: loc.path };
}
