import { useState, type FormEvent } from 'react';
import type { GatewayProfile, ProfileCredentialKind, ProfileInput, ProviderId } from '../../../core/types';
import { errorMessage } from '../bridge';
import { storeClient, useDashboard, useDashboardFields } from '../store';

const EMPTY: ProfileInput = { name: '', baseUrl: '', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', customHeaders: '' };

function ProfileForm({ editing, onDone }: { editing: GatewayProfile | null; onDone(): void }) {
  const secretStore = useDashboard((s) => s.snapshot?.mode.secretStore);
  const { refresh, showToast } = useDashboardFields('refresh', 'showToast');
  const [form, setForm] = useState<ProfileInput>(() => (editing ? { ...EMPTY, ...editing } : EMPTY));
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<ProfileInput>) => setForm((f) => ({ ...f, ...patch }));
  const needsSecret = form.credentialKind === 'ANTHROPIC_AUTH_TOKEN' || form.credentialKind === 'ANTHROPIC_API_KEY';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: ProfileInput = {
      ...(editing ? { id: editing.id } : {}),
      name: form.name.trim(),
      baseUrl: form.baseUrl.trim(),
      credentialKind: form.credentialKind,
      provider: form.provider,
      ...(form.customHeaders ? { customHeaders: form.customHeaders } : {}),
      ...(form.credentialKind === 'apiKeyHelper' && form.apiKeyHelper ? { apiKeyHelper: form.apiKeyHelper } : {}),
      ...(needsSecret && secret ? { secret } : {}),
    };
    try {
      await storeClient().saveProfile(input);
      setSecret('');
      showToast('info', `Profile “${input.name}” saved.`);
      void refresh();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-label={editing ? `Edit profile ${editing.name}` : 'Add a profile'}>
      <h2>{editing ? `Edit “${editing.name}”` : 'Add a gateway profile'}</h2>
      <label htmlFor="profile-name">Name</label>
      <input id="profile-name" required value={form.name} onChange={(e) => update({ name: e.target.value })} />
      <label htmlFor="profile-url">Gateway base URL</label>
      <input id="profile-url" required type="url" placeholder="https://llm-gateway.example.com" value={form.baseUrl} onChange={(e) => update({ baseUrl: e.target.value })} />
      <label htmlFor="profile-provider">Provider route</label>
      <select id="profile-provider" value={form.provider} onChange={(e) => update({ provider: e.target.value as ProviderId })}>
        <option value="anthropic">Anthropic Messages API</option>
        <option value="bedrock">Amazon Bedrock</option>
        <option value="vertex">Google Vertex AI</option>
        <option value="foundry">Microsoft Foundry</option>
      </select>
      <label htmlFor="profile-kind">Credential</label>
      <select id="profile-kind" value={form.credentialKind} onChange={(e) => update({ credentialKind: e.target.value as ProfileCredentialKind })}>
        <option value="ANTHROPIC_AUTH_TOKEN">Bearer token (ANTHROPIC_AUTH_TOKEN → Authorization)</option>
        <option value="ANTHROPIC_API_KEY">API key (ANTHROPIC_API_KEY → x-api-key)</option>
        <option value="apiKeyHelper">Helper command (apiKeyHelper)</option>
        <option value="none">None</option>
      </select>
      {needsSecret && (
        <>
          <label htmlFor="profile-secret">Secret</label>
          <input
            id="profile-secret"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={editing?.hasSecret ? 'Stored — leave empty to keep it' : ''}
            aria-describedby="profile-secret-help"
          />
          <p id="profile-secret-help" className="muted small">
            Stored in {secretStore?.description ?? 'the secret store'}; it is never shown again.
          </p>
        </>
      )}
      {form.credentialKind === 'apiKeyHelper' && (
        <>
          <label htmlFor="profile-helper">Helper command</label>
          <input id="profile-helper" value={form.apiKeyHelper ?? ''} onChange={(e) => update({ apiKeyHelper: e.target.value })} />
        </>
      )}
      <label htmlFor="profile-headers">Custom headers (one “Name: Value” per line)</label>
      <textarea id="profile-headers" rows={2} value={form.customHeaders ?? ''} onChange={(e) => update({ customHeaders: e.target.value })} />
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" onClick={onDone}>Cancel</button>
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save profile'}</button>
      </div>
    </form>
  );
}

