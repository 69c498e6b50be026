import { neonConfig, Pool } from '@neondatabase/serverless';
import { and, desc, eq, sql } from 'drizzle-orm';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import { systemClock, type Clock } from '../../lib/clock';
import type { Task } from '../../tasks/types';
import type { ConversationRepo, RateLimitRepo, Repos, TaskRepo, UserRepo, WriteResult } from '../repo';
import {
  messageRows,
  newTaskRow,
  ownedConversation,
  ownedTask,
  pickTaskColumns,
  rateLimitHit,
  taskChangeSet,
  taskListOrder,
  taskListWhere,
  toConversation,
  toMessage,
  toTask,
  toUser,
} from '../shared';
import * as schema from './schema';
import { conversations, messages, rateLimits, tasks, taskVersions, users } from './schema';

type Db = NeonDatabase<typeof schema>;
/** A transaction on the database (what db.transaction hands its callback). */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const taskColumns = pickTaskColumns(tasks);

/** Bumps the user's task version; called inside the transaction of the write it counts. */
const bump = (tx: Tx, userId: string) =>
  tx
    .insert(taskVersions)
    .values({ userId, version: 1 })
    .onConflictDoUpdate({ target: taskVersions.userId, set: { version: sql`${taskVersions.version} + 1` } });

function taskRepo(db: Db, now: Clock): TaskRepo {
  const owned = (userId: string, id: string, ifUpdatedAt?: string) => ownedTask(tasks, userId, id, ifUpdatedAt);

  async function version(userId: string) {
    const [row] = await db.select({ version: taskVersions.version }).from(taskVersions).where(eq(taskVersions.userId, userId));
    return row?.version ?? 0;
  }

  async function missReason(userId: string, id: string, ifUpdatedAt?: string) {
    if (!ifUpdatedAt) return 'not_found' as const;
    const [row] = await db.select({ id: tasks.id }).from(tasks).where(owned(userId, id));
    return row ? ('changed' as const) : ('not_found' as const);
  }

  async function write(
    userId: string,
    id: string,
    set: Record<string, unknown>,
    ifUpdatedAt?: string,
  ): Promise<WriteResult<Task>> {
    // updated_at never repeats or goes back for a task, so it serves as the
    // task's ETag even when two writes land in the same millisecond. The row
    // lock the update takes orders concurrent writes to one task, and
    // Postgres re-checks the WHERE (If-Match included) once it has the lock.
    const updatedAt = sql`greatest(${now().toISOString()}::timestamptz, ${tasks.updatedAt} + interval '1 millisecond')`;
    const row = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(tasks)
        .set({ ...set, updatedAt })
        .where(owned(userId, id, ifUpdatedAt))
        .returning(taskColumns);
      if (row) await bump(tx, userId);
      return row;
    });
    if (row) return { ok: true, value: toTask(row) };
    return { ok: false, reason: await missReason(userId, id, ifUpdatedAt) };
  }

  return {
    version,

    async list(userId, q) {
      // The version first, then the list: every change the version counts
      // committed before it was read, so the list is never older than its tag.
      const v = await version(userId);
      const rows = await db
        .select(taskColumns)
        .from(tasks)
        .where(taskListWhere(tasks, userId, q, (haystack, needle) => sql`strpos(${haystack}, ${needle}) > 0`))
        .orderBy(...taskListOrder(tasks, q))
        .limit(q.limit)
        .offset(q.offset);
      return { version: v, tasks: rows.map(toTask) };
    },

    async get(userId, id) {
      const [row] = await db.select(taskColumns).from(tasks).where(owned(userId, id));
      return row ? toTask(row) : null;
    },

    async insert(userId, t) {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.insert(tasks).values(newTaskRow(userId, t, now())).returning(taskColumns);
        await bump(tx, userId);
        return row!;
      });
      return toTask(row);
    },

    update(userId, id, changes, ifUpdatedAt) {
      return write(userId, id, taskChangeSet(changes), ifUpdatedAt);
    },

    toggle(userId, id, ifUpdatedAt) {
      return write(userId, id, { completed: sql`not ${tasks.completed}` }, ifUpdatedAt);
    },

    async remove(userId, id, ifUpdatedAt) {
      const removed = await db.transaction(async (tx) => {
        const rows = await tx.delete(tasks).where(owned(userId, id, ifUpdatedAt)).returning({ id: tasks.id });
        if (rows.length) await bump(tx, userId);
        return rows.length > 0;
      });
      if (removed) return { ok: true, value: null };
      return { ok: false, reason: await missReason(userId, id, ifUpdatedAt) };
    },
  };
}

