import { neonConfig, Pool } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { systemClock, type Clock } from '../../lib/clock';
import type { Repos } from '../repo';
import { createConversationRepo } from '../shared/conversations';
import { createOAuthRepo } from '../shared/oauth';
import { createPendingRepo } from '../shared/pending';
import { createPersonalTokenRepo } from '../shared/personal-tokens';
import { createRateLimitRepo } from '../shared/rate-limits';
import { createUserRepo } from '../shared/users';
import { appendMessages } from './append';
import * as schema from './schema';
import { statementsOn } from './statements';
import { taskRepo } from './tasks';

/**
 * Local development and tests only: send the driver's WebSockets through the
 * WebSocket-to-TCP proxy at `address` (scripts/pg-local.mjs) to a plain
 * PostgreSQL, unencrypted and without Neon's pipelining shortcuts. Never set
 * in production, where the driver talks to Neon's own proxy over TLS.
 */
function useLocalProxy(address: string) {
  neonConfig.wsProxy = (host, port) => `${address}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

export interface PgOptions {
  /** host:port of a local WebSocket-to-TCP proxy (NEON_WS_PROXY). */
  wsProxy?: string;
  /** Where row times come from (the system clock unless a test sets one). */
  clock?: Clock;
}

/**
 * Repos on Postgres through the Neon driver's Pool over WebSockets, which
 * (unlike neon-http) gives real transactions. One pool per request: a Worker
 * cannot keep sockets between requests, so `close()` ends it.
 */
export function createPgRepos(connectionString: string, options: PgOptions = {}): Repos {
  if (options.wsProxy) useLocalProxy(options.wsProxy);
  const pool = new Pool({ connectionString });
  // An idle client that loses its socket emits on the pool; without a
  // listener that would be an uncaught error. The query that needed it fails
  // on its own. Closing the WebSocket at the end of the request reports
  // "Network connection lost" too: expected then, so not logged.
  let ending = false;
  pool.on('error', (err: Error) => {
    if (!ending) console.error('postgres pool:', err.message);
  });
  const db = drizzle(pool, { schema });
  const now = options.clock ?? systemClock;
  const on = statementsOn(db);
  return {
    dialect: 'postgres',
    tasks: taskRepo(db),
    users: createUserRepo(on.users, now),
    conversations: createConversationRepo(on.chat, appendMessages(db, now), now),
    pending: createPendingRepo(on.pending, now),
    limits: createRateLimitRepo(on.limits),
    personalTokens: createPersonalTokenRepo(on.personalTokens, now),
    oauth: createOAuthRepo(on.oauth, now),
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      ending = true;
      await pool.end();
    },
  };
}
