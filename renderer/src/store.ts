/**
 * The dashboard's state: the latest DashboardSnapshot (pushed by `snapshot`
 * events, so the page never reloads), which view is open, and transient UI
 * state (checking, toasts, errors in words).
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { DashboardSnapshot, ProbeReport } from '../../core/types';
import { parseDeepLink, viewHash, type SwitchLink } from '../../shared/deep-link';
import type { ViewId } from '../../shared/views';
import { errorMessage, type ConnectionState, type DashboardClient } from './bridge';
import type { PlanRequest } from './plan-request';

export interface Toast {
  kind: 'info' | 'error';
  text: string;
  id: number;
}

export interface DashboardState {
  snapshot: DashboardSnapshot | null;
  loadError: string | null;
  connection: ConnectionState;
  checking: boolean;
  view: ViewId;
  focusFindingId: string | null;
  toast: Toast | null;
  /** The fix/switch flow being shown, if any. */
  plan: PlanRequest | null;
  openPlan(request: PlanRequest): void;
  closePlan(): void;
  /** The sign-in dialog (Profiles view, tray menu). */
  signInOpen: boolean;
  openSignIn(): void;
  closeSignIn(): void;
  setView(view: ViewId, focusFindingId?: string | null): void;
  setSnapshot(snapshot: DashboardSnapshot): void;
  showToast(kind: Toast['kind'], text: string): void;
  dismissToast(): void;
  refresh(): Promise<void>;
  checkNow(): Promise<void>;
  /** The last realistic check this session ran (on demand only; not part of the snapshot). */
  realistic: ProbeReport | null;
  checkingRealistic: boolean;
  checkRealistic(): Promise<void>;
}

let client: DashboardClient | null = null;
let toastCounter = 0;

/** The client the store talks to; set once by `connectStore`. */
export function storeClient(): DashboardClient {
  if (!client) throw new Error('The dashboard is not connected yet.');
  return client;
}

export const useDashboard = create<DashboardState>((set, get) => ({
  snapshot: null,
  loadError: null,
  connection: 'connecting',
  checking: false,
  realistic: null,
  checkingRealistic: false,
  view: 'health',
  focusFindingId: null,
  toast: null,
  plan: null,
  openPlan: (plan) => set({ plan }),
  closePlan: () => set({ plan: null }),
  signInOpen: false,
  openSignIn: () => set({ signInOpen: true }),
  closeSignIn: () => set({ signInOpen: false }),
  setView: (view, focusFindingId = null) => set({ view, focusFindingId }),
  setSnapshot: (snapshot) => set({ snapshot, loadError: null }),
  showToast: (kind, text) => set({ toast: { kind, text, id: ++toastCounter } }),
  dismissToast: () => set({ toast: null }),
  async refresh() {
    try {
      const snapshot = await storeClient().getSnapshot();
      set({ snapshot, loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async checkNow() {
    if (get().checking) return;
    set({ checking: true });
    try {
      await storeClient().checkNow();
      await get().refresh();
    } catch (error) {
      get().showToast('error', `Check failed: ${errorMessage(error)}`);
    } finally {
      set({ checking: false });
    }
  },
  async checkRealistic() {
    if (get().checkingRealistic) return;
    set({ checkingRealistic: true });
    try {
      const report = await storeClient().checkNow({ realistic: true });
      set({ realistic: report.probe });
      await get().refresh();
    } catch (error) {
      get().showToast('error', `Realistic check not run: ${errorMessage(error)}`);
    } finally {
      set({ checkingRealistic: false });
    }
  },
}));

/** Subscribes the store to the client's events and loads the first snapshot. */
export function connectStore(next: DashboardClient): () => void {
  client = next;
  const state = useDashboard.getState();
  const unsubscribes = [
    next.on('snapshot', (snapshot) => useDashboard.getState().setSnapshot(snapshot)),
    next.onConnection?.((connection) => {
      const wasLost = useDashboard.getState().connection === 'lost';
      useDashboard.setState({ connection });
      // Events may have been missed while disconnected: catch up.
      if (connection === 'live' && wasLost) void useDashboard.getState().refresh();
    }) ?? (() => undefined),
  ];
  if (!next.onConnection) useDashboard.setState({ connection: 'live' });
  // A switch asked for before the first snapshot waits for it (the preview needs the profile's name).
  unsubscribes.push(useDashboard.subscribe((s) => s.snapshot && openPendingSwitch()));
  applyDeepLink(window.location.hash);
  void state.refresh();
  return () => unsubscribes.forEach((u) => u());
}

let pendingSwitch: SwitchLink | null = null;

/**
 * Opens the switch preview the tray asked for: the same flow as the Profiles
 * view's buttons (planSwitch → preview → Apply), never a silent switch. Says
 * in words why not when switching is locked, already done or the profile is gone.
 */
function openPendingSwitch(): void {
  const { snapshot, openPlan, showToast } = useDashboard.getState();
  const link = pendingSwitch;
  if (!snapshot || !link) return;
  pendingSwitch = null;
  const { mode, profiles } = snapshot;
  if (mode.locked) return showToast('error', `Switching is locked: ${mode.lockReason ?? 'managed settings decide the route'}`);
  if (link.target === 'claude-login') {
    if (mode.active.kind === 'claude-login') return showToast('info', 'Claude Code already uses the claude.ai login.');
    return openPlan({ kind: 'switch', target: 'claude-login', title: 'Switch to the claude.ai login' });
  }
  const profile = profiles.find((p) => p.id === link.profileId);
  if (!profile) return showToast('error', `There is no gateway profile “${link.profileId}” any more. Pick one below.`);
  if (mode.active.kind === 'gateway' && mode.active.profileId === profile.id) return showToast('info', `Claude Code already uses ${profile.name}.`);
  openPlan({ kind: 'switch', target: 'gateway', profileId: profile.id, title: `Switch to ${profile.name}` });
}

/**
 * `#finding=<id>` opens the Findings view at that finding (tray notification
 * clicks use it); `#view=profiles&switch=…` (tray menu) also opens the switch
 * preview, `&signin=claudeai` the sign-in dialog. The request is then dropped
 * from the address bar, so the same menu item chosen again is a new
 * hashchange and a reload does not reopen it.
 */
export function applyDeepLink(hash: string): void {
  const link = parseDeepLink(hash);
  if (!link) return;
  useDashboard.getState().setView(link.view, link.findingId ?? null);
  if (!link.signIn && !link.switch) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${viewHash(link.view)}`);
  if (link.signIn) return useDashboard.getState().openSignIn();
  pendingSwitch = link.switch ?? null;
  openPendingSwitch();
}

/**
 * Several fields of the store in one hook: `const { snapshot, setView } =
 * useDashboardFields('snapshot', 'setView')`. The component re-renders only
 * when one of them changes (each compared with Object.is, as one selector
 * per field would be).
 */
export function useDashboardFields<K extends keyof DashboardState>(...keys: K[]): Pick<DashboardState, K> {
  return useDashboard(useShallow((state) => pickFields(state, keys)));
}

function pickFields<T, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}
