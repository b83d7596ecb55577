/**
 * Errors from real Claude Code sessions, read from its session logs
 * (`<config dir>/projects/*\/*.jsonl`): only API-error lines and the time of
 * the last successful turn per surface are kept, never prompts or answers.
 */
export { createSessionReader, readRecentSessions, DEFAULT_SESSION_LIMITS, type SessionReader, type SessionReaderLimits, type SessionReaderOptions } from './session-reader';
export { parseSessionLine, LINE_MARKER, MAX_PARSED_LINE_CHARS, MAX_SUMMARY_CHARS, UNKNOWN_SURFACE, type SessionLine } from './session-line';
export { SessionState, disabledSessionsReport, MAX_RECENT_ERRORS } from './session-state';
