import type { SurfaceId, SurfaceState } from '../../../core/types';
import { homeRelativeText } from '../../../shared/home-path';
import { useHomeDir } from '../components/PathText';
import { useDashboard, useDashboardFields } from '../store';

const SURFACE_LABELS: Record<SurfaceId, string> = {
  cli: 'CLI',
  vscode: 'VS Code',
  desktop: 'Desktop',
  remoteControl: 'Remote Control',
  voice: 'Voice',
  githubActions: 'GitHub Actions',
  agentSdk: 'Agent SDK',
};

const STATE_WORDS: Record<SurfaceState, string> = { available: 'Available', disabled: 'Disabled', 'needs-setup': 'Needs setup' };

export function SurfacesView() {
  const surfaces = useDashboard((s) => s.snapshot?.status.surfaces);
  const findings = useDashboard((s) => s.snapshot?.status.findings);
  const { openPlan, setView } = useDashboardFields('openPlan', 'setView');
  const home = useHomeDir();
  if (!surfaces) return null;
  return (
    <section aria-labelledby="surfaces-title" className="view">
      <h1 id="surfaces-title" className="view-title">Surfaces</h1>
      <ul className="surface-grid">
        {(Object.keys(SURFACE_LABELS) as SurfaceId[]).map((id) => {
          const surface = surfaces[id];
          if (!surface) return null;
          const finding = surface.fixFindingId ? findings?.find((f) => f.id === surface.fixFindingId) : undefined;
          return (
            <li key={id} className={`card surface surface-${surface.state}`} data-testid={`surface-${id}`} data-state={surface.state}>
              <h2>{SURFACE_LABELS[id]}</h2>
              <p className={`badge state-${surface.state}`}>{STATE_WORDS[surface.state]}</p>
              <p className="surface-reason">{homeRelativeText(surface.reason, home)}</p>
              {surface.fixFindingId &&
                (finding?.machineFix ? (
                  <button type="button" onClick={() => openPlan({ kind: 'fix', findingId: surface.fixFindingId!, title: finding.title })}>
                    Fix…
                  </button>
                ) : (
                  <button type="button" className="link" onClick={() => setView('findings', surface.fixFindingId!)}>
                    How to fix
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
