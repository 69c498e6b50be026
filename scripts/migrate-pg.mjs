// npm run db:migrate:pg: apply drizzle/pg to DATABASE_URL (default: the local
// test database). A loopback URL goes through the local WebSocket proxy; any
// other (Neon) is reached the way the Worker reaches it, over Neon's own proxy.
import './check-node.mjs';
import { configureNeon, DEFAULT_DATABASE_URL, isLocal, migratePg, startWsProxy } from './pg-local.mjs';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const proxy = isLocal(url) ? await startWsProxy() : null;
configureNeon(proxy?.address);
try {
  await migratePg(url);
  console.log(`Applied drizzle/pg to ${new URL(url).host}${new URL(url).pathname}`);
} catch (err) {
  console.error(`Migrating ${new URL(url).host}${new URL(url).pathname} failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await proxy?.close();
}
