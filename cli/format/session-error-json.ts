import type { SessionError } from '../../core/types';
import type { Redactor } from '../../core/util/secret';

const SESSION_ERROR_SCHEMA = 'gateway-doctor/session-error@1';

/**
 * One line of `gateway-doctor watch --json` for an API error a real Claude
 * Code session hit: the public SessionError fields on one line, scrubbed of
 * every known secret as a last line of defence.
 */
export function formatSessionErrorJson(error: SessionError, redactor?: Redactor): string {
  const line = JSON.stringify({
    schema: SESSION_ERROR_SCHEMA,
    at: error.at,
    findingId: error.findingId,
    apiErrorStatus: error.apiErrorStatus,
    apiErrorType: error.apiErrorType,
    surface: error.surface,
    project: error.project,
    claudeCodeVersion: error.claudeCodeVersion,
    summary: error.summary,
    title: error.title,
    fix: error.fix,
  });
  return redactor ? redactor.scrub(line) : line;
}
