/**
 * Tells every other tab of this origin that the tasks changed, so each
 * refreshes at once instead of waiting for its next poll.
 */
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tasks') : null;

export function announceChange() {
  channel?.postMessage({ type: 'tasks-changed', at: Date.now() });
}

export function onChangeElsewhere(listener: () => void): () => void {
  if (!channel) return () => {};
  const handler = (e: MessageEvent) => {
    if ((e.data as { type?: string } | null)?.type === 'tasks-changed') listener();
  };
  channel.addEventListener('message', handler);
  return () => channel.removeEventListener('message', handler);
}
