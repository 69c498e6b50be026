import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling, type Visibility } from './poll';

function fakeVisibility(initial: boolean) {
  let visible = initial;
  const listeners = new Set<() => void>();
  const v: Visibility = {
    visible: () => visible,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  return {
    v,
    set(next: boolean) {
      visible = next;
      for (const fn of listeners) fn();
    },
    listeners,
  };
}

/** A poller on a visible page, ticking every 3 s. */
function start(tick: () => Promise<unknown> = vi.fn(async () => {})) {
  const page = fakeVisibility(true);
  return { tick, page, stop: startPolling(tick, page.v, 3000) };
}

describe('startPolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks every interval while visible', async () => {
    const { tick, stop } = start();
    await vi.advanceTimersByTimeAsync(2999);
    expect(tick).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6000);
    expect(tick).toHaveBeenCalledTimes(3);
    stop();
  });

  it('never ticks while hidden, and ticks at once when visible again', async () => {
    const { tick, page, stop } = start();
    await vi.advanceTimersByTimeAsync(1000);
    page.set(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(0);
    page.set(true);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(tick).toHaveBeenCalledTimes(2);
    stop();
  });

  it('times the next tick from the end of a slow one, and keeps going after a failure', async () => {
    let calls = 0;
    const tick = vi.fn(() => {
      calls++;
      return calls === 1 ? new Promise<void>((r) => setTimeout(r, 5000)) : Promise.reject(new Error('offline'));
    });
    const { stop } = start(tick);
    await vi.advanceTimersByTimeAsync(3000 + 5000 + 2999);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(tick).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(tick).toHaveBeenCalledTimes(3);
    stop();
  });

  it('stops: no more ticks and no listener left behind', async () => {
    const { tick, page, stop } = start();
    stop();
    page.set(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(tick).not.toHaveBeenCalled();
    expect(page.listeners.size).toBe(0);
  });
});
