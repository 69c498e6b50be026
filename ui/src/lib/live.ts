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
  const { pingMs = 30_000, pongTimeoutMs = 10_000 } = o;

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
    closeQuietly(s, code, reason);
  }

  /** Closes and forgets the socket and any attempt under way. */
  function off(reason: string) {
    attempt++;
    clearTimeout(retry);
    drop(1000, reason);
    set('off');
  }

  function scheduleRetry() {
    clearTimeout(retry);
    if (stopped || !o.visibility.visible()) return;
    set('down');
    retry = setTimeout(connect, retryDelay(failures++, o));
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
        if (!sent(s, 'ping')) return; // Closing: onclose follows.
        clearTimeout(pong);
        // A half-open connection never says it closed: stop waiting for it.
        pong = setTimeout(() => {
          drop(4000, 'no pong');
          scheduleRetry();
        }, pongTimeoutMs);
      }, pingMs);
    };
    s.onmessage = (e) => {
      if (e.data === 'pong') return clearTimeout(pong);
      const version = versionIn(e.data);
      if (version === null) return;
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
      off('hidden');
    }
  });

  if (o.visibility.visible()) void connect();
  else set('off');

  return () => {
    stopped = true;
    off('stopped');
    unsubscribe();
  };
}

/** The version in a pushed message, or null for anything else (garbage is ignored, never fatal). */
function versionIn(data: unknown): number | null {
  try {
    const version = (JSON.parse(String(data)) as { version?: unknown }).version;
    return typeof version === 'number' ? version : null;
  } catch {
    return null;
  }
}

function sent(s: SocketLike, data: string): boolean {
  try {
    s.send(data);
    return true;
  } catch {
    return false;
  }
}

function closeQuietly(s: SocketLike, code: number, reason: string) {
  try {
    s.close(code, reason);
  } catch {
    // Already closed.
  }
}

/** Doubles from backoff.minMs up to backoff.maxMs with each failure, the upper half of it random. */
function retryDelay(failures: number, o: LiveOptions): number {
  const { minMs, maxMs } = o.backoff ?? { minMs: 1000, maxMs: 30_000 };
  const base = Math.min(maxMs, minMs * 2 ** Math.min(failures, 16));
  return base / 2 + (base / 2) * (o.random ?? Math.random)();
}
