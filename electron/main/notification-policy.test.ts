import { describe, expect, it } from 'vitest';
import type { NotifyEvent } from '../../core/types';
import { finding } from './test-fixtures';
import { notificationPolicy, notificationText, WAKE_GRACE_MS, type NotificationContext } from './notification-policy';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');
const down: NotifyEvent = { kind: 'down', at: '2025-01-01T10:00:00.000Z', title: 'The gateway rejects the credential', body: 'HTTP 401 from https://gw.example', findingId: 'credential-rejected' };
const recovered: NotifyEvent = { kind: 'recovered', at: '2025-01-01T10:05:00.000Z', title: 'Gateway recovered', body: 'Answering in 180 ms', findingId: null };
const ctx = (over: Partial<NotificationContext> = {}): NotificationContext => ({
  asleep: false,
  wokeAt: null,
  online: true,
  snoozedUntil: null,
  now: NOW,
  prefs: { notifications: { enabled: true, onDown: true, onRecovery: true } },
  ...over,
});

describe('notificationPolicy', () => {
  it('shows a down notification with the cause finding title, with sound, linked to the finding', () => {
    expect(notificationPolicy(down, ctx())).toEqual({ show: true, title: 'Gateway down: the gateway rejects the credential', body: 'HTTP 401 from https://gw.example', silent: false, findingId: 'credential-rejected' });
  });

  it('shows a silent recovery notification that opens the dashboard home', () => {
    expect(notificationPolicy(recovered, ctx())).toMatchObject({ show: true, title: 'Gateway recovered', silent: true, findingId: null });
  });

  it('stays quiet while snoozed, and speaks again once the snooze has passed', () => {
    const until = new Date(NOW + 60_000).toISOString();
    expect(notificationPolicy(down, ctx({ snoozedUntil: until }))).toMatchObject({ show: false, quietReason: 'snoozed' });
    expect(notificationPolicy(recovered, ctx({ snoozedUntil: until }))).toMatchObject({ show: false, quietReason: 'snoozed' });
    expect(notificationPolicy(down, ctx({ snoozedUntil: until, now: NOW + 61_000 })).show).toBe(true);
  });

  it('stays quiet while asleep or offline', () => {
    expect(notificationPolicy(down, ctx({ asleep: true }))).toMatchObject({ show: false, quietReason: 'asleep' });
    expect(notificationPolicy(recovered, ctx({ asleep: true })).show).toBe(false);
    expect(notificationPolicy(down, ctx({ online: false }))).toMatchObject({ show: false, quietReason: 'offline' });
  });

  it('ignores a "down" right after wake, but not a recovery, and not after the grace period', () => {
    expect(notificationPolicy(down, ctx({ wokeAt: NOW - 5_000 }))).toMatchObject({ show: false, quietReason: 'just-woke' });
    expect(notificationPolicy(recovered, ctx({ wokeAt: NOW - 5_000 })).show).toBe(true);
    expect(notificationPolicy(down, ctx({ wokeAt: NOW - WAKE_GRACE_MS })).show).toBe(true);
  });

  it('honours the notification preferences', () => {
    const prefs = (enabled: boolean, onDown: boolean, onRecovery: boolean) => ({ notifications: { enabled, onDown, onRecovery } });
    expect(notificationPolicy(down, ctx({ prefs: prefs(false, true, true) }))).toMatchObject({ show: false, quietReason: 'disabled' });
    expect(notificationPolicy(down, ctx({ prefs: prefs(true, false, true) }))).toMatchObject({ show: false, quietReason: 'kind-disabled' });
    expect(notificationPolicy(recovered, ctx({ prefs: prefs(true, false, true) })).show).toBe(true);
    expect(notificationPolicy(recovered, ctx({ prefs: prefs(true, true, false) })).show).toBe(false);
  });

  it('texts stand alone: the title says what broke, the body one line of what to do', () => {
    const cause = { ...finding('gateway-refused', 'error', 'Nothing answered at the gateway address (connection refused)'), fix: 'Confirm the base URL and the network path (VPN, firewall) with your gateway team.' };
    const event: NotifyEvent = { kind: 'down', at: down.at, title: 'Gateway down', body: `${cause.title}. ${cause.fix}`, findingId: 'gateway-refused' };
    expect(notificationText(event, cause)).toEqual({
      title: 'Gateway down: nothing answered at the gateway address (connection refused)',
      body: 'Confirm the base URL and the network path (VPN, firewall) with your gateway team.',
    });
    expect(notificationPolicy(event, ctx({ cause }))).toMatchObject({ title: 'Gateway down: nothing answered at the gateway address (connection refused)', body: cause.fix });
    // A cause for another finding is not used; the core's own text still names the gateway.
    expect(notificationText(event, finding('other')).title).toBe('Gateway down');
    const back = notificationText({ kind: 'recovered', at: down.at, title: 'Gateway is back', body: 'The gateway answers again after 3 min.', findingId: null });
    expect(back).toEqual({ title: 'Gateway is back', body: 'The gateway answers again after 3 min. Nothing to do: Claude Code can use it again.' });
  });

  it('keeps titles and bodies to a bounded single line, with a fallback title', () => {
    const long = notificationPolicy({ ...down, title: '', body: 'x\n'.repeat(500) }, ctx());
    expect(long.title).toBe('Gateway down');
    expect(long.body.length).toBeLessThanOrEqual(200);
    expect(long.body).not.toContain('\n');
  });

  it('a session error notifies like a "down" (sound, same switch, quiet when snoozed) and opens the Health view', () => {
    const event = { kind: 'session-error' as const, at: '2025-01-01T10:00:00.000Z', title: 'Claude Code hit an error', body: 'The gateway rejects the beta fields in my-repo (cli).', findingId: 'beta-fields-rejected' };
    const ctx = { asleep: false, snoozedUntil: null, now: Date.parse('2025-01-01T10:00:00.000Z'), prefs: { notifications: { enabled: true, onDown: true, onRecovery: true } } };
    expect(notificationPolicy(event, ctx)).toMatchObject({ show: true, silent: false, title: 'Claude Code hit an error', findingId: null });
    expect(notificationPolicy(event, { ...ctx, prefs: { notifications: { enabled: true, onDown: false, onRecovery: true } } })).toMatchObject({ show: false, quietReason: 'kind-disabled' });
    expect(notificationPolicy(event, { ...ctx, snoozedUntil: '2025-01-01T11:00:00.000Z' })).toMatchObject({ show: false, quietReason: 'snoozed' });
  });
});
