/**
 * Whether the shell shows a native notification for a NotifyEvent from the
 * core. The core already decides "one per down, one per recovery"; the shell
 * adds what only it knows: the machine is asleep or just woke, the network is
 * gone, or the user snoozed. Pure, so every rule is unit tested.
 */
import type { Finding, NotifyEvent, Preferences } from '../../core/types';
import { isSnoozed, lowerFirst, truncateLabel } from './tray-menu';

/** After wake, the network and VPN take a while to return: a "down" in that window is noise. */
export const WAKE_GRACE_MS = 60_000;

export interface NotificationContext {
  asleep: boolean;
  /** When the machine last woke (ms since epoch), or null. */
  wokeAt?: number | null;
  /** False while the OS reports no network. */
  online?: boolean;
  snoozedUntil: string | null;
  now: number;
  prefs: Pick<Preferences, 'notifications'>;
  /** The finding the event names (from the latest snapshot), for a title that says what broke. */
  cause?: Finding | null;
}

export type QuietReason = 'disabled' | 'kind-disabled' | 'asleep' | 'just-woke' | 'offline' | 'snoozed';

export interface NotificationDecision {
  show: boolean;
  /** Why it stays quiet (for the log), when show is false. */
  quietReason?: QuietReason;
  title: string;
  body: string;
  /** Recovery is good news: no sound. */
  silent: boolean;
  /** Clicking opens the dashboard at this finding. */
  findingId: string | null;
}

/**
 * A notification read on its own, days later or by a screen reader: the title
 * says what happened to what ("Gateway down: nothing answered at…"), the body
 * is one line that says what to do.
 */
export function notificationText(event: NotifyEvent, cause?: Finding | null): { title: string; body: string } {
  if (event.kind === 'down') {
    const known = cause && cause.id === event.findingId ? cause : null;
    if (known) return { title: truncateLabel(`Gateway down: ${lowerFirst(known.title)}`, 80), body: truncateLabel(known.fix, 200) };
    const title = event.title && /^gateway\b/i.test(event.title) ? event.title : `Gateway down${event.title ? `: ${lowerFirst(event.title)}` : ''}`;
    return { title: truncateLabel(title, 80), body: truncateLabel(event.body || 'Claude Code cannot reach it. Click to see why and what to do.', 200) };
  }
  if (event.kind === 'session-error') {
    return { title: truncateLabel(event.title || 'Claude Code hit an error', 80), body: truncateLabel(event.body || 'Open Gateway Doctor to see the error and what to do.', 200) };
  }
  const body = event.body ? `${event.body.replace(/\.?$/, '.')} Nothing to do: Claude Code can use it again.` : 'Claude Code can use it again; nothing to do.';
  return { title: truncateLabel(event.title || 'Gateway is back', 80), body: truncateLabel(body, 200) };
}

/** Decides whether and how to notify. Never throws. */
export function notificationPolicy(event: NotifyEvent, ctx: NotificationContext): NotificationDecision {
  // A session error is bad news like "down": same switch, sound and link to the finding.
  const down = event.kind !== 'recovered';
  const text = notificationText(event, ctx.cause);
  const decision: NotificationDecision = {
    show: true,
    title: text.title,
    body: text.body,
    silent: !down,
    // A session error's finding is shown (with its fix) on the Health view, where a click without a finding lands.
    findingId: event.kind === 'down' ? event.findingId : null,
  };
  const quiet = (quietReason: QuietReason): NotificationDecision => ({ ...decision, show: false, quietReason });
  const { notifications } = ctx.prefs;
  if (!notifications.enabled) return quiet('disabled');
  if (down ? !notifications.onDown : !notifications.onRecovery) return quiet('kind-disabled');
  if (ctx.asleep) return quiet('asleep');
  if (down && ctx.wokeAt != null && ctx.now - ctx.wokeAt >= 0 && ctx.now - ctx.wokeAt < WAKE_GRACE_MS) return quiet('just-woke');
  if (ctx.online === false) return quiet('offline');
  if (isSnoozed(ctx.snoozedUntil, ctx.now)) return quiet('snoozed');
  return decision;
}
