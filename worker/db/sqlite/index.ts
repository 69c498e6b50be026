import { and, desc, eq, sql } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
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

type Db = DrizzleD1Database<typeof schema>;
const taskColumns = pickTaskColumns(tasks);

/**
 * Bumps the user's task version only if the statement just before it in the
 * batch changed a row. D1 runs a batch as one transaction on one connection,
 * so changes() still refers to that statement.
 */
const bumpIfChanged = (db: Db, userId: string) =>
  db
    .insert(taskVersions)
    .select(sql`select ${userId}, 1 where changes() > 0`)
    .onConflictDoUpdate({ target: taskVersions.userId, set: { version: sql`${taskVersions.version} + 1` } });

function taskRepo(db: Db, now: Clock): TaskRepo {
  const owned = (userId: string, id: string, ifUpdatedAt?: string) => ownedTask(tasks, userId, id, ifUpdatedAt);

  const versionQuery = (userId: string) =>
    db.select({ version: taskVersions.version }).from(taskVersions).where(eq(taskVersions.userId, userId));

  async function missReason(userId: string, id: string, ifUpdatedAt?: string) {
    if (!ifUpdatedAt) return 'not_found' as const;
    const row = await db.select({ id: tasks.id }).from(tasks).where(owned(userId, id)).get();
    return row ? ('changed' as const) : ('not_found' as const);
  }

  async function write(
    userId: string,
    id: string,
    set: Record<string, unknown>,
    ifUpdatedAt?: string,
  ): Promise<WriteResult<Task>> {
    // updated_at never repeats or goes back for a task, so it serves as the
    // task's ETag even when two writes land in the same millisecond.
    const updatedAt = sql`max(${now().getTime()}, ${tasks.updatedAt} + 1)`;
    const [rows] = await db.batch([
      db
        .update(tasks)
        .set({ ...set, updatedAt })
        .where(owned(userId, id, ifUpdatedAt))
        .returning(taskColumns),
      bumpIfChanged(db, userId),
    ]);
    const row = rows[0];
    if (row) return { ok: true, value: toTask(row) };
    return { ok: false, reason: await missReason(userId, id, ifUpdatedAt) };
  }

  return {
    async version(userId) {
      const row = await versionQuery(userId).get();
      return row?.version ?? 0;
    },

    async list(userId, q) {
      const where = taskListWhere(tasks, userId, q, (haystack, needle) => sql`instr(${haystack}, ${needle}) > 0`);
      const [versionRows, rows] = await db.batch([
        versionQuery(userId),
        db
          .select(taskColumns)
          .from(tasks)
          .where(where)
          .orderBy(...taskListOrder(tasks, q))
          .limit(q.limit)
          .offset(q.offset),
      ]);
      return { version: versionRows[0]?.version ?? 0, tasks: rows.map(toTask) };
    },

    async get(userId, id) {
      const row = await db.select(taskColumns).from(tasks).where(owned(userId, id)).get();
      return row ? toTask(row) : null;
    },

    async insert(userId, t) {
      const [rows] = await db.batch([
        db
          .insert(tasks)
          .values(newTaskRow(userId, t, now()))
          .returning(taskColumns),
        bumpIfChanged(db, userId),
      ]);
      return toTask(rows[0]!);
    },

    update(userId, id, changes, ifUpdatedAt) {
      return write(userId, id, taskChangeSet(changes), ifUpdatedAt);
    },

    toggle(userId, id, ifUpdatedAt) {
      return write(userId, id, { completed: sql`not ${tasks.completed}` }, ifUpdatedAt);
    },

    async remove(userId, id, ifUpdatedAt) {
      const [rows] = await db.batch([
        db.delete(tasks).where(owned(userId, id, ifUpdatedAt)).returning({ id: tasks.id }),
        bumpIfChanged(db, userId),
      ]);
      if (rows.length) return { ok: true, value: null };
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
      const row = await db.select().from(users).where(eq(users.email, email)).get();
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async findById(id) {
      const row = await db.select().from(users).where(eq(users.id, id)).get();
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
      const row = await db.select().from(conversations).where(owned(userId, id)).get();
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
    async append(userId, conversationId, items) {
      // One batch: D1 runs its statements in order as one transaction, with no
      // other write between them. Each insert stamps its message in SQL from
      // the latest one stored (the one just before it in this batch, or the
      // last of an append that committed first), not from a read made before
      // the write, so concurrent appends queue whole and never share a time.
      // One statement per message keeps each far below D1's 100 bound
      // parameters; selecting from the user's conversation makes a foreign
      // one insert nothing.
      const at = now().getTime();
      const latest = sql`(select max(${messages.createdAt}) from ${messages} where ${messages.conversationId} = ${conversationId})`;
      const next = sql`max(${at}, coalesce(${latest} + 1, 0))`;
      // The touch runs first, so it stamps the time the last of these messages is about to get.
      const touch = db
        .update(conversations)
        .set({ updatedAt: items.length ? sql`${next} + ${items.length - 1}` : new Date(at) })
        .where(owned(userId, conversationId))
        .returning({ id: conversations.id });
      const inserts = items.map((m) =>
        db
          .insert(messages)
          .select(
            db
              .select({
                id: sql`${crypto.randomUUID()}`.as('id'),
                conversationId: conversations.id,
                role: sql`${m.role}`.as('role'),
                content: sql`${m.content}`.as('content'),
                actions: sql`${sql.param(m.actions ?? null, messages.actions)}`.as('actions'),
                agentState: sql`${sql.param(m.state ?? null, messages.agentState)}`.as('agent_state'),
                createdAt: next.as('created_at'),
              })
              .from(conversations)
              .where(owned(userId, conversationId)),
          )
          .returning(),
      );
      const [touched, ...inserted] = await db.batch([touch, ...inserts]);
      if (!touched.length) throw new Error(`conversation ${conversationId} not found for its user`);
      return inserted.flat().map(toMessage);
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

export function createD1Repos(d1: D1Database, now: Clock = systemClock): Repos {
  const db = drizzle(d1, { schema });
  return {
    dialect: 'd1',
    tasks: taskRepo(db, now),
    users: userRepo(db, now),
    conversations: conversationRepo(db, now),
    limits: rateLimitRepo(db),
    async ping() {
      await db.run(sql`select 1`);
    },
    async close() {},
  };
}
