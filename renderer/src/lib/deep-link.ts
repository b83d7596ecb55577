import type { ViewId } from '../store';

const VIEWS: ViewId[] = ['health', 'configuration', 'surfaces', 'findings', 'models', 'profiles', 'preferences', 'explain'];

/** Parses `#finding=<id>` or `#view=<name>`; anything else is ignored. */
export function parseDeepLink(hash: string): { view: ViewId; findingId?: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const finding = params.get('finding');
  if (finding && /^[a-z0-9-]{1,100}$/.test(finding)) return { view: 'findings', findingId: finding };
  const view = params.get('view') as ViewId | null;
  if (view && VIEWS.includes(view)) return { view };
  return null;
}
