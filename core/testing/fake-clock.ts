import { setImmediate } from 'node:timers';
import type { Clock } from '../ports';

interface FakeTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * A Clock whose time only moves when a test says so, so the scheduler's
 * behaviour over a simulated day runs in milliseconds and never flakes.
 * `advance` runs due timers in time order (ties in creation order) and lets
 * promise continuations settle after each one, because the monitor's probes
 * are async.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers = new Map<number, FakeTimer>();

  constructor(startMs = Date.UTC(2025, 0, 15, 9, 0, 0)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#seq;
    this.#timers.set(id, { id, due: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** How many timers are waiting; 0 after the monitor stops. */
  pendingTimers(): number {
    return this.#timers.size;
  }

  /** When the earliest timer is due, or null. */
  nextDue(): number | null {
    let min: number | null = null;
    for (const t of this.#timers.values()) if (min === null || t.due < min) min = t.due;
    return min;
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#timers.delete(next.id);
      this.#now = next.due;
      next.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Runs timers that are due now (0 ms timers) and settles promises. */
  async flush(): Promise<void> {
    await this.advance(0);
  }

  #earliestDue(limit: number): FakeTimer | null {
    let best: FakeTimer | null = null;
    for (const t of this.#timers.values()) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}

/** Lets every queued promise continuation run (a macrotask turn drains microtasks). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
