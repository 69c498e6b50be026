import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../lib/clock';
import { runContract } from '../contract';
import { createPgRepos } from '.';

// Runs in the worker-pg project, whose bindings point at a fresh PostgreSQL
// database through the local WebSocket proxy (test/support/postgres.ts).
const connect = (clock?: Clock, url = env.DATABASE_URL!) => createPgRepos(url, { wsProxy: env.NEON_WS_PROXY, clock });

runContract('postgres', (clock) => connect(clock));

describe('postgres: reachability', () => {
  it('fails the ping (and so /api/health answers 503) when the database is not there', async () => {
    const url = new URL(env.DATABASE_URL!);
    url.pathname = '/no_such_database_here';
    const repos = connect(undefined, url.href);
    try {
      await expect(repos.ping()).rejects.toThrow();
    } finally {
      await repos.close();
    }
  });
});
