import { useEffect, useState } from 'react';
import { errorMessage } from './bridge';
import { PlanDialog } from './components/PlanDialog';
import { SignInDialog } from './components/SignInDialog';
import { copyText } from './lib/clipboard';
import { STATE_WORDS } from '../../shared/state-words';
import { VIEWS, type ViewId } from '../../shared/views';
import { applyDeepLink, storeClient, useDashboard, useDashboardFields } from './store';
import { ConfigurationView } from './views/ConfigurationView';
import { ExplainView } from './views/ExplainView';
import { FindingsView } from './views/FindingsView';
import { HealthView } from './views/HealthView';
import { ModelsView } from './views/ModelsView';
import { PreferencesView } from './views/PreferencesView';
import { ProfilesView } from './views/ProfilesView';
import { SurfacesView } from './views/SurfacesView';

const VIEW_COMPONENTS: Record<ViewId, () => React.JSX.Element | null> = {
  health: HealthView,
  configuration: ConfigurationView,
  surfaces: SurfacesView,
  findings: FindingsView,
  models: ModelsView,
  profiles: ProfilesView,
  preferences: PreferencesView,
  explain: ExplainView,
};

function CopyReportButton() {
  const showToast = useDashboard((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const { markdown } = await storeClient().getReport();
      await copyText(markdown);
      showToast('info', 'Report copied to the clipboard. Paste it to your gateway team.');
    } catch (error) {
      showToast('error', `Could not copy the report: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={() => void copy()} disabled={busy}>
      {busy ? 'Copying…' : 'Copy report'}
    </button>
  );
}

function Toast() {
  const { toast, dismissToast: dismiss } = useDashboardFields('toast', 'dismissToast');
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismiss, toast.kind === 'error' ? 10_000 : 5_000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  const shown = toast && (
    <div className={`toast toast-${toast.kind}`} key={toast.id}>
      <span>{toast.text}</span>
      <button type="button" className="icon-button" onClick={dismiss} aria-label="Dismiss">×</button>
    </div>
  );
  // Both regions stay mounted (a live region added with its text is often not read): news is
  // polite, an error (a refused change, a failed check) interrupts.
  return (
    <div className="toast-region" data-testid="toast">
      <div role="status" aria-live="polite">{toast?.kind === 'info' && shown}</div>
      <div role="alert" aria-live="assertive">{toast?.kind === 'error' && shown}</div>
    </div>
  );
}

/** The skip link moves focus without touching the address bar's hash, which carries deep links. */
function skipToView(event: React.MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/**
 * Says the verdict out loud when it changes (healthy → down…), politely, on
 * any view: the Health view's verdict card is not on screen everywhere.
 */
function VerdictAnnouncer() {
  const headline = useDashboard((s) => s.snapshot?.monitor.headline ?? '');
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="verdict-announcer">
      {headline}
    </div>
  );
}

export function App() {
  const { snapshot, loadError, connection, view, setView, checking, plan, closePlan, signInOpen, closeSignIn, refresh } = useDashboardFields('snapshot', 'loadError', 'connection', 'view', 'setView', 'checking', 'plan', 'closePlan', 'signInOpen', 'closeSignIn', 'refresh');

  useEffect(() => {
    const onHash = () => applyDeepLink(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const findingCount = snapshot?.status.findings.filter((f) => f.severity !== 'info').length ?? 0;
  const state = checking ? 'pending' : (snapshot?.monitor.state ?? 'pending');
  const View = VIEW_COMPONENTS[view];

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToView}>Skip to the view</a>
      <header className="topbar">
        <p className="brand">Gateway Doctor</p>
        <span className={`pill pill-${state}`} data-testid="state-pill">
          <span className="verdict-dot" aria-hidden="true" /> {snapshot ? STATE_WORDS[state] : 'Loading…'}
        </span>
        {connection === 'lost' && <span className="pill pill-down" role="status">Disconnected — retrying</span>}
        <span className="spacer" />
        <CopyReportButton />
      </header>
      <nav className="sidebar" aria-label="Views">
        <ul>
          {VIEWS.map((item) => (
            <li key={item.id}>
              <button type="button" className="nav-item" aria-current={view === item.id ? 'page' : undefined} onClick={() => setView(item.id)}>
                {item.label}
                {item.id === 'findings' && findingCount > 0 && <span className="count" aria-label={`${findingCount} to look at`}>{findingCount}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {snapshot ? (
          <View />
        ) : loadError ? (
          <div className="card" role="alert">
            <h2>Cannot load the dashboard</h2>
            <p className="error-text" data-testid="load-error">{loadError}</p>
            <button type="button" onClick={() => void refresh()}>Try again</button>
          </div>
        ) : (
          <div className="loading" aria-busy="true" aria-label="Loading">
            <div className="skeleton skeleton-verdict" />
            <div className="skeleton skeleton-chart" />
          </div>
        )}
      </main>
      <VerdictAnnouncer />
      <Toast />
      <PlanDialog request={plan} onClose={closePlan} />
      <SignInDialog open={signInOpen} onClose={closeSignIn} />
    </div>
  );
}
