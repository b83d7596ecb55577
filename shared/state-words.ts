/**
 * What each monitor state is called where a person reads it: a word for the
 * dashboard's pill and verdict card, and a sentence for the tray's status
 * line (it stands without the icon: screen readers read the menu, and macOS
 * menus show no colour). Keyed by the state, so a new state fails to compile
 * until both say something.
 */
import type { MonitorState } from '../core/types';

export const STATE_WORDS: Record<MonitorState, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  offline: 'Offline',
  unconfigured: 'Not configured',
  pending: 'Checking…',
};

export const STATE_SENTENCES: Record<MonitorState, string> = {
  healthy: 'Gateway healthy',
  degraded: 'Gateway degraded',
  down: 'Gateway down',
  offline: 'Offline: this machine has no network',
  unconfigured: 'No gateway configured',
  pending: 'Checking the gateway…',
};
