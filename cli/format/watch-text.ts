/** `gateway-doctor watch` in text: one line per state change or session error. */
import type { SessionError, StateChangeEvent } from '../../core/types';

export function formatStateChangeText(event: StateChangeEvent): string {
  const cause = event.cause ? ` — ${event.cause.title}` : '';
  const notify = event.notify ? ' [notify]' : '';
  return `${event.at}  ${event.from} → ${event.to}${cause}${notify}\n`;
}

export function formatSessionErrorText(error: SessionError): string {
  return `${error.at}  Claude Code (${error.surface}, ${error.project}): ${error.findingId ?? 'unrecognised error'} — ${error.summary}\n`;
}
