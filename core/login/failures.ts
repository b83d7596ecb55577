/** Every way a sign-in can fail, with what to do about it, in words. */
import type { SignInErrorKind, SignInMethod, SignInState } from '../types';
import { INSTALL_HINT } from './claude-command';

type SignInError = NonNullable<SignInState['error']>;

const error = (kind: SignInErrorKind, message: string, steps: string[] = []): SignInError => ({ kind, message, steps });

export function claudeNotFound(lookedIn: string[]): SignInError {
  const where = lookedIn.length > 6 ? [...lookedIn.slice(0, 6), `… and ${lookedIn.length - 6} more`] : lookedIn;
  return error('claude-not-found', 'Claude Code was not found, so Gateway Doctor cannot sign you in.', [`Looked for \`claude\` in: ${where.join(', ')}.`, INSTALL_HINT]);
}

/** The oldest version this sign-in was verified with; older ones may lack `claude auth login`. */
const SIGN_IN_VERIFIED_SINCE = '2.1.197';

export function unsupportedVersion(version: string | null): SignInError {
  const which = version ? `Claude Code ${version}` : 'This Claude Code';
  return error('unsupported-version', `${which} has no \`claude auth login\` command.`, [
    `Update Claude Code to ${SIGN_IN_VERIFIED_SINCE} or newer: run \`claude update\`, or \`npm install -g @anthropic-ai/claude-code@latest\`.`,
    'Or sign in inside Claude Code with /login.',
  ]);
}

const METHOD_WORDS: Record<SignInMethod, string> = { claudeai: 'the claude.ai login', console: 'the Console (API billing) login' };

/** Refuses up front what Claude Code would refuse or silently change (facts §7.1). */
export function policyRefusal(method: SignInMethod, forceLoginMethod: unknown): SignInError | null {
  if (forceLoginMethod === 'gateway') {
    return error('refused-by-managed-settings', 'Your organization’s managed settings set forceLoginMethod to "gateway": Claude Code signs in through the organization’s gateway, not claude.ai.', [
      'Use a gateway profile instead, or ask your administrator.',
    ]);
  }
  if ((forceLoginMethod === 'claudeai' || forceLoginMethod === 'console') && forceLoginMethod !== method) {
    const allowed = forceLoginMethod as SignInMethod;
    return error('refused-by-managed-settings', `Your organization’s settings allow only ${METHOD_WORDS[allowed]} (forceLoginMethod: "${allowed}"), not ${METHOD_WORDS[method]}.`, [
      allowed === 'console' ? 'Sign in to Console instead (`gateway-doctor login --console`).' : 'Sign in to claude.ai instead (without --console).',
    ]);
  }
  return null;
}

export function refusedByPolicy(detail: string, forceLoginOrgUUID: unknown): SignInError {
  const steps = forceLoginOrgUUID !== undefined
    ? ['Your organization’s settings (forceLoginOrgUUID) allow only accounts of a given organization: sign in with your work account.', 'If that is the account you used, ask your administrator.']
    : ['Ask your administrator which login Claude Code allows here (forceLoginMethod, forceLoginOrgUUID).'];
  return error('refused-by-managed-settings', `Claude Code refused the login because of managed settings${detail ? `: ${detail}` : '.'}`, steps);
}

export function unknownOutput(version: string | null, detail: string): SignInError {
  return error('unknown-output', `Claude Code${version ? ` ${version}` : ''} did not print a sign-in link Gateway Doctor recognises${detail ? ` (last line: "${detail}")` : ''}.`, [
    'Sign in in a terminal with `claude auth login`, or inside Claude Code with /login.',
  ]);
}

export function loginFailed(detail: string): SignInError {
  return error('login-failed', `The sign-in did not finish${detail ? `: ${detail}` : '.'}`, ['Try again; if it keeps failing, run `claude auth login` in a terminal to see Claude Code’s own messages.']);
}

export function timedOut(minutes: number): SignInError {
  return error('timed-out', `The sign-in was not finished within ${minutes} minutes, so Gateway Doctor stopped it.`, ['Start the sign-in again when you are ready.']);
}

export const cancelled = (): SignInError => error('cancelled', 'Sign-in cancelled.');
