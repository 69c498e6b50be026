import { signal } from '@preact/signals';
import type { Visibility } from '../lib/poll';

/**
 * The dashboard's one clock. "Overdue", "today" and "2 minutes ago" all read
 * it, so they move together and nothing calls Date.now() on its own. It ticks
 * on each minute while the dashboard runs, and at once when the tab comes
 * back (a hidden tab's timers are throttled).
 */
export const now = signal(new Date());

export const tick = () => (now.value = new Date());

/** Starts the minute tick; returns stop(). */
export function startClock(visibility: Visibility): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    clearTimeout(timer);
    const t = Date.now();
    // Aligned to the minute, so "due 17:00" turns overdue at 17:00, not up to a minute later.
    timer = setTimeout(
      () => {
        tick();
        next();
      },
      60_000 - (t % 60_000),
    );
  };
  const unsubscribe = visibility.subscribe(() => {
    if (visibility.visible()) {
      tick();
      next();
    }
  });
  tick();
  next();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
