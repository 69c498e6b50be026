// npm run start:pg: the app as `npm start` serves it, on Postgres instead of
// D1. Applies drizzle/pg to DATABASE_URL (default: the local `test`
// database), and for a local server starts the WebSocket-to-TCP proxy the
// Neon driver needs (NEON_WS_PROXY), stopping it when the app stops.
//
//   npm run start:pg
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mydb PORT=8825 npm run start:pg
import './check-node.mjs';
import { configureNeon, DEFAULT_DATABASE_URL, isLocal, migratePg, reachable, startWsProxy } from './pg-local.mjs';
import { prepare, serve } from './serve.mjs';
import { resolveConfig } from './config.mjs';

const url = resolveConfig().DATABASE_URL || DEFAULT_DATABASE_URL;
const where = `${new URL(url).host}${new URL(url).pathname}`;
const local = isLocal(url);

if (local && !(await reachable(url))) {
  console.error(
    `PostgreSQL is not reachable at ${new URL(url).host}. Start it (e.g. \`pg_ctlcluster --skip-systemctl-redirect 15 main start\`) or set DATABASE_URL.`,
  );
  process.exit(1);
}

// A local server is reached through our proxy; Neon through its own.
const proxy = local ? await startWsProxy({ port: Number(process.env.PG_PROXY_PORT || 0) }) : null;
const stopProxy = async () => proxy?.close();
configureNeon(proxy?.address);

try {
  await migratePg(url);
  console.log(`Applied drizzle/pg to ${where}${proxy ? ` (WebSocket proxy on ${proxy.address})` : ''}`);
} catch (err) {
  console.error(`Migrating ${where} failed: ${err.message}`);
  await stopProxy();
  process.exit(1);
}

const config = prepare({ DATABASE_URL: url, NEON_WS_PROXY: proxy?.address ?? '' });
serve(config, { cleanup: stopProxy });
