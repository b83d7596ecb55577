import { useState, type FormEvent } from 'react';
import type { Preferences } from '../../../core/types';
import { errorMessage } from '../bridge';
import { formatTime, snoozeUntil } from '../lib/format';
import { storeClient, useDashboard, useDashboardFields } from '../store';

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { refresh, showToast } = useDashboardFields('refresh', 'showToast');
  const [prefs, setPrefs] = useState(initial);
  const [dirs, setDirs] = useState(initial.projectDirs.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const update = (patch: Partial<Preferences>) => setPrefs((p) => ({ ...p, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const projectDirs = dirs.split('\n').map((d) => d.trim()).filter(Boolean);
    try {
      await storeClient().setPreferences({
        livenessIntervalSec: prefs.livenessIntervalSec,
        fullProbeIntervalMin: prefs.fullProbeIntervalMin,
        notifications: prefs.notifications,
        startAtLogin: prefs.startAtLogin,
        readSessionLogs: prefs.readSessionLogs,
        projectDirs,
        activeProjectDir: prefs.activeProjectDir && projectDirs.includes(prefs.activeProjectDir) ? prefs.activeProjectDir : (projectDirs[0] ?? null),
      });
      showToast('info', 'Preferences saved.');
      void refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-label="Preferences">
      <label htmlFor="pref-liveness">Check reachability every (seconds, 10–600)</label>
      <input id="pref-liveness" type="number" min={10} max={600} required value={prefs.livenessIntervalSec} onChange={(e) => update({ livenessIntervalSec: Number(e.target.value) })} />
      <label htmlFor="pref-full">Full check with one token every (minutes, 0 = never)</label>
      <input id="pref-full" type="number" min={0} max={1440} required value={prefs.fullProbeIntervalMin} onChange={(e) => update({ fullProbeIntervalMin: Number(e.target.value) })} />
      <fieldset>
        <legend>Notifications</legend>
        <label className="check">
          <input type="checkbox" checked={prefs.notifications.enabled} onChange={(e) => update({ notifications: { ...prefs.notifications, enabled: e.target.checked } })} /> Notify me
        </label>
        <label className="check">
          <input type="checkbox" checked={prefs.notifications.onDown} disabled={!prefs.notifications.enabled} onChange={(e) => update({ notifications: { ...prefs.notifications, onDown: e.target.checked } })} /> When the gateway goes down
        </label>
        <label className="check">
          <input type="checkbox" checked={prefs.notifications.onRecovery} disabled={!prefs.notifications.enabled} onChange={(e) => update({ notifications: { ...prefs.notifications, onRecovery: e.target.checked } })} /> When it recovers
        </label>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={prefs.readSessionLogs} onChange={(e) => update({ readSessionLogs: e.target.checked })} /> Read Claude Code&apos;s session logs for API errors
      </label>
      <p className="muted small">Only the error lines are read (status, type, time, version and Claude Code&apos;s error message); prompts and answers are never kept, shown or sent.</p>
      <label htmlFor="pref-dirs">Project folders to include (one per line)</label>
      <textarea id="pref-dirs" rows={3} value={dirs} onChange={(e) => setDirs(e.target.value)} />
      <label htmlFor="pref-active">Active project</label>
      <select id="pref-active" value={prefs.activeProjectDir ?? ''} onChange={(e) => update({ activeProjectDir: e.target.value || null })}>
        <option value="">(none)</option>
        {dirs.split('\n').map((d) => d.trim()).filter(Boolean).map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
      <label className="check">
        <input type="checkbox" checked={prefs.startAtLogin} onChange={(e) => update({ startAtLogin: e.target.checked })} /> Start Gateway Doctor at login
      </label>
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">Save preferences</button>
      </div>
    </form>
  );
}

export function PreferencesView() {
  const preferences = useDashboard((s) => s.snapshot?.preferences);
  const snoozed = useDashboard((s) => s.snapshot?.monitor.snoozedUntil ?? null);
  const { refresh, showToast } = useDashboardFields('refresh', 'showToast');
  if (!preferences) return null;

  const snooze = async (until: string | null) => {
    try {
      await storeClient().snooze({ until });
      showToast('info', until ? `Notifications snoozed until ${formatTime(until)}.` : 'Notifications resumed.');
    } catch (e) {
      showToast('error', errorMessage(e));
    }
    void refresh();
  };

  return (
    <section aria-labelledby="prefs-title" className="view">
      <h1 id="prefs-title" className="view-title">Preferences</h1>
      <div className="card">
        <h2>Snooze notifications</h2>
        <p className="muted" data-testid="snooze-state">{snoozed ? `Snoozed until ${formatTime(snoozed)}.` : 'Notifications are on.'}</p>
        <div className="button-row">
          <button type="button" onClick={() => void snooze(snoozeUntil('1h'))}>1 hour</button>
          <button type="button" onClick={() => void snooze(snoozeUntil('4h'))}>4 hours</button>
          <button type="button" onClick={() => void snooze(snoozeUntil('tomorrow'))}>Until tomorrow</button>
          {snoozed && <button type="button" onClick={() => void snooze(null)}>Resume now</button>}
        </div>
      </div>
      <PreferencesForm key={JSON.stringify(preferences)} initial={preferences} />
    </section>
  );
}
