import type { MonitorSnapshot, ProbeStages, SessionsReport, StageStatus } from '../../../core/types';
import { homeRelativeText } from '../../../shared/home-path';
import { STATE_WORDS } from '../../../shared/state-words';
import { LatencyChart } from '../components/LatencyChart';
import { RealisticCheckCard } from '../components/RealisticCheckCard';
import { formatAgo, formatMs, formatTime } from '../lib/format';
import { useDashboardFields } from '../store';
import { useNow } from '../lib/use-now';

const STAGES: Array<{ key: keyof ProbeStages; label: string }> = [
  { key: 'reachable', label: 'Reachable' },
  { key: 'authenticated', label: 'Authenticated' },
  { key: 'modelAnswers', label: 'Model answers' },
];

const STAGE_WORDS: Record<StageStatus, string> = { pass: 'passed', fail: 'failed', skipped: 'not checked', unknown: 'unknown' };

/** Liveness probes skip the model stage; take it from the last full probe then. */
function mergedStages(monitor: MonitorSnapshot): ProbeStages | null {
  const last = monitor.lastProbe;
  if (!last) return monitor.lastFullProbe?.stages ?? null;
  if (last.stages.modelAnswers === 'skipped' && monitor.lastFullProbe && last.outcome !== 'down') {
    return { ...last.stages, modelAnswers: monitor.lastFullProbe.stages.modelAnswers };
  }
  return last.stages;
}

/**
 * What real Claude Code sessions hit lately (read from its session logs):
 * the latest error, where and when, with the finding's fix.
 */
function RealSessions({ sessions, now }: { sessions: SessionsReport | undefined; now: number }) {
  if (!sessions) return null;
  if (!sessions.enabled) {
    return (
      <p className="muted small" data-testid="sessions-off">
        Reading Claude Code&apos;s session logs is off (Preferences).
      </p>
    );
  }
  const latest = sessions.recentErrors[0];
  if (!latest) {
    return sessions.lastSuccessAt ? (
      <p className="muted small" data-testid="sessions-ok">
        Claude Code&apos;s last successful answer: {formatAgo(sessions.lastSuccessAt, now)}.
      </p>
    ) : null;
  }
  const recoveredSince = sessions.lastSuccessAt !== null && sessions.lastSuccessAt > latest.at;
  return (
    <section className="card session-error" aria-labelledby="session-error-title" data-testid="session-error">
      <h2 id="session-error-title">
        Claude Code hit this in {latest.project} ({latest.surface}), {formatAgo(latest.at, now)}
      </h2>
      <p>
        <strong>{latest.title ?? 'An API error'}.</strong> <span className="muted">{latest.summary}</span>
      </p>
      {latest.fix && <p data-testid="session-error-fix">Fix: {latest.fix}</p>}
      <p className="muted small">
        {recoveredSince ? `A later turn succeeded (${formatAgo(sessions.lastSuccessAt, now)}). ` : ''}
        {sessions.recentErrors.length > 1 ? `${sessions.recentErrors.length} recent errors in all.` : ''}
      </p>
    </section>
  );
}

