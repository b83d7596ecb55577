import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { PowerState, setupPowerEvents } from './power-state';

describe('PowerState', () => {
  it('suspend → asleep; resume → awake, remembers when, and wakes the service', () => {
    const hooks = { wake: vi.fn(), networkChanged: vi.fn() };
    const state = new PowerState(hooks, true);
    state.suspend();
    expect(state.snapshot).toEqual({ asleep: true, wokeAt: null, online: true });
    state.resume(1000);
    expect(state.snapshot).toEqual({ asleep: false, wokeAt: 1000, online: true });
    expect(hooks.wake).toHaveBeenCalledTimes(1);
  });

  it('unlock without sleep still probes soon but is not a wake from sleep', () => {
    const hooks = { wake: vi.fn(), networkChanged: vi.fn() };
    const state = new PowerState(hooks, true);
    state.resume(5);
    expect(state.snapshot.wokeAt).toBeNull();
    expect(hooks.wake).toHaveBeenCalledTimes(1);
  });

  it('reports network changes only when the state changes', () => {
    const hooks = { wake: vi.fn(), networkChanged: vi.fn() };
    const state = new PowerState(hooks, true);
    state.setOnline(true);
    state.setOnline(false);
    state.setOnline(false);
    state.setOnline(true);
    expect(hooks.networkChanged).toHaveBeenCalledTimes(2);
    expect(state.snapshot.online).toBe(true);
  });
});

describe('setupPowerEvents', () => {
  it('maps powerMonitor events onto the state', () => {
    const powerMonitor = new EventEmitter();
    const hooks = { wake: vi.fn(), networkChanged: vi.fn() };
    const { state, stop } = setupPowerEvents({ powerMonitor: powerMonitor as never, isOnline: () => false, hooks, now: () => 42 });
    expect(state.snapshot.online).toBe(false);
    powerMonitor.emit('suspend');
    expect(state.snapshot.asleep).toBe(true);
    powerMonitor.emit('resume');
    expect(state.snapshot).toMatchObject({ asleep: false, wokeAt: 42 });
    powerMonitor.emit('unlock-screen');
    expect(hooks.wake).toHaveBeenCalledTimes(2);
    stop();
  });
});
