import { useDashboard } from '../store';

export function ModelsView() {
  const monitor = useDashboard((s) => s.snapshot?.monitor);
  const discovery = useDashboard((s) => s.snapshot?.status.modelDiscovery);
  const model = useDashboard((s) => s.snapshot?.status.model);
  if (!monitor || !discovery) return null;
  const probe = [monitor.lastFullProbe, monitor.lastProbe].find((p) => p && p.models.length > 0) ?? monitor.lastFullProbe ?? monitor.lastProbe;
  const models = probe?.models ?? [];
  return (
    <section aria-labelledby="models-title" className="view">
      <h1 id="models-title" className="view-title">Models</h1>
      <p>
        Default model: <code>{model?.id}</code>. Gateway model discovery is {discovery.enabled ? 'on' : 'off'}: {discovery.reason}
      </p>
      {probe?.modelDiscovery.attempted && !probe.modelDiscovery.ok && <p className="warning-text">{probe.modelDiscovery.detail}</p>}
      {models.length === 0 ? (
        <p className="empty">No models discovered yet. They appear after a successful check of the gateway's /v1/models.</p>
      ) : (
        <table className="table" data-testid="models">
          <thead>
            <tr><th scope="col">Model id</th><th scope="col">Name</th><th scope="col">In /model picker</th></tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id}>
                <td><code>{m.id}</code></td>
                <td>{m.displayName ?? <span className="muted">—</span>}</td>
                <td>{m.inPicker ? 'Yes' : <span className="muted">No (filtered out)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
