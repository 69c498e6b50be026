// Local Postgres for the Neon driver. The driver speaks the Postgres wire
// protocol over a WebSocket to Neon's proxy; against a plain PostgreSQL we
// stand in for that proxy: each WebSocket connection is piped to a TCP
// socket to the host:port the driver names in `?address=`.
// Used by `npm run start:pg`, `npm run db:migrate:pg` and the test suite.
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

// Through require: a bundler loading this file (vitest's globalSetup) would
// otherwise pick ws's browser build, which has no server.
const { WebSocket, WebSocketServer } = createRequire(import.meta.url)('ws');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const PG_MIGRATIONS = fileURLToPath(new URL('../drizzle/pg', import.meta.url));

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Starts the WebSocket-to-TCP proxy on 127.0.0.1:`port` (0: any free port).
 * Only loopback database addresses are forwarded: this is a development
 * tool, not an open relay. Like Neon's pooler in front of its Postgres, it
 * opens at most `maxConnections` server connections at once and holds further
 * clients (their bytes buffered) until one closes, so a burst of parallel
 * requests waits instead of hitting the server's max_connections.
 * Resolves to `{ address, port, close }`; `address` ("127.0.0.1:PORT") is
 * what NEON_WS_PROXY takes.
 *
 * Browsers may open WebSockets to any address, loopback included, and always
 * say which page asked (Origin); the Neon driver never sends one. So a
 * handshake with an Origin is refused (403): otherwise any web page the
 * developer visits could reach their trust-auth database through the proxy.
 */
export function startWsProxy({ port = 0, maxConnections = 20 } = {}) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    verifyClient: ({ req }, answer) =>
      req.headers.origin === undefined
        ? answer(true)
        : answer(false, 403, 'Browser pages may not use the database proxy'),
  });
  const sockets = new Set();
  const waiting = [];
  let open = 0;
  const release = () => {
    open--;
    while (open < maxConnections && waiting.length) waiting.shift()();
  };

  wss.on('connection', (ws, req) => {
    const target = new URL(req.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const m = /^(.+):(\d+)$/.exec(target);
    if (!m || !LOOPBACK.has(m[1])) {
      ws.close(1008, `refusing to proxy to ${target || 'nothing'}`);
      return;
    }
    const pending = [];
    let tcp = null;
    let closed = false;
    ws.on('message', (data) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (!tcp || tcp.connecting) pending.push(chunk);
      else tcp.write(chunk);
    });
    const done = () => {
      if (closed) return;
      closed = true;
      const idx = waiting.indexOf(start);
      if (idx >= 0) waiting.splice(idx, 1);
      if (tcp) {
        sockets.delete(tcp);
        tcp.destroy();
        release();
      }
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
    };
    function start() {
      if (closed) return;
      open++;
      tcp = connect({ host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) });
      sockets.add(tcp);
      tcp.setNoDelay(true);
      tcp.on('connect', () => {
        for (const chunk of pending.splice(0)) tcp.write(chunk);
      });
      tcp.on('data', (chunk) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(chunk);
      });
      tcp.on('close', done);
      tcp.on('error', done);
    }
    ws.on('close', done);
    ws.on('error', done);
    if (open < maxConnections) start();
    else waiting.push(start);
  });

  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const { port: actual } = wss.address();
      resolve({
        address: `127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise((finish) => {
            waiting.length = 0;
            for (const s of sockets) s.destroy();
            for (const c of wss.clients) c.terminate();
            wss.close(() => finish());
          }),
      });
    });
  });
}

/**
 * Points the Neon driver in this Node process at a local proxy (plain ws://,
 * no pipelining: a local PostgreSQL with trust auth expects the normal
 * handshake). Without `proxyAddress` the driver keeps its production
 * defaults and talks to Neon itself.
 */
export function configureNeon(proxyAddress) {
  neonConfig.webSocketConstructor = WebSocket;
  if (!proxyAddress) return;
  neonConfig.wsProxy = (host, port) => `${proxyAddress}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** Runs `fn` with a Pool on `url`; the pool is always ended. */
export async function withPool(url, fn) {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** Applies drizzle/pg to the database at `url` (idempotent: drizzle records what ran). */
export function migratePg(url) {
  return withPool(url, (pool) => migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS }));
}

/** Whether a TCP connection to the URL's host and port opens. */
export function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: hostname, port: Number(port || 5432) }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** Whether the URL points at this machine (so it needs the local proxy). */
export const isLocal = (url) => LOOPBACK.has(new URL(url).hostname);
