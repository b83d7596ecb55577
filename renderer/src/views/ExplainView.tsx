import { useState, type FormEvent } from 'react';
import type { ExplainResult } from '../../../core/types';
import { errorMessage } from '../bridge';
import { storeClient, useDashboard } from '../store';

export function ExplainView() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<ExplainResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setView = useDashboard((s) => s.setView);
  const active = useDashboard((s) => s.snapshot?.status.findings ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await storeClient().explainError({ text }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="explain-title" className="view">
      <h1 id="explain-title" className="view-title">Explain an error</h1>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label htmlFor="explain-text">Paste the error Claude Code printed</label>
        <textarea id="explain-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder="API Error: 401 …" />
        <div>
          <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
            {busy ? 'Explaining…' : 'Explain'}
          </button>
        </div>
      </form>
      {error && <p className="error-text" role="alert">{error}</p>}
      <div aria-live="polite" data-testid="explain-result">
        {result &&
          (result.matched ? (
            <article className="card">
              <h2>{result.title}</h2>
              <p>{result.cause}</p>
              <p><strong>Fix:</strong> {result.fix}</p>
              {result.matchedText && <p className="muted small">Matched: <code>{result.matchedText}</code></p>}
              {result.findingId && active.some((f) => f.id === result.findingId) && (
                <button type="button" onClick={() => setView('findings', result.findingId)}>Open this finding</button>
              )}
              {result.alternatives.length > 0 && <p className="muted small">Also possible: {result.alternatives.join(', ')}</p>}
            </article>
          ) : (
            <p className="empty">No known finding matches this text. Copy the report and send it to your gateway team.</p>
          ))}
      </div>
    </section>
  );
}
