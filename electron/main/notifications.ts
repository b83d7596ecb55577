/**
 * Native notifications for the core's `notify` events, filtered by the
 * shell's policy (notification-policy.ts). Showing a notification never
 * focuses a window; only a click opens the dashboard, at the cause finding.
 */
import { Notification } from 'electron';
import type { GatewayDoctorClient, Unsubscribe } from '../../core/api';
import type { DashboardSnapshot, NotifyEvent } from '../../core/types';
import { findingHash } from '../../shared/deep-link';
import { notificationPolicy } from './notification-policy';
import type { PowerSnapshot } from './power-state';

/** Notifications are kept referenced until closed (else their click handler can be collected); bounded. */
const MAX_LIVE = 10;

export function setupNotifications(options: {
  service: Pick<GatewayDoctorClient, 'on' | 'getPreferences'>;
  power: () => PowerSnapshot;
  snapshot: () => DashboardSnapshot | null;
  openDashboard: (hash?: string) => void;
  log: (message: string) => void;
}): Unsubscribe {
  const live: Notification[] = [];
  const forget = (n: Notification) => {
    const at = live.indexOf(n);
    if (at >= 0) live.splice(at, 1);
  };

  const onNotify = async (event: NotifyEvent) => {
    const snapshot = options.snapshot();
    const prefs = snapshot?.preferences ?? (await options.service.getPreferences());
    const cause = snapshot?.monitor.cause ?? snapshot?.status.findings.find((f) => f.id === event.findingId) ?? null;
    const decision = notificationPolicy(event, { ...options.power(), snoozedUntil: snapshot?.monitor.snoozedUntil ?? null, now: Date.now(), prefs, cause });
    if (!decision.show) {
      options.log(`Notification "${event.kind}" kept quiet: ${decision.quietReason}.`);
      return;
    }
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: decision.title, body: decision.body, silent: decision.silent });
    notification.on('click', () => {
      options.openDashboard(decision.findingId ? findingHash(decision.findingId) : undefined);
      forget(notification);
    });
    notification.on('close', () => forget(notification));
    live.push(notification);
    if (live.length > MAX_LIVE) live.shift();
    notification.show();
  };

  return options.service.on('notify', (event) => {
    onNotify(event).catch((error: unknown) => options.log(`Notification failed: ${(error as Error)?.message ?? error}`));
  });
}
