/**
 * Sleep, wake and network changes, turned into calls on the service and into
 * the context the notification policy reads. The state machine is pure; the
 * Electron wiring (powerMonitor events, net.isOnline polling) is in
 * setupPowerEvents at the bottom.
 */

export interface PowerSnapshot {
  asleep: boolean;
  wokeAt: number | null;
  online: boolean;
}

export interface PowerHooks {
  wake(): void;
  networkChanged(): void;
}

/** Tracks power and network; each transition calls the service at most once. */
export class PowerState {
  #asleep = false;
  #wokeAt: number | null = null;
  #online: boolean;

  constructor(
    private readonly hooks: PowerHooks,
    initiallyOnline: boolean,
  ) {
    this.#online = initiallyOnline;
  }

  get snapshot(): PowerSnapshot {
    return { asleep: this.#asleep, wokeAt: this.#wokeAt, online: this.#online };
  }

  suspend(): void {
    this.#asleep = true;
  }

  /** `resume` and `unlock-screen` both mean "the user is back": probe soon. */
  resume(now: number): void {
    const wasAsleep = this.#asleep;
    this.#asleep = false;
    if (wasAsleep) this.#wokeAt = now;
    this.hooks.wake();
  }

  /** Called with each poll of net.isOnline(); only a change reaches the service. */
  setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.hooks.networkChanged();
  }
}

/** How often net.isOnline() is polled: it only reads the OS's state, so it costs nothing. */
const NETWORK_POLL_MS = 5_000;

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume' | 'unlock-screen' | 'lock-screen', listener: () => void): unknown;
}

/** Wires powerMonitor and net into a PowerState. Returns a stop function. */
export function setupPowerEvents(options: { powerMonitor: PowerMonitorLike; isOnline: () => boolean; hooks: PowerHooks; now?: () => number }): { state: PowerState; stop: () => void } {
  const now = options.now ?? Date.now;
  const state = new PowerState(options.hooks, safeOnline(options.isOnline));
  options.powerMonitor.on('suspend', () => state.suspend());
  options.powerMonitor.on('resume', () => state.resume(now()));
  options.powerMonitor.on('unlock-screen', () => state.resume(now()));
  const timer = setInterval(() => state.setOnline(safeOnline(options.isOnline)), NETWORK_POLL_MS);
  timer.unref?.();
  return { state, stop: () => clearInterval(timer) };
}

function safeOnline(isOnline: () => boolean): boolean {
  try {
    return isOnline();
  } catch {
    return true;
  }
}
