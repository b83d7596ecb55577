/**
 * The fix or switch flow the dashboard is showing (store.ts holds it,
 * PlanDialog.tsx runs it). Its own module so the store and the dialog do not
 * import each other.
 */
export type PlanRequest =
  | { kind: 'fix'; findingId: string; title: string }
  | { kind: 'switch'; target: 'claude-login' | 'gateway'; profileId?: string; title: string };
