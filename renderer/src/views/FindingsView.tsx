import { useEffect, useRef, useState } from 'react';
import type { Finding } from '../../../core/types';
import { errorMessage } from '../bridge';
import { homeRelativeText } from '../../../shared/home-path';
import { useHomeDir } from '../components/PathText';
import { formatSource, formatTime, sourceTitle } from '../lib/format';
import { storeClient, useDashboard, useDashboardFields } from '../store';

function FindingCard({ finding, focused }: { finding: Finding; focused: boolean }) {
  const openPlan = useDashboard((s) => s.openPlan);
  const home = useHomeDir();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused && ref.current) {
      ref.current.scrollIntoView({ block: 'start' });
      ref.current.focus();
    }
  }, [focused]);
  return (
    <article
      ref={ref}
      tabIndex={-1}
      className={`card finding severity-${finding.severity}${focused ? ' focused' : ''}`}
      data-testid={`finding-${finding.id}`}
      aria-labelledby={`finding-title-${finding.id}`}
    >
      <header className="finding-header">
        <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>
        <h2 id={`finding-title-${finding.id}`}>{finding.title}</h2>
      </header>
      <p className="finding-detail">{homeRelativeText(finding.detail, home)}</p>
      {finding.source && (
        <p className="small">
          In <code className="path" data-testid="finding-source" title={sourceTitle(finding.source)}>{formatSource(finding.source, home)}</code>
        </p>
      )}
      <p>
        <strong>Fix:</strong> {finding.fix}
      </p>
      {finding.steps && finding.steps.length > 0 && (
        <ol className="steps" aria-label="Steps">
          {finding.steps.map((step, i) => <li key={i}>{step}</li>)}
        </ol>
      )}
      <div className="finding-actions">
        {finding.machineFix && (
          <button type="button" className="primary" onClick={() => openPlan({ kind: 'fix', findingId: finding.id, title: finding.title })}>
            Fix…
          </button>
        )}
        {finding.docs && (
          <a href={finding.docs} target="_blank" rel="noreferrer noopener">
            Documentation
          </a>
        )}
        <code className="muted small finding-id">{finding.id}</code>
      </div>
    </article>
  );
}

function UndoBar() {
  const changes = useDashboard((s) => s.snapshot?.changes ?? []);
  const { refresh, showToast } = useDashboardFields('refresh', 'showToast');
  const [busy, setBusy] = useState(false);
  const last = changes.find((c) => !c.undone);
  if (!last) return null;
  const undo = async () => {
    setBusy(true);
    try {
      const result = await storeClient().undoChange({ changeId: last.changeId });
      showToast(result.ok ? 'info' : 'error', result.ok ? `Undone: ${last.title}` : result.message);
    } catch (error) {
      showToast('error', errorMessage(error));
    } finally {
      setBusy(false);
      void refresh();
    }
  };
  return (
    <div className="undo-bar" role="region" aria-label="Last change">
      <span>
        Last change: <strong>{last.title}</strong> <span className="muted small">({formatTime(last.at)})</span>
      </span>
      <button type="button" onClick={() => void undo()} disabled={busy}>
        {busy ? 'Undoing…' : 'Undo'}
      </button>
    </div>
  );
}

export function FindingsView() {
  const findings = useDashboard((s) => s.snapshot?.status.findings);
  const focus = useDashboard((s) => s.focusFindingId);
  if (!findings) return null;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <section aria-labelledby="findings-title" className="view">
      <h1 id="findings-title" className="view-title">Findings</h1>
      <UndoBar />
      {focus && !findings.some((f) => f.id === focus) && (
        <p className="muted" role="status">The finding “{focus}” is no longer present.</p>
      )}
      {sorted.length === 0 ? (
        <p className="empty">No findings: nothing needs your attention.</p>
      ) : (
        <div className="finding-list">
          {sorted.map((f) => <FindingCard key={f.id} finding={f} focused={f.id === focus} />)}
        </div>
      )}
    </section>
  );
}
