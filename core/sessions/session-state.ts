/**
 * What the session-log reader remembers: the most recent API errors and the
 * time of the last successful turn and last error per surface. Nothing else
 * from the logs is kept.
 */
import type { SessionError, SessionsReport } from '../types';
import type { SessionLine } from './session-line';

export const MAX_RECENT_ERRORS = 20;

export class SessionState {
  #errors: SessionError[] = [];
  #surfaces = new Map<string, { lastSuccessAt: string | null; lastErrorAt: string | null }>();

  /** Records a line; returns the error when it is one not already recorded (same time, surface, project and text). */
  add(line: SessionLine): SessionError | null {
    const surface = line.kind === 'error' ? line.error.surface : line.surface;
    const entry = this.#surfaces.get(surface) ?? { lastSuccessAt: null, lastErrorAt: null };
    this.#surfaces.set(surface, entry);
    if (line.kind === 'success') {
      if (!entry.lastSuccessAt || line.at > entry.lastSuccessAt) entry.lastSuccessAt = line.at;
      return null;
    }
    const e = line.error;
    if (!entry.lastErrorAt || e.at > entry.lastErrorAt) entry.lastErrorAt = e.at;
    if (this.#errors.some((x) => x.at === e.at && x.surface === e.surface && x.project === e.project && x.summary === e.summary)) return null;
    this.#errors.push(e);
    // Most recent first; ISO times in UTC sort as strings.
    this.#errors.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    if (this.#errors.length > MAX_RECENT_ERRORS) this.#errors.length = MAX_RECENT_ERRORS;
    return this.#errors.includes(e) ? e : null;
  }

  clear(): void {
    this.#errors = [];
    this.#surfaces.clear();
  }

  report(enabled: boolean): SessionsReport {
    const surfaces: SessionsReport['surfaces'] = {};
    let lastSuccessAt: string | null = null;
    let lastErrorAt: string | null = null;
    for (const [name, s] of [...this.#surfaces].sort(([a], [b]) => a.localeCompare(b))) {
      surfaces[name] = { ...s };
      if (s.lastSuccessAt && (!lastSuccessAt || s.lastSuccessAt > lastSuccessAt)) lastSuccessAt = s.lastSuccessAt;
      if (s.lastErrorAt && (!lastErrorAt || s.lastErrorAt > lastErrorAt)) lastErrorAt = s.lastErrorAt;
    }
    return { enabled, lastSuccessAt, lastErrorAt, recentErrors: this.#errors.map((e) => ({ ...e })), surfaces };
  }
}

/** The report when the Preferences switch is off: nothing read, nothing kept. */
export function disabledSessionsReport(): SessionsReport {
  return { enabled: false, lastSuccessAt: null, lastErrorAt: null, recentErrors: [], surfaces: {} };
}