export function HealthView() {
  const { snapshot, checking, checkNow, setView } = useDashboardFields('snapshot', 'checking', 'checkNow', 'setView');
  const now = useNow(15_000);
  if (!snapshot) return null;
  const { monitor, history } = snapshot;
  const state = checking ? 'pending' : monitor.state;
  const stages = mergedStages(monitor);
  const probe = monitor.lastFullProbe && monitor.lastProbe && monitor.lastFullProbe.at >= monitor.lastProbe.at ? monitor.lastFullProbe : monitor.lastProbe;
  const tls = probe?.tls ?? monitor.lastFullProbe?.tls ?? null;

  return (
    <section aria-labelledby="health-title" className="view">
      <h1 id="health-title" className="view-title">Health</h1>
      <div className={`verdict verdict-${state}`} data-testid="verdict" data-state={monitor.state}>
        <div className="verdict-main">
          <span className="verdict-dot" aria-hidden="true" />
          <div>
            <p className="verdict-state">{STATE_WORDS[state]}</p>
            <p className="verdict-headline" data-testid="headline">{monitor.headline}</p>
          </div>
        </div>
        <div className="verdict-actions">
          <button type="button" className="primary" onClick={() => void checkNow()} disabled={checking} aria-busy={checking}>
            {checking ? 'Checking…' : 'Check now'}
          </button>
          <p className="muted small" data-testid="last-check">
            Last check: {formatAgo(monitor.lastProbe?.at, now)}
            {monitor.nextCheckAt && !checking ? ` · next at ${new Date(monitor.nextCheckAt).toLocaleTimeString()}` : ''}
          </p>
        </div>
      </div>
      {monitor.cause && (
        <p className="cause">
          <strong>{monitor.cause.title}.</strong> {homeRelativeText(monitor.cause.detail, snapshot.homeDir)}{' '}
          <button type="button" className="link" onClick={() => setView('findings', monitor.cause!.id)}>
            See the fix
          </button>
        </p>
      )}

      <RealSessions sessions={snapshot.sessions ?? snapshot.status.sessions} now={now} />

      <ol className="stages" aria-label="Probe stages">
        {STAGES.map(({ key, label }) => {
          const status: StageStatus = stages?.[key] ?? 'unknown';
          return (
            <li key={key} className={`stage stage-${status}`} data-testid={`stage-${key}`} data-status={status}>
              <span className="stage-icon" aria-hidden="true">{status === 'pass' ? '✓' : status === 'fail' ? '✕' : '–'}</span>
              <span>{label}</span>
              <span className="muted small">{STAGE_WORDS[status]}</span>
            </li>
          );
        })}
      </ol>

      <LatencyChart history={history} now={now} />

      <div className="cards">
        <section className="card" aria-labelledby="timings-title">
          <h2 id="timings-title">Last probe timings</h2>
          <dl className="kv">
            <dt>DNS</dt><dd>{formatMs(probe?.timings.dnsMs)}</dd>
            <dt>Connect</dt><dd>{formatMs(probe?.timings.connectMs)}</dd>
            <dt>TLS</dt><dd>{formatMs(probe?.timings.tlsMs)}</dd>
            <dt>First byte</dt><dd>{formatMs(probe?.timings.firstByteMs)}</dd>
            <dt>Total</dt><dd data-testid="total-ms">{formatMs(probe?.timings.totalMs)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="tls-title">
          <h2 id="tls-title">TLS certificate</h2>
          {tls ? (
            <dl className="kv">
              <dt>Expires</dt>
              <dd className={tls.daysToExpiry < 14 ? 'warning-text' : undefined}>
                {formatTime(tls.validTo)} ({tls.daysToExpiry} days)
              </dd>
              <dt>Subject</dt><dd>{tls.subject}</dd>
              <dt>Issuer</dt><dd>{tls.issuer}</dd>
              <dt>Trusted</dt><dd>{tls.authorized ? 'yes' : `no — ${tls.authorizationError ?? 'not trusted'}`}</dd>
            </dl>
          ) : (
            <p className="muted">{probe ? (probe.url.startsWith('http:') ? 'Plain HTTP: no certificate.' : 'No certificate seen yet.') : 'No probe yet.'}</p>
          )}
        </section>
        <section className="card" aria-labelledby="probe-title">
          <h2 id="probe-title">Last probe</h2>
          {probe ? (
            <dl className="kv">
              <dt>When</dt><dd>{formatTime(probe.at)}</dd>
              <dt>Request</dt><dd><code>{probe.method} {probe.url}</code></dd>
              <dt>HTTP status</dt><dd>{probe.httpStatus ?? probe.errorCode ?? '—'}</dd>
              <dt>Headers sent</dt><dd>{probe.headersSent.join(', ') || '—'}</dd>
            </dl>
          ) : (
            <p className="muted">No probe yet.</p>
          )}
        </section>
        <RealisticCheckCard />
      </div>
    </section>
  );
}