export function ProfilesView() {
  const { snapshot, openPlan, refresh, showToast } = useDashboardFields('snapshot', 'openPlan', 'refresh', 'showToast');
  const [editing, setEditing] = useState<GatewayProfile | 'new' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const openSignIn = useDashboard((s) => s.openSignIn);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  if (!snapshot) return null;
  const { mode, profiles } = snapshot;
  const active = mode.active;

  const remove = async (profile: GatewayProfile) => {
    try {
      await storeClient().removeProfile({ id: profile.id });
      showToast('info', `Profile “${profile.name}” removed.`);
    } catch (e) {
      showToast('error', errorMessage(e));
    }
    setConfirmRemove(null);
    void refresh();
  };

  const signOut = async () => {
    setSigningOut(true);
    try {
      const result = await storeClient().signOut();
      showToast(result.ok ? 'info' : 'error', result.message);
    } catch (e) {
      showToast('error', errorMessage(e));
    } finally {
      setSigningOut(false);
      setConfirmSignOut(false);
    }
    void refresh();
  };
  const account = snapshot.account ?? null;
  const signedIn = account !== null && (account.kind === 'claude.ai' || account.kind === 'console');

  return (
    <section aria-labelledby="profiles-title" className="view">
      <h1 id="profiles-title" className="view-title">Profiles and mode</h1>
      <div className="card mode" data-testid="mode" data-mode={active.kind}>
        <p>
          Claude Code now uses{' '}
          <strong>
            {active.kind === 'claude-login'
              ? 'the claude.ai login'
              : active.kind === 'gateway'
                ? `the gateway${active.baseUrl ? ` at ${active.baseUrl}` : ''}`
                : 'nothing yet (not configured)'}
          </strong>
          .
        </p>
        {mode.locked ? (
          <p className="warning-text" data-testid="mode-locked">Switching is locked: {mode.lockReason}</p>
        ) : (
          <div className="mode-actions">
            <button type="button" disabled={active.kind === 'claude-login'} onClick={() => openPlan({ kind: 'switch', target: 'claude-login', title: 'Switch to the claude.ai login' })}>
              Use claude.ai login…
            </button>
            {mode.consequences.claudeLogin.length > 0 && (
              <ul className="muted small">{mode.consequences.claudeLogin.map((c, i) => <li key={i}>{c}</li>)}</ul>
            )}
          </div>
        )}
      </div>

      <div className="card account" data-testid="account" data-signed-in={signedIn}>
        <p data-testid="account-label">{account ? account.label : snapshot.status.savedLogin.present ? 'A claude.ai login is saved on this machine.' : 'No claude.ai login is saved on this machine.'}</p>
        {signedIn ? (
          confirmSignOut ? (
            <div className="form-actions" role="group" aria-label="Confirm sign out">
              <span className="small">Sign Claude Code out of {account.email ?? 'this account'}? You can sign in again later.</span>
              <button type="button" className="danger" disabled={signingOut} onClick={() => void signOut()}>{signingOut ? 'Signing out…' : 'Sign out'}</button>
              <button type="button" onClick={() => setConfirmSignOut(false)}>Stay signed in</button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirmSignOut(true)}>Sign out…</button>
          )
        ) : (
          <button type="button" onClick={openSignIn}>Sign in to claude.ai…</button>
        )}
      </div>

      <h2>Gateway profiles</h2>
      {profiles.length === 0 && <p className="empty">No profiles yet. Add one to switch to your gateway in one click.</p>}
      <ul className="profile-list">
        {profiles.map((profile) => {
          const isActive = active.kind === 'gateway' && active.profileId === profile.id;
          return (
            <li key={profile.id} className="card profile" data-testid={`profile-${profile.id}`}>
              <div>
                <strong>{profile.name}</strong> {isActive && <span className="badge state-available">active</span>}
                <p className="small"><code>{profile.baseUrl}</code> · {profile.credentialKind}{profile.hasSecret ? ' · secret stored' : ''}</p>
              </div>
              <div className="profile-actions">
                <button
                  type="button"
                  disabled={mode.locked || isActive}
                  onClick={() => openPlan({ kind: 'switch', target: 'gateway', profileId: profile.id, title: `Switch to ${profile.name}` })}
                >
                  Use this gateway…
                </button>
                <button type="button" onClick={() => setEditing(profile)}>Edit</button>
                {confirmRemove === profile.id ? (
                  <>
                    <button type="button" className="danger" onClick={() => void remove(profile)}>Remove “{profile.name}”</button>
                    <button type="button" onClick={() => setConfirmRemove(null)}>Keep</button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirmRemove(profile.id)}>Remove…</button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {mode.consequences.gateway.length > 0 && profiles.length > 0 && (
        <ul className="muted small">{mode.consequences.gateway.map((c, i) => <li key={i}>{c}</li>)}</ul>
      )}
      {editing ? (
        <ProfileForm key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>Add a profile…</button>
      )}
      {!mode.secretStore.available && <p className="muted small">Secrets cannot be stored here: {mode.secretStore.description}</p>}
      {mode.secretStore.kind === 'file' && (
        <p className="warning-text small" data-testid="secret-store-file">
          No OS keychain is available: credentials are stored in {mode.secretStore.description}
        </p>
      )}
    </section>
  );
}
