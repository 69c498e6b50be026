import { Pool } from '@neondatabase/serverless';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runContract } from '../contract';
import { createPgRepos } from '.';

// Runs in the worker-pg project, whose bindings point at a fresh PostgreSQL
// database through the local WebSocket proxy (test/support/postgres.ts).
const connect = (url = env.DATABASE_URL!) => createPgRepos(url, { wsProxy: env.NEON_WS_PROXY });

runContract('postgres', () => connect());

describe('postgres: reachability', () => {
  it('fails the ping (and so /api/health answers 503) when the database is not there', async () => {
    const url = new URL(env.DATABASE_URL!);
    url.pathname = '/no_such_database_here';
    const repos = connect(url.href);
    try {
      await expect(repos.ping()).rejects.toThrow();
    } finally {
      await repos.close();
    }
  });
});

describe('postgres: message order across clocks', () => {
  it("places a new message after the last one even when that one's time is ahead of this clock", async () => {
    // Another Worker instance, its clock a minute ahead, wrote the last message.
    const repos = connect();
    const pool = new Pool({ connectionString: env.DATABASE_URL! });
    // Ending the pool closes its WebSocket, which the driver reports as an error event; expected here.
    pool.on('error', () => {});
    try {
      const user = crypto.randomUUID();
      const c = await repos.conversations.create(user, 'Skewed');
      const ahead = new Date(Date.now() + 60_000);
      await pool.query(
        `insert into messages (id, conversation_id, role, content, created_at) values ($1, $2, 'user', 'from the future', $3)`,
        [crypto.randomUUID(), c.id, ahead.toISOString()],
      );
      const [reply] = await repos.conversations.append(user, c.id, [{ role: 'assistant', content: 'after it' }]);
      expect(Date.parse(reply!.created_at)).toBe(ahead.getTime() + 1);
      expect((await repos.conversations.messages(user, c.id, 10)).map((m) => m.content)).toEqual(['from the future', 'after it']);
    } finally {
      await pool.end();
      await repos.close();
    }
  });
});
