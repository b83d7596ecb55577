/**
 * What a browser tab without this run's token shows (typed address, old
 * bookmark, a used one-time link): how to open the dashboard properly,
 * instead of a dashboard whose every call fails.
 */
export function NoTokenPage({ reason }: { reason: string }) {
  return (
    <main className="no-token" data-testid="no-token">
      <h1>Open Gateway Doctor from its command</h1>
      <p>{reason}</p>
      <p>
        The dashboard only answers a tab opened with the link that <code>gateway-doctor serve</code> creates, so that other pages and
        programs on this computer cannot use it. To open it:
      </p>
      <ol>
        <li>
          In a terminal, run <code>gateway-doctor serve --open</code>, or
        </li>
        <li>
          open the full URL that <code>gateway-doctor serve</code> printed (it ends with <code>#token=…</code>).
        </li>
      </ol>
    </main>
  );
}
