import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type {
  Conversation,
  ConversationRepo,
  Message,
  RateLimitRepo,
  Repos,
  Task,
  TaskListQuery,
  TaskRepo,
  User,
  UserRepo,
  WriteResult,
} from '../repo';
import { fold, foldOrNull, sequentialTimes } from '../shared';
import * as schema from './schema';
import { conversations, messages, rateLimits, tasks, taskVersions, users } from './schema';

type Db = DrizzleD1Database<typeof schema>;
type TaskRow = Omit<typeof tasks.$inferSelect, 'searchTitle' | 'searchDescription'>;

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

const toTask = (r: TaskRow): Task => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  description: r.description,
  completed: r.completed,
  priority: r.priority,
  due_date: isoOrNull(r.dueDate),
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});

const taskColumns = {
  id: tasks.id,
  userId: tasks.userId,
  title: tasks.title,
  description: tasks.description,
  completed: tasks.completed,
  priority: tasks.priority,
  dueDate: tasks.dueDate,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

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

const priorityRank = sql`case ${tasks.priority} when 'low' then 0 when 'medium' then 1 else 2 end`;

function orderBy(q: TaskListQuery): SQL[] {
  const dir = q.order === 'asc' ? asc : desc;
  const tie = [desc(tasks.createdAt), desc(tasks.id)];
  switch (q.sort) {
    case 'due_date':
      // Tasks without a due date go last whichever way the dates run.
      return [sql`${tasks.dueDate} is null`, dir(tasks.dueDate), ...tie];
    case 'priority':
      return [dir(priorityRank), ...tie];
    case 'updated_at':
      return [dir(tasks.updatedAt), ...tie];
    default:
      return [dir(tasks.createdAt), dir(tasks.id)];
  }
}

function taskRepo(db: Db): TaskRepo {
  const owned = (userId: string, id: string, ifUpdatedAt?: string) =>
    and(
      eq(tasks.id, id),
      eq(tasks.userId, userId),
      ifUpdatedAt ? eq(tasks.updatedAt, new Date(ifUpdatedAt)) : undefined,
    );

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
    const updatedAt = sql`max(${Date.now()}, ${tasks.updatedAt} + 1)`;
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
      const needle = q.q ? fold(q.q) : undefined;
      const where = and(
        eq(tasks.userId, userId),
        q.completed === undefined ? undefined : eq(tasks.completed, q.completed),
        q.priority ? eq(tasks.priority, q.priority) : undefined,
        needle
          ? sql`(instr(${tasks.searchTitle}, ${needle}) > 0 or instr(coalesce(${tasks.searchDescription}, ''), ${needle}) > 0)`
          : undefined,
      );
      const [versionRows, rows] = await db.batch([
        versionQuery(userId),
        db
          .select(taskColumns)
          .from(tasks)
          .where(where)
          .orderBy(...orderBy(q))
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
      const now = new Date();
      const [rows] = await db.batch([
        db
          .insert(tasks)
          .values({
            id: crypto.randomUUID(),
            userId,
            title: t.title,
            description: t.description,
            priority: t.priority,
            dueDate: t.due_date ? new Date(t.due_date) : null,
            completed: false,
            createdAt: now,
            updatedAt: now,
            searchTitle: fold(t.title),
            searchDescription: foldOrNull(t.description),
          })
          .returning(taskColumns),
        bumpIfChanged(db, userId),
      ]);
      return toTask(rows[0]!);
    },

    update(userId, id, changes, ifUpdatedAt) {
      const set: Record<string, unknown> = {};
      if (changes.title !== undefined) {
        set.title = changes.title;
        set.searchTitle = fold(changes.title);
      }
      if (changes.description !== undefined) {
        set.description = changes.description;
        set.searchDescription = foldOrNull(changes.description);
      }
      if (changes.priority !== undefined) set.priority = changes.priority;
      if (changes.completed !== undefined) set.completed = changes.completed;
      if (changes.due_date !== undefined) set.dueDate = changes.due_date ? new Date(changes.due_date) : null;
      return write(userId, id, set, ifUpdatedAt);
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

const toUser = (r: typeof users.$inferSelect): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  created_at: iso(r.createdAt),
});

function userRepo(db: Db): UserRepo {
  return {
    async create({ email, name, passwordHash }) {
      // "on conflict do nothing" turns a taken email into an empty result
      // instead of a constraint error, even when two signups race.
      const rows = await db
        .insert(users)
        .values({ id: crypto.randomUUID(), email, name, passwordHash, createdAt: new Date() })
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

const toConversation = (r: typeof conversations.$inferSelect): Conversation => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});

const toMessage = (r: typeof messages.$inferSelect): Message => ({
  id: r.id,
  conversation_id: r.conversationId,
  role: r.role,
  content: r.content,
  actions: (r.actions as Message['actions']) ?? null,
  state: r.agentState ?? null,
  created_at: iso(r.createdAt),
});

function conversationRepo(db: Db): ConversationRepo {
  const owned = (userId: string, id: string) => and(eq(conversations.id, id), eq(conversations.userId, userId));

  return {
    async create(userId, title) {
      const now = new Date();
      const [row] = await db
        .insert(conversations)
        .values({ id: crypto.randomUUID(), userId, title, createdAt: now, updatedAt: now })
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
      const last = await db
        .select({ at: messages.createdAt })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(desc(messages.createdAt))
        .limit(1)
        .get();
      const times = sequentialTimes(items.length, last?.at);
      const rows = items.map((m, i) => ({
        id: crypto.randomUUID(),
        conversationId,
        role: m.role,
        content: m.content,
        actions: m.actions ?? null,
        agentState: m.state ?? null,
        createdAt: times[i]!,
      }));
      const touched = times.at(-1) ?? new Date();
      await db.batch([
        db.insert(messages).values(rows),
        db.update(conversations).set({ updatedAt: touched }).where(owned(userId, conversationId)),
      ]);
      return rows.map(toMessage);
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
    async hit(key, windowStart) {
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          // A new window restarts the count; the same window adds to it.
          set: {
            count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
            windowStart: sql`excluded.window_start`,
          },
        })
        .returning({ count: rateLimits.count });
      return row!.count;
    },
  };
}

export function createD1Repos(d1: D1Database): Repos {
  const db = drizzle(d1, { schema });
  return {
    dialect: 'd1',
    tasks: taskRepo(db),
    users: userRepo(db),
    conversations: conversationRepo(db),
    limits: rateLimitRepo(db),
    async ping() {
      await db.run(sql`select 1`);
    },
    async close() {},
  };
}
