/**
 * The dashboard's views, once: their ids (deep links and the store), their
 * order and their labels (the sidebar). Add a view here and the deep-link
 * parser, the store's type and the navigation follow.
 */
export const VIEWS = [
  { id: 'health', label: 'Health' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'surfaces', label: 'Surfaces' },
  { id: 'findings', label: 'Findings' },
  { id: 'models', label: 'Models' },
  { id: 'profiles', label: 'Profiles & mode' },
  { id: 'preferences', label: 'Preferences' },
  { id: 'explain', label: 'Explain an error' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export const VIEW_IDS: readonly ViewId[] = VIEWS.map((view) => view.id);

export function isViewId(value: string | null | undefined): value is ViewId {
  return typeof value === 'string' && (VIEW_IDS as readonly string[]).includes(value);
}
