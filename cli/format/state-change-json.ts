import type { StateChangeEvent } from '../../core/types';
import type { Redactor } from '../../core/util/secret';

const STATE_CHANGE_SCHEMA = 'gateway-doctor/state-change@1';

/**
 * One line of `gateway-doctor watch --json`: a state change as a single JSON
 * line (no raw newlines), so scripts can read the stream line by line. Only
 * the public finding fields go out, and the optional redactor scrubs every
 * known secret from the line as a last line of defence.
 */
export function formatStateChangeJson(event: StateChangeEvent, redactor?: Redactor): string {
  const cause = event.cause
    ? {
        id: event.cause.id,
        severity: event.cause.severity,
        title: event.cause.title,
        detail: event.cause.detail,
        fix: event.cause.fix,
      }
    : null;
  const line = JSON.stringify({
    schema: STATE_CHANGE_SCHEMA,
    at: event.at,
    from: event.from,
    to: event.to,
    cause,
    notify: event.notify
      ? { kind: event.notify.kind, at: event.notify.at, title: event.notify.title, body: event.notify.body, findingId: event.notify.findingId }
      : null,
  });
  return redactor ? redactor.scrub(line) : line;
}
