import { useCallback, useEffect, useState } from 'react';
import type { ChangeResult, FixPlan } from '../../../core/types';
import { errorMessage } from '../bridge';
import type { PlanRequest } from '../plan-request';
import { storeClient, useDashboard } from '../store';
import { Dialog } from './Dialog';
import { DiffView } from './DiffView';
import { PathText } from './PathText';
import { cancelRunningSignIn, SignInPanel } from './SignInDialog';


type Phase =
  | { step: 'planning' }
  | { step: 'preview'; plan: FixPlan }
  | { step: 'applying'; plan: FixPlan }
  | { step: 'done'; plan: FixPlan; result: ChangeResult }
  | { step: 'undone'; result: ChangeResult }
  | { step: 'error'; message: string; plan?: FixPlan };

/** What the assertive live region says: only the outcome of a change (applied, undone, refused), not the diff. */
function changeAnnouncement(phase: Phase): string {
  if (phase.step === 'done') return phase.result.message || 'Applied.';
  if (phase.step === 'undone') return phase.result.message || 'Undone: the files are back as they were.';
  if (phase.step === 'error') return `Not done: ${phase.message}`;
  return '';
}

/**
 * The one-click fix flow: plan (nothing written) → preview of every file's
 * diff and what changes in practice → Apply → result, with Undo available.
 */
