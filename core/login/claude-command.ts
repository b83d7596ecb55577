/**
 * How the sign-in finds and starts Claude Code: one function, so the locator
 * that searches install folders beyond PATH can replace it in one place.
 */
import { delimiter } from 'node:path';
import { claudeBinary } from '../config/claude-code';
import type { HostContext } from '../ports';

export interface ClaudeCommand {
  /** What to run: GATEWAY_DOCTOR_CLAUDE_BIN or `claude` (found on PATH). */
  command: string;
  /** Where it is looked for, for the "not found" message. */
  lookedIn: string[];
}

export function locateClaude(host: HostContext): ClaudeCommand {
  const command = claudeBinary(host);
  if (command !== 'claude') return { command, lookedIn: [`GATEWAY_DOCTOR_CLAUDE_BIN (${command})`] };
  const pathValue = host.env.PATH ?? host.env.Path ?? '';
  const dirs = pathValue.split(delimiter).filter(Boolean);
  return { command, lookedIn: dirs.length > 0 ? dirs.map((d) => `${d} (PATH)`) : ['PATH (empty)'] };
}

/**
 * The environment for `claude auth ...`: the host's, with HOME pinned to the
 * host's home folder, and BROWSER set to a no-op so Claude Code does not open
 * a browser itself: Gateway Doctor opens the URL Claude Code prints, through
 * its own allow-listed opener.
 */
export function claudeAuthEnv(host: HostContext): Record<string, string | undefined> {
  return {
    ...host.env,
    HOME: host.homeDir,
    ...(host.platform === 'win32' ? { USERPROFILE: host.homeDir } : { BROWSER: 'true' }),
  };
}

export const INSTALL_HINT = 'Install Claude Code with `npm install -g @anthropic-ai/claude-code` (or the installer at https://code.claude.com/docs/en/setup), then try again.';