function userRepo(db: Db, now: Clock): UserRepo {
  return {
    async create({ email, name, passwordHash }) {
      // "on conflict do nothing" turns a taken email into an empty result
      // instead of a constraint error, even when two signups race.
      const rows = await db
        .insert(users)
        .values({ id: crypto.randomUUID(), email, name, passwordHash, createdAt: now() })
        .onConflictDoNothing()
        .returning();
      return rows[0] ? toUser(rows[0]) : null;
    },
    async findByEmail(email) {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async findById(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : null;
    },
  };
}

function conversationRepo(db: Db, now: Clock): ConversationRepo {
  const owned = (userId: string, id: string) => ownedConversation(conversations, userId, id);

  return {
    async create(userId, title) {
      const at = now();
      const [row] = await db
        .insert(conversations)
        .values({ id: crypto.randomUUID(), userId, title, createdAt: at, updatedAt: at })
        .returning();
      return toConversation(row!);
    },
    async get(userId, id) {
      const [row] = await db.select().from(conversations).where(owned(userId, id));
      return row ? toConversation(row) : null;
    },
    async list(userId, limit) {
      const rows = await db
        .select()
        .from(conversations)
        .where(eq(conversations.userId, userId))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(limit);
      return rows.map(toConversation);
    },
    append(userId, conversationId, items) {
      return db.transaction(async (tx) => {
        // Locking the conversation row queues concurrent appends to it, so
        // each batch starts after the last message of the one before. The
        // last message's time comes with the lock: one round trip, not two.
        // (A parameter, not a correlated column: drizzle renders columns unqualified here, and an
        // unqualified "id" inside the subquery would be the message's.)
        const latest = sql`(select ${messages.createdAt} from ${messages} where ${messages.conversationId} = ${conversationId} order by ${messages.createdAt} desc limit 1)`;
        const [conv] = await tx
          .select({ id: conversations.id, last: latest.mapWith(messages.createdAt) })
          .from(conversations)
          .where(owned(userId, conversationId))
          .for('update');
        if (!conv) throw new Error(`conversation ${conversationId} not found for its user`);
        const rows = messageRows(conversationId, items, now(), conv.last ?? undefined);
        if (rows.length) await tx.insert(messages).values(rows);
        await tx
          .update(conversations)
          .set({ updatedAt: rows.at(-1)?.createdAt ?? now() })
          .where(owned(userId, conversationId));
        return rows.map(toMessage);
      });
    },
    async messages(userId, conversationId, limit) {
      const rows = await db
        .select({ m: messages })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(and(eq(messages.conversationId, conversationId), eq(conversations.userId, userId)))
        .orderBy(desc(messages.createdAt))
        .limit(limit);
      return rows.map((r) => toMessage(r.m)).reverse();
    },
    async remove(userId, id) {
      // Messages go with it through the foreign key's ON DELETE CASCADE.
      const rows = await db.delete(conversations).where(owned(userId, id)).returning({ id: conversations.id });
      return rows.length > 0;
    },
  };
}

function rateLimitRepo(db: Db): RateLimitRepo {
  return {
    async hit(key, windowStart, by = 1) {
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart, count: by })
        .onConflictDoUpdate({ target: rateLimits.key, set: rateLimitHit(rateLimits) })
        .returning({ count: rateLimits.count });
      return row!.count;
    },
  };
}

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
  return {
    dialect: 'postgres',
    tasks: taskRepo(db, now),
    users: userRepo(db, now),
    conversations: conversationRepo(db, now),
    limits: rateLimitRepo(db),
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      ending = true;
      await pool.end();
    },
  };
}
