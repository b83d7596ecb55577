/**
 * The dashboard's deep links (the part after `#`), built by the tray menu and
 * the notifications (electron/main) and parsed by the dashboard
 * (renderer/src/store.ts), in one place so the two sides cannot drift:
 *
 * - `view=<view>`: open a view;
 * - `finding=<id>`: open Findings at a finding (notification clicks, "Fix…");
 * - `view=profiles&switch=gateway&profile=<id>` / `view=profiles&switch=claude-login`:
 *   the switch preview (the dashboard shows it, never applies it silently);
 * - `view=profiles&signin=claudeai`: the sign-in dialog.
 *
 * Anything else is ignored; a malformed switch still lands on its view.
 */
import { PROFILE_ID_PATTERN } from './profile-id';
import { isViewId, type ViewId } from './views';

/** A switch the tray menu asked for: the dashboard shows its preview, never applies it. */
export type SwitchLink = { target: 'claude-login' } | { target: 'gateway'; profileId: string };

export interface DeepLink {
  view: ViewId;
  findingId?: string;
  switch?: SwitchLink;
  /** Open the sign-in dialog (profiles view). */
  signIn?: boolean;
}

/** Finding ids as the catalogue spells them; anything else in a link is ignored. */
const FINDING_ID_PATTERN = /^[a-z0-9-]{1,100}$/;

export function viewHash(view: ViewId): string {
  return `view=${view}`;
}

export function findingHash(findingId: string): string {
  return `finding=${encodeURIComponent(findingId)}`;
}

/** The switch preview for a target (a gateway profile, or the claude.ai login). */
export function switchHash(target: 'gateway' | 'claude-login', profileId?: string): string {
  const params = new URLSearchParams({ view: 'profiles', switch: target });
  if (target === 'gateway' && profileId) params.set('profile', profileId);
  return params.toString();
}

/** The sign-in dialog on the profiles view (it starts `claude auth login`). */
export const SIGN_IN_HASH = `${viewHash('profiles')}&signin=claudeai`;

/** The profiles view. */
export const PROFILES_HASH = viewHash('profiles');

/** Reads a hash (with or without its `#`); null when it names nothing the dashboard knows. */
export function parseDeepLink(hash: string): DeepLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const finding = params.get('finding');
  if (finding && FINDING_ID_PATTERN.test(finding)) return { view: 'findings', findingId: finding };
  const view = params.get('view');
  if (!isViewId(view)) return null;
  const target = params.get('switch');
  const profileId = params.get('profile');
  if (view === 'profiles' && params.get('signin') === 'claudeai') return { view, signIn: true };
  if (view === 'profiles' && target === 'claude-login') return { view, switch: { target } };
  if (view === 'profiles' && target === 'gateway' && profileId && PROFILE_ID_PATTERN.test(profileId)) return { view, switch: { target, profileId } };
  return { view };
}
