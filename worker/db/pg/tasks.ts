/**
 * Tasks on Postgres, written per dialect like ../sqlite/tasks.ts (which says
 * why): here each write, its version bump and its event run in one
 * transaction on the Neon Pool. What the statements filter, order and set is
 * shared (../shared/tasks.ts).
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, min, sql } from 'drizzle-orm';
import type { TaskRepo, TaskWrite } from '../repo';
import {
  eventRow,
  ownedTask,
  storedTaskChangeSet,
  storedTaskRow,
  taskListOrder,
  taskListWhere,
  toEvent,
  toStoredTask,
  toTask,
  visibleTask,
  withoutSearchCopies,
} from '../shared/tasks';
import type { Db, Tx } from './db';
import { taskEvents, tasks, taskVersions } from './schema';

const taskColumns = withoutSearchCopies(getTableColumns(tasks));

function taskReads(db: Db): Pick<TaskRepo, 'version' | 'list' | 'all' | 'get' | 'find'> {
  async function version(userId: string) {
    const [row] = await db
      .select({ version: taskVersions.version })
      .from(taskVersions)
      .where(eq(taskVersions.userId, userId));
    return row?.version ?? 0;
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

    async all(userId) {
      const v = await version(userId);
      const rows = await db
        .select(taskColumns)
        .from(tasks)
        .where(and(eq(tasks.userId, userId), isNull(tasks.deletedAt)))
        .orderBy(asc(tasks.createdAt), asc(tasks.id));
      return { version: v, tasks: rows.map(toTask) };
    },

    async get(userId, id) {
      const [row] = await db
        .select(taskColumns)
        .from(tasks)
        .where(visibleTask(tasks, userId, id));
      return row ? toTask(row) : null;
    },

    async find(userId, id) {
      const [row] = await db
        .select(taskColumns)
        .from(tasks)
        .where(ownedTask(tasks, userId, id));
      return row ? toStoredTask(row) : null;
    },
  };
}

/** Bumps the user's version and appends the event with it; inside the transaction of the write it records. */
async function bumpAndLog(tx: Tx, userId: string, event: TaskWrite['event']) {
  const [bumped] = await tx
    .insert(taskVersions)
    .values({ userId, version: 1 })
    .onConflictDoUpdate({ target: taskVersions.userId, set: { version: sql`${taskVersions.version} + 1` } })
    .returning({ version: taskVersions.version });
  const [row] = await tx
    .insert(taskEvents)
    .values(eventRow(userId, event, bumped!.version))
    .returning();
  return toEvent(row!);
}

function taskWrites(db: Db): Pick<TaskRepo, 'insert' | 'change'> {
  return {
    insert(userId, { next, event }) {
      return db.transaction(async (tx) => {
        await tx.insert(tasks).values(storedTaskRow(next));
        return bumpAndLog(tx, userId, event);
      });
    },

    // The row lock (select … for update) queues concurrent writes to one
    // task, so `decide` always sees the row the write will replace.
    change(userId, id, decide) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select(taskColumns)
          .from(tasks)
          .where(ownedTask(tasks, userId, id))
          .for('update');
        if (!row) return { before: null, event: null };
        const before = toStoredTask(row);
        const write = decide(before);
        if (!write) return { before, event: null };
        await tx
          .update(tasks)
          .set(storedTaskChangeSet(write.next))
          .where(ownedTask(tasks, userId, id));
        return { before, event: await bumpAndLog(tx, userId, write.event) };
      });
    },
  };
}

function taskLog(db: Db, version: (userId: string) => Promise<number>) {
  const log: Pick<TaskRepo, 'events' | 'event' | 'changedSince' | 'purgeDeleted'> = {
    async events(userId, { taskId, before, limit }) {
      const rows = await db
        .select()
        .from(taskEvents)
        .where(
          and(
            eq(taskEvents.userId, userId),
            taskId === undefined ? undefined : eq(taskEvents.taskId, taskId),
            before === undefined ? undefined : lt(taskEvents.version, before),
          ),
        )
        .orderBy(desc(taskEvents.version))
        .limit(limit);
      return rows.map(toEvent);
    },

    async event(userId, id) {
      const [row] = await db
        .select()
        .from(taskEvents)
        .where(and(eq(taskEvents.userId, userId), eq(taskEvents.id, id)));
      return row ? toEvent(row) : null;
    },

    async changedSince(userId, since, max) {
      const v = await version(userId);
      if (since > v) return null;
      if (since === v) return { version: v, tasks: [] };
      const after = and(eq(taskEvents.userId, userId), gt(taskEvents.version, since));
      const [span] = await db
        .select({ first: min(taskEvents.version) })
        .from(taskEvents)
        .where(after);
      // Complete only if the log holds the very next event after `since`.
      if (span?.first !== since + 1) return null;
      const touched = db.selectDistinct({ id: taskEvents.taskId }).from(taskEvents).where(after);
      const rows = await db
        .select(taskColumns)
        .from(tasks)
        .where(and(eq(tasks.userId, userId), inArray(tasks.id, touched)));
      return rows.length > max ? null : { version: v, tasks: rows.map(toStoredTask) };
    },

    async purgeDeleted(before) {
      const gone = and(isNotNull(tasks.deletedAt), lt(tasks.deletedAt, before));
      return db.transaction(async (tx) => {
        await tx
          .delete(taskEvents)
          .where(inArray(taskEvents.taskId, tx.select({ id: tasks.id }).from(tasks).where(gone)));
        return (await tx.delete(tasks).where(gone).returning({ id: tasks.id })).length;
      });
    },
  };
  return log;
}

export const taskRepo = (db: Db): TaskRepo => {
  const reads = taskReads(db);
  return { ...reads, ...taskWrites(db), ...taskLog(db, reads.version) };
};
