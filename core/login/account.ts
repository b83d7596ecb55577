/**
 * "Signed in as …": the account from `claude auth status --json` (observed
 * shape, facts §10.6): `{ loggedIn, authMethod, apiProvider, apiKeySource?,
 * email?, orgId?, orgName?, subscriptionType? }`. A claude.ai login reports
 * authMethod "claude.ai"; a Console login made with /login reports the same
 * authMethod with apiKeySource "/login managed key".
 */
import type { ClaudeAccount } from '../types';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : null;
}

/** The JSON object in `claude auth status` output: one parser, shared with detection. */
export { parseAuthStatus as parseStatusJson } from '../config/claude-code';

export function accountFromStatus(status: Record<string, unknown> | null): ClaudeAccount {
  const loggedIn = status?.loggedIn === true;
  const method = text(status?.authMethod);
  const kind: ClaudeAccount['kind'] = !loggedIn ? 'none' : method === 'claude.ai' ? (status?.apiKeySource === '/login managed key' ? 'console' : 'claude.ai') : 'other';
  const email = kind === 'claude.ai' || kind === 'console' ? text(status?.email) : null;
  const orgName = kind === 'claude.ai' || kind === 'console' ? text(status?.orgName) : null;
  const subscriptionType = text(status?.subscriptionType);
  return { loggedIn, kind, email, orgName, subscriptionType, label: accountLabel(kind, email, orgName) };
}

export function accountLabel(kind: ClaudeAccount['kind'], email: string | null, orgName: string | null): string {
  if (kind === 'none') return 'Not signed in to claude.ai';
  if (kind === 'other') return 'Claude Code uses a gateway or API key, not a claude.ai login';
  const what = kind === 'console' ? 'Console' : 'claude.ai';
  const details = [what, orgName].filter(Boolean).join(', ');
  return email ? `Signed in as ${email} (${details})` : `Signed in (${details})`;
}

/** A login Gateway Doctor's sign-in counts as done. */
export function isSignedIn(account: ClaudeAccount): boolean {
  return account.kind === 'claude.ai' || account.kind === 'console';
}
