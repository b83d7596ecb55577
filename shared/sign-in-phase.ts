/**
 * The sign-in phases in which `claude auth login` is running, once: the
 * engine (one sign-in at a time, cancel), the tray menu ("Signing in…") and
 * the dashboard's sign-in dialog (its Cancel button) agree on them.
 */
import type { SignInState } from '../core/types';

const RUNNING: ReadonlyArray<SignInState['phase']> = ['starting', 'waiting', 'verifying'];

export function isSignInRunning(phase: SignInState['phase']): boolean {
  return RUNNING.includes(phase);
}
