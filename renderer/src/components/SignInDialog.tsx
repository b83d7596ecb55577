import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { SignInState } from '../../../core/types';
import { isSignInRunning } from '../../../shared/sign-in-phase';
import { errorMessage } from '../bridge';
import { copyText } from '../lib/clipboard';
import { storeClient, useDashboard } from '../store';
import { Dialog } from './Dialog';

/**
 * Signing in to claude.ai without a terminal: Gateway Doctor runs
 * `claude auth login`, opens the page Claude Code points to, and passes the
 * code the page shows back to Claude Code. The code field is a password
 * field and is cleared once sent; the code is never kept.
 */
export function SignInPanel({ onSignedIn }: { onSignedIn?(state: SignInState): void }) {
  const [state, setState] = useState<SignInState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const refresh = useDashboard((s) => s.refresh);
  const signedInReported = useRef(false);

  // Replies and events race (separate requests): keep the newest state.
  const accept = useCallback((next: SignInState) => setState((prev) => (prev && prev.revision > next.revision ? prev : next)), []);

  const start = useCallback(async () => {
    setError(null);
    signedInReported.current = false;
    try {
      accept(await storeClient().startSignIn());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [accept]);

  useEffect(() => {
    const off = storeClient().on('signIn', accept);
    void start();
    return off;
  }, [start, accept]);

  useEffect(() => {
    if (state?.phase === 'signed-in' && !signedInReported.current) {
      signedInReported.current = true;
      void refresh();
      onSignedIn?.(state);
    }
  }, [state, refresh, onSignedIn]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    const sent = code;
    setCode('');
    try {
      accept(await storeClient().submitSignInCode({ code: sent }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const cancel = async () => {
    try {
      accept(await storeClient().cancelSignIn());
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const copy = async (url: string) => {
    try {
      await copyText(url);
      setCopied(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const phase = state?.phase ?? 'starting';
  return (
    <div className="sign-in" data-testid="sign-in" data-phase={phase} aria-live="polite">
      {phase === 'starting' && <p className="muted">Starting Claude Code’s sign-in…</p>}
      {phase === 'waiting' && state?.url && (
        <>
          <p>
            {state.browserOpened === false
              ? 'No browser could be opened here. Copy this link into a browser and sign in there:'
              : 'Sign in to claude.ai in the browser page that just opened. If it did not open, copy this link into a browser:'}
          </p>
          <div className="sign-in-url">
            <input readOnly aria-label="Sign-in link" value={state.url} data-testid="sign-in-url" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy(state.url!)}>{copied ? 'Copied' : 'Copy link'}</button>
          </div>
          <form onSubmit={(e) => void submit(e)} className="sign-in-code">
            <label htmlFor="sign-in-code">Code from the browser page (if it shows one)</label>
            <input id="sign-in-code" type="password" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
            <button type="submit" className="primary" disabled={!code.trim()}>Continue</button>
          </form>
          {state.codeSubmitted && !state.codeProblem && <p className="muted small">Code sent to Claude Code; finishing the sign-in…</p>}
          {state.codeProblem && <p className="error-text" role="alert">{state.codeProblem}</p>}
        </>
      )}
      {phase === 'verifying' && <p className="muted">Checking the login with Claude Code…</p>}
      {phase === 'signed-in' && <p className="success-text" data-testid="signed-in">{state?.account?.label ?? 'Signed in.'}</p>}
      {phase === 'failed' && state?.error && (
        <div role="alert">
          <p className={state.error.kind === 'cancelled' ? 'muted' : 'error-text'}>{state.error.message}</p>
          {state.error.steps.length > 0 && <ul className="small">{state.error.steps.map((s, i) => <li key={i}>{s}</li>)}</ul>}
        </div>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="form-actions">
        {isSignInRunning(phase) && <button type="button" onClick={() => void cancel()}>Cancel sign-in</button>}
        {phase === 'failed' && <button type="button" onClick={() => void start()}>Try again</button>}
      </div>
    </div>
  );
}

/** Cancels the sign-in if one is running (closing its dialog leaves nothing running). */
export async function cancelRunningSignIn(): Promise<void> {
  try {
    const state = await storeClient().getSignIn();
    if (isSignInRunning(state.phase)) await storeClient().cancelSignIn();
  } catch {
    // Disconnected: the core's own timeout still ends it.
  }
}

/** The sign-in on its own (Profiles view, tray menu's "Sign in to claude.ai…"). */
export function SignInDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const close = useCallback(() => {
    void cancelRunningSignIn();
    onClose();
  }, [onClose]);
  return (
    <Dialog title="Sign in to claude.ai" open={open} onClose={close}>
      {open && <SignInPanel />}
    </Dialog>
  );
}
