import type { Visibility } from './poll';

/** The parts of a browser WebSocket the live connection uses (a fake one in tests). */
export interface SocketLike {
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** off: hidden or stopped; connecting: asking for a ticket or opening; up: open; down: waiting to retry. */
export type LiveState = 'off' | 'connecting' | 'up' | 'down';

export interface LiveOptions {
  /** A fresh single-use ticket (POST /api/v1/live/ticket); throws when none can be had. */
  ticket(): Promise<string>;
  /** Opens the socket for a ticket (GET /api/v1/live?ticket=… as a WebSocket). */
  open(ticket: string): SocketLike;
  visibility: Visibility;
  /** Every version the server pushes: on connect, then after each change. */
  onVersion(version: number): void;
  onState(state: LiveState): void;
  /** A keep-alive "ping" this often, so proxies keep an idle socket (default 30 s). */
  pingMs?: number;
  /** No "pong" this long after a ping: the connection is dead, open a new one (default 10 s). */
  pongTimeoutMs?: number;
  /** Reconnect delays double from `minMs` up to `maxMs`, each with up to half of it random (default 1 s, 30 s). */
  backoff?: { minMs: number; maxMs: number };
  random?: () => number;
}

/**
 * One live socket while the page is visible: a new ticket for every attempt,
 * reconnection with backoff, a keep-alive ping that also notices a dead
 * connection, and the socket closed while the page is hidden. Returns stop().
 */
export function startLive(o: LiveOptions): () => void {
  const pingMs = o.pingMs ?? 30_000;
  const pongTimeoutMs = o.pongTimeoutMs ?? 10_000;
  const { minMs, maxMs } = o.backoff ?? { minMs: 1000, maxMs: 30_000 };
  const random = o.random ?? Math.random;

  let socket: SocketLike | null = null;
  /** Bumped by every new attempt and by stop/hide: a late ticket or event of an older attempt is ignored. */
  let attempt = 0;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let pong: ReturnType<typeof setTimeout> | undefined;
  let state: LiveState | null = null;
  let stopped = false;

  const set = (next: LiveState) => {
    if (state === next) return;
    state = next;
    o.onState(next);
  };

  /** Lets go of the current socket, if any, without hearing from it again. */
  function drop(code: number, reason: string) {
    clearInterval(ping);
    clearTimeout(pong);
    const s = socket;
    socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close(code, reason);
    } catch {
      // Already closed.
    }
  }

  function scheduleRetry() {
    clearTimeout(retry);
    if (stopped || !o.visibility.visible()) return;
    set('down');
    const base = Math.min(maxMs, minMs * 2 ** Math.min(failures, 16));
    failures++;
    retry = setTimeout(connect, base / 2 + (base / 2) * random());
  }

  async function connect() {
    clearTimeout(retry);
    drop(1000, 'reconnecting');
    if (stopped || !o.visibility.visible()) return;
    const mine = ++attempt;
    set('connecting');
    let ticket: string;
    try {
      ticket = await o.ticket();
    } catch {
      if (mine === attempt) scheduleRetry();
      return;
    }
    if (mine !== attempt || stopped || !o.visibility.visible()) return;
    let s: SocketLike;
    try {
      s = o.open(ticket);
    } catch {
      scheduleRetry();
      return;
    }
    socket = s;
    s.onopen = () => {
      set('up');
      ping = setInterval(() => {
        try {
          s.send('ping');
        } catch {
          return; // Closing: onclose follows.
        }
        clearTimeout(pong);
        pong = setTimeout(() => {
          // A half-open connection never says it closed: stop waiting for it.
          drop(4000, 'no pong');
          scheduleRetry();
        }, pongTimeoutMs);
      }, pingMs);
    };
    s.onmessage = (e) => {
      if (e.data === 'pong') {
        clearTimeout(pong);
        return;
      }
      let version: unknown;
      try {
        version = (JSON.parse(String(e.data)) as { version?: unknown }).version;
      } catch {
        return;
      }
      if (typeof version !== 'number') return;
      failures = 0; // The server answered with a version: this connection works.
      o.onVersion(version);
    };
    s.onclose = () => {
      drop(1000, 'closed');
      scheduleRetry();
    };
    // An error is always followed by close.
    s.onerror = null;
  }

  const unsubscribe = o.visibility.subscribe(() => {
    if (stopped) return;
    if (o.visibility.visible()) {
      if (!socket && state !== 'connecting') {
        failures = 0;
        void connect();
      }
    } else {
      attempt++;
      clearTimeout(retry);
      drop(1000, 'hidden');
      set('off');
    }
  });

  if (o.visibility.visible()) void connect();
  else set('off');

  return () => {
    stopped = true;
    attempt++;
    clearTimeout(retry);
    drop(1000, 'stopped');
    unsubscribe();
    set('off');
  };
}
