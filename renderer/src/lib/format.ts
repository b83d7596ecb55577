import type { Source } from '../../../core/types';
import { homeRelative } from '../../../shared/home-path';

/** "~/.claude/settings.json:4" style provenance, shortened against the home folder when known. */
export function formatSource(source: Source | null | undefined, homeDir = ''): string {
  if (!source) return 'default';
  if (source.kind === 'shell-env') return 'shell environment';
  const path = homeRelative(source.path, homeDir);
  return source.line ? `${path}:${source.line}` : path;
}

/** The full "path:line" of a source, for a tooltip; undefined when it has no file. */
export function sourceTitle(source: Source | null | undefined): string | undefined {
  if (!source || source.kind === 'shell-env') return undefined;
  return source.line ? `${source.path}:${source.line}` : source.path;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "12 s ago", "5 min ago", or a local time for older moments. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'unknown';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return new Date(at).toLocaleString();
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '—' : new Date(at).toLocaleString();
}

/** Snooze end times offered by the Preferences view. */
export function snoozeUntil(choice: '1h' | '4h' | 'tomorrow', now = new Date()): string {
  if (choice === '1h') return new Date(now.getTime() + 3600_000).toISOString();
  if (choice === '4h') return new Date(now.getTime() + 4 * 3600_000).toISOString();
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(8, 0, 0, 0);
  return tomorrow.toISOString();
}
