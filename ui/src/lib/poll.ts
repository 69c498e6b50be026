/** Whether the page is visible, and a way to hear when that changes. */
export interface Visibility {
  visible(): boolean;
  subscribe(onChange: () => void): () => void;
}

export const documentVisibility = (doc: Document = document): Visibility => ({
  visible: () => doc.visibilityState === 'visible',
  subscribe(onChange) {
    doc.addEventListener('visibilitychange', onChange);
    return () => doc.removeEventListener('visibilitychange', onChange);
  },
});

/**
 * Runs `tick` every `intervalMs` while the page is visible, at once when it
 * becomes visible again, and never while hidden. The next tick is timed from
 * the end of the previous one, so slow answers never pile up. Returns stop().
 */
export function startPolling(tick: () => Promise<unknown>, visibility: Visibility, intervalMs = 3000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && visibility.visible()) timer = setTimeout(run, intervalMs);
  };
  const run = () => {
    clearTimeout(timer);
    tick()
      .catch(() => {})
      .finally(schedule);
  };
  const unsubscribe = visibility.subscribe(() => {
    if (stopped) return;
    if (visibility.visible()) run();
    else clearTimeout(timer);
  });
  schedule();

  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
