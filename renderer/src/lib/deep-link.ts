import type { ViewId } from '../store';

const VIEWS: ViewId[] = ['health', 'configuration', 'surfaces', 'findings', 'models', 'profiles', 'preferences', 'explain'];

/** Profile ids as the profile store accepts them (core/profiles/profile-store.ts). */
const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A switch the tray menu asked for: the dashboard shows its preview, never applies it. */
export type SwitchLink = { target: 'claude-login' } | { target: 'gateway'; profileId: string };

export interface DeepLink {
  view: ViewId;
  findingId?: string;
  switch?: SwitchLink;
  /** `#view=profiles&signin=claudeai` (tray menu): open the sign-in. */
  signIn?: boolean;
}

/**
 * Parses `#finding=<id>`, `#view=<name>` and the tray's
 * `#view=profiles&switch=gateway&profile=<id>` / `#view=profiles&switch=claude-login`;
 * anything else is ignored (a malformed switch still lands on its view).
 */
export function parseDeepLink(hash: string): DeepLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const finding = params.get('finding');
  if (finding && /^[a-z0-9-]{1,100}$/.test(finding)) return { view: 'findings', findingId: finding };
  const view = params.get('view') as ViewId | null;
  if (!view || !VIEWS.includes(view)) return null;
  const target = params.get('switch');
  const profileId = params.get('profile');
  if (view === 'profiles' && params.get('signin') === 'claudeai') return { view, signIn: true };
  if (view === 'profiles' && target === 'claude-login') return { view, switch: { target } };
  if (view === 'profiles' && target === 'gateway' && profileId && PROFILE_ID.test(profileId)) return { view, switch: { target, profileId } };
  return { view };
}
