import { effect, signal, type Signal } from '@preact/signals';

/**
 * A signal mirrored into Web Storage: sessionStorage for drafts (they survive a
 * lost session and a reload, not the tab), localStorage for the session itself.
 */
export function stored<T>(storage: Storage, key: string, initial: T): Signal<T> {
  let start = initial;
  try {
    const raw = storage.getItem(key);
    if (raw !== null) start = JSON.parse(raw) as T;
  } catch {
    // Unreadable or blocked storage: start from the default.
  }
  const s = signal<T>(start);
  effect(() => {
    try {
      if (s.value === initial) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(s.value));
    } catch {
      // Quota or privacy mode: the value still lives in memory.
    }
  });
  // Another tab logged in or out: follow it.
  addEventListener('storage', (e) => {
    if (e.storageArea !== storage || e.key !== key) return;
    try {
      s.value = e.newValue === null ? initial : (JSON.parse(e.newValue) as T);
    } catch {
      s.value = initial;
    }
  });
  return s;
}