export function PlanDialog({ request, onClose: close }: { request: PlanRequest | null; onClose(): void }) {
  const [phase, setPhase] = useState<Phase>({ step: 'planning' });
  const [signingIn, setSigningIn] = useState(false);
  // Bumped after a sign-in, so the preview is planned again (it no longer needs one).
  const [planRound, setPlanRound] = useState(0);
  // "Also switch this project": plans again with the personal project settings included.
  const [includeLocal, setIncludeLocal] = useState(false);
  const refresh = useDashboard((s) => s.refresh);
  const signedIn = useCallback(() => setPlanRound((n) => n + 1), []);
  // Closing the preview while its sign-in waits for the browser stops the sign-in too.
  const onClose = useCallback(() => {
    if (signingIn) void cancelRunningSignIn();
    close();
  }, [signingIn, close]);

  // A new request starts without the previous one's sign-in or "also switch this project". Reset while
  // rendering, not in an effect: an effect would let the planning effect below run once more with the
  // previous request's includeLocal, asking the core for a plan that is thrown away.
  const [shownRequest, setShownRequest] = useState(request);
  if (shownRequest !== request) {
    setShownRequest(request);
    setSigningIn(false);
    setIncludeLocal(false);
  }

  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    setPhase({ step: 'planning' });
    const client = storeClient();
    const planned =
      request.kind === 'fix'
        ? client.planFix({ findingId: request.findingId })
        : client.planSwitch({ target: request.target, profileId: request.profileId, ...(includeLocal ? { includeLocalSettings: true } : {}) });
    planned.then(
      (plan) => !cancelled && setPhase({ step: 'preview', plan }),
      (error: unknown) => !cancelled && setPhase({ step: 'error', message: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [request, planRound, includeLocal]);

  const apply = useCallback(async (plan: FixPlan) => {
    setPhase({ step: 'applying', plan });
    try {
      const result = await storeClient().applyPlan({ planId: plan.planId });
      setPhase(result.ok ? { step: 'done', plan, result } : { step: 'error', message: result.message, plan });
    } catch (error) {
      setPhase({ step: 'error', message: errorMessage(error), plan });
    }
    void refresh();
  }, [refresh]);

  const undo = useCallback(async (changeId: string) => {
    try {
      const result = await storeClient().undoChange({ changeId });
      setPhase(result.ok ? { step: 'undone', result } : { step: 'error', message: result.message });
    } catch (error) {
      setPhase({ step: 'error', message: errorMessage(error) });
    }
    void refresh();
  }, [refresh]);

  const plan = 'plan' in phase ? phase.plan : undefined;
  const announcement = changeAnnouncement(phase);
  let footer;
  if (phase.step === 'preview') {
    footer = (
      <>
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" disabled={!phase.plan.canApply} onClick={() => void apply(phase.plan)}>
          Apply
        </button>
      </>
    );
  } else if (phase.step === 'applying') {
    footer = <button type="button" className="primary" disabled>Applying…</button>;
  } else if (phase.step === 'done') {
    footer = (
      <>
        {phase.result.change && (
          <button type="button" onClick={() => void undo(phase.result.change!.changeId)}>
            Undo
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>Done</button>
      </>
    );
  } else {
    footer = <button type="button" onClick={onClose}>Close</button>;
  }

  return (
    <Dialog title={plan?.title ?? request?.title ?? 'Fix'} open={request !== null} onClose={onClose} footer={footer} wide>
      {/* Inside the dialog: screen readers ignore live regions behind a modal. */}
      <p className="visually-hidden" aria-live="assertive" data-testid="change-announcer">{announcement}</p>
      <div className="plan" data-testid="plan-dialog" data-step={phase.step}>
        {phase.step === 'planning' && <p className="muted">Preparing the preview… nothing is written yet.</p>}
        {phase.step === 'error' && (
          <p className="error-text">
            {phase.message}
          </p>
        )}
        {plan && phase.step !== 'done' && (
          <>
            {plan.surfaces && plan.surfaces.length > 0 && (
              <section data-testid="plan-surfaces">
                <h3>Each surface</h3>
                <ul className="surface-changes">
                  {plan.surfaces.map((s) => (
                    <li key={s.surface} data-surface={s.surface}>
                      <strong>{s.label}</strong>: {s.outcome}
                      {s.keepsGateway && s.keepsGateway.length > 0 && <ul className="warnings">{s.keepsGateway.map((k, i) => <li key={i}>{k}</li>)}</ul>}
                      {s.localSettings && !s.localSettings.included && phase.step === 'preview' && (
                        <div>
                          <button type="button" data-testid="include-local-settings" onClick={() => setIncludeLocal(true)}>
                            Also switch {s.localSettings.files.length === 1 ? 'this project' : 'these projects'} (your own {s.localSettings.files.map((f) => f.replace(/^.*[\\/]([^\\/]+)[\\/]\.claude[\\/]/, '$1/.claude/')).join(', ')})
                          </button>
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {plan.effects.length > 0 && (
              <section>
                <h3>What changes</h3>
                <ul>{plan.effects.map((e, i) => <li key={i}>{e}</li>)}</ul>
              </section>
            )}
            {plan.signInOffered && phase.step === 'preview' && (
              <section className="card sign-in-offer" data-testid="sign-in-offer">
                <h3>Sign in to claude.ai</h3>
                {signingIn ? (
                  <SignInPanel onSignedIn={signedIn} />
                ) : (
                  <>
                    <p className="muted small">Claude Code needs a claude.ai login for this mode. Gateway Doctor can sign you in: it opens the sign-in page in your browser.</p>
                    <button type="button" className="primary" onClick={() => setSigningIn(true)}>Sign in to claude.ai…</button>
                  </>
                )}
              </section>
            )}
            {plan.warnings.length > 0 && (
              <ul className="warnings">{plan.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            )}
            {!plan.canApply && <p className="error-text">This cannot be applied: {plan.refusal ?? 'no reason given'}.</p>}
            <h3>Files</h3>
            {plan.files.length === 0 ? <p className="muted">No file changes.</p> : plan.files.map((file) => <DiffView key={file.path} file={file} />)}
          </>
        )}
        {phase.step === 'done' && (
          <div data-testid="apply-result">
            <p className="success-text">{phase.result.message || 'Applied.'}</p>
            {phase.result.change && (
              <ul>{phase.result.change.files.map((f) => <li key={f.path}><PathText path={f.path} />{f.created ? ' (created)' : ''}</li>)}</ul>
            )}
            {phase.result.verify && (
              <p>
                {phase.result.verify.resolved
                  ? 'Checked again: the problem is gone.'
                  : `Checked again: still present (${phase.result.verify.findingsAfter.join(', ') || 'no findings'}).`}
              </p>
            )}
            <p className="muted">Undo stays available in Findings until you make another change.</p>
          </div>
        )}
        {phase.step === 'undone' && <p className="success-text" data-testid="undo-result">{phase.result.message || 'Undone: the files are back as they were.'}</p>}
      </div>
    </Dialog>
  );
}
