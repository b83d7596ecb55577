/**
 * The fix engine's public surface: plan → preview → apply → undo, plus the
 * building blocks other parts of the app may reuse.
 */
export { createFixEngine, PLAN_TTL_MS, type FixEngine, type FixEngineOptions, type PlanFixOptions, type SwitchTarget } from './engine';
export { validateCaFile } from './planners';
export { previewDiff } from './diff-preview';
export { LOCAL_SETTINGS_PATTERN, globalExcludesFile } from './gitignore';
export { isSecretVariable } from './secret-values';
