import { effect, signal } from '@preact/signals';
import { startLive, type LiveOptions, type LiveState, type SocketLike } from '../lib/live';
import { startPolling, type Visibility } from '../lib/poll';
import { api, send } from './api';
import { loadError, refresh } from './tasks';

/** Whether the live socket is up; shown in the top bar, and the fallback poll's switch. */
export const liveState = signal<LiveState>('off');

/** The socket's URL for a ticket: ws:// or wss:// like the page, same host. */
export const liveUrl = (ticket: string, at: { protocol: string; host: string } = location) =>
  `${at.protocol === 'https:' ? 'wss:' : 'ws:'}//${at.host}/api/v1/live?ticket=${encodeURIComponent(ticket)}`;

export interface SyncOptions {
  visibility: Visibility;
  /** Opens a WebSocket (the browser's by default). */
  open?: (url: string) => SocketLike;
  /** The fallback poll's interval while the socket is down (3 s). */
  pollMs?: number;
  /** Passed on to startLive (keep-alive, backoff), for tests. */
  live?: Partial<Pick<LiveOptions, 'pingMs' | 'pongTimeoutMs' | 'backoff' | 'random'>>;
}

/**
 * Keeps the list current while the dashboard is open: the live socket while
 * the tab is visible (a pushed version ahead of the list's means one /sync),
 * and while it is down, a /sync every 3 s, at once when the socket drops or
 * the tab comes back, never while hidden. A sync that failed is retried the
 * same way, socket or not: a push is not repeated. Returns stop().
 */
export function startSync({
  visibility,
  open = (url) => new WebSocket(url),
  pollMs = 3000,
  live,
}: SyncOptions): () => void {
  const listeners = new Set<() => void>();
  let polling = false;
  // The poller runs while the page is visible and the socket is not up (or the last sync failed);
  // it hears only when that flips, so a reconnect attempt does not poll again.
  const needed: Visibility = {
    visible: () => visibility.visible() && (liveState.peek() !== 'up' || loadError.peek() !== null),
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  const flip = () => {
    const next = needed.visible();
    if (next === polling) return;
    polling = next;
    for (const fn of listeners) fn();
  };

  const stopPolling = startPolling(() => refresh(), needed, pollMs);
  polling = needed.visible();
  const stopWatching = visibility.subscribe(flip);
  const stopFollowing = effect(() => {
    void liveState.value;
    void loadError.value;
    flip();
  });
  const stopLive = startLive({
    ...live,
    ticket: async () => (await (await send(api.live.ticket.$post())).json()).ticket,
    open: (ticket) => open(liveUrl(ticket)),
    visibility,
    onVersion: (version) => void refresh(version),
    onState: (state) => (liveState.value = state),
  });

  return () => {
    stopLive();
    stopFollowing();
    stopWatching();
    stopPolling();
    liveState.value = 'off';
  };
}
