/**
 * The dashboard's state: the latest DashboardSnapshot (pushed by `snapshot`
 * events, so the page never reloads), which view is open, and transient UI
 * state (checking, toasts, errors in words).
 */
import { create } from 'zustand';
import type { DashboardSnapshot } from '../../core/types';
import { errorMessage, type ConnectionState, type DashboardClient } from './bridge';
import { parseDeepLink } from './lib/deep-link';
import type { PlanRequest } from './components/PlanDialog';

export type ViewId = 'health' | 'configuration' | 'surfaces' | 'findings' | 'models' | 'profiles' | 'preferences' | 'explain';

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
  setView(view: ViewId, focusFindingId?: string | null): void;
  setSnapshot(snapshot: DashboardSnapshot): void;
  showToast(kind: Toast['kind'], text: string): void;
  dismissToast(): void;
  refresh(): Promise<void>;
  checkNow(): Promise<void>;
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
  view: 'health',
  focusFindingId: null,
  toast: null,
  plan: null,
  openPlan: (plan) => set({ plan }),
  closePlan: () => set({ plan: null }),
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
  applyDeepLink(window.location.hash);
  void state.refresh();
  return () => unsubscribes.forEach((u) => u());
}

/** `#finding=<id>` opens the Findings view at that finding (tray notification clicks use it). */
export function applyDeepLink(hash: string): void {
  const link = parseDeepLink(hash);
  if (link) useDashboard.getState().setView(link.view, link.findingId ?? null);
}
