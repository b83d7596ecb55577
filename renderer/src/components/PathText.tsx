import { homeRelative } from '../../../shared/home-path';
import { useDashboard } from '../store';

/** The home folder from the snapshot ('' before the first one). */
export function useHomeDir(): string {
  return useDashboard((s) => s.snapshot?.homeDir ?? '');
}

/**
 * A file path as people read it: `~/…` under the home folder, wrapping at any
 * character so the file name at the end stays visible; the full path is the tooltip.
 */
export function PathText({ path, suffix = '', testId }: { path: string; suffix?: string; testId?: string }) {
  const home = useHomeDir();
  return (
    <code className="path" title={path} data-testid={testId}>
      {homeRelative(path, home)}
      {suffix}
    </code>
  );
}
