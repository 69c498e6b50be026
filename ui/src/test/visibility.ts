import type { Visibility } from '../lib/poll';

/** A page visibility the test switches by hand. */
export function fakeVisibility(initial = true) {
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
    listeners,
    set(next: boolean) {
      visible = next;
      for (const fn of [...listeners]) fn();
    },
  };
}
