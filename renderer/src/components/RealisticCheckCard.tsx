/**
 * The dashboard's realistic check: on demand only (it streams up to 32 output
 * tokens, paid from the day's event allowance). Shows how the stream arrived
 * and what the check found, each finding with its fix.
 */
import type { ProbeStreamReport } from '../../../core/types';
import { STATE_WORDS } from '../../../shared/state-words';
import { formatMs, formatTime } from '../lib/format';
import { useDashboardFields } from '../store';

const FRAMING: Record<ProbeStreamReport['framing'], string> = {
  sse: 'server-sent events',
  'aws-event-stream': 'AWS event-stream',
  json: 'plain JSON, not a stream',
  other: 'not a stream',
};

export function RealisticCheckCard() {
  const { realistic: result, checkingRealistic: running, checkRealistic } = useDashboardFields('realistic', 'checkingRealistic', 'checkRealistic');
  const stream = result?.stream;

  return (
    <section className="card" aria-labelledby="realistic-title" data-testid="realistic-check">
      <h2 id="realistic-title">Realistic check</h2>
      <p className="muted small">
        A request shaped like Claude Code&apos;s, streamed like Claude Code streams it. Up to 32 tokens, from today&apos;s allowance for on-demand checks.
      </p>
      <button type="button" onClick={() => void checkRealistic()} disabled={running} aria-busy={running}>
        {running ? 'Checking…' : 'Run realistic check'}
      </button>
      {result && (
        <>
          <dl className="kv">
            <dt>Result</dt>
            <dd data-testid="realistic-outcome" data-outcome={result.outcome}>
              {STATE_WORDS[result.outcome]} · {formatTime(result.at)}
            </dd>
            <dt>Tokens</dt><dd>{result.tokensSpent}</dd>
            {stream && (
              <>
                <dt>Stream</dt><dd data-testid="realistic-stream">{FRAMING[stream.framing]}</dd>
                {stream.framing !== 'json' && stream.framing !== 'other' && (
                  <>
                    <dt>Content</dt>
                    <dd>
                      {stream.contentDeltas} deltas in {stream.contentDeltaReads} read(s), first at {formatMs(stream.firstContentDeltaMs)}, last at {formatMs(stream.lastContentDeltaMs)}
                    </dd>
                    <dt>Pings</dt><dd>{stream.eventCounts.ping ?? 0}</dd>
                    <dt>Longest pause</dt><dd>{formatMs(stream.longestGapMs)}</dd>
                  </>
                )}
              </>
            )}
          </dl>
          {result.findings.length > 0 && (
            <ul className="realistic-findings" aria-label="Realistic check findings">
              {result.findings.map((f) => (
                <li key={f.id} data-testid={`realistic-finding-${f.id}`}>
                  <strong>{f.title}.</strong> {f.detail} <em>Fix:</em> {f.fix}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
