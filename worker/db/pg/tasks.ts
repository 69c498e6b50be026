/**
 * Tasks on Postgres, written per dialect like ../sqlite/tasks.ts (which says
 * why): here each write and its version bump run in one transaction on the
 * Neon Pool. What the statements filter, order and set is shared
 * (../shared/tasks.ts).
 */
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Clock } from '../../lib/clock';
import type { Task } from '../../tasks/types';
import type { TaskRepo, WriteResult } from '../repo';
import {
  newTaskRow,
  ownedTask,
  taskChangeSet,
  taskListOrder,
  taskListWhere,
  toTask,
  withoutSearchCopies,
  type TaskSet,
} from '../shared/tasks';
import type { Db, Tx } from './db';
import { tasks, taskVersions } from './schema';

const taskColumns = withoutSearchCopies(getTableColumns(tasks));
const owned = (userId: string, id: string, ifUpdatedAt?: string) => ownedTask(tasks, userId, id, ifUpdatedAt);

/** Bumps the user's task version; called inside the transaction of the write it counts. */
const bump = (tx: Tx, userId: string) =>
  tx
    .insert(taskVersions)
    .values({ userId, version: 1 })
    .onConflictDoUpdate({ target: taskVersions.userId, set: { version: sql`${taskVersions.version} + 1` } });

function taskReads(db: Db): Pick<TaskRepo, 'version' | 'list' | 'get'> {
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

    async get(userId, id) {
      const [row] = await db.select(taskColumns).from(tasks).where(owned(userId, id));
      return row ? toTask(row) : null;
    },
  };
}

function taskWrites(db: Db, now: Clock): Pick<TaskRepo, 'insert' | 'update' | 'toggle' | 'remove'> {
  // Why a write matched no row: with If-Match, the task may exist but have changed.
  async function missReason(userId: string, id: string, ifUpdatedAt?: string) {
    if (!ifUpdatedAt) return 'not_found' as const;
    const [row] = await db.select({ id: tasks.id }).from(tasks).where(owned(userId, id));
    return row ? ('changed' as const) : ('not_found' as const);
  }

  async function write(userId: string, id: string, set: TaskSet, ifUpdatedAt?: string): Promise<WriteResult<Task>> {
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
    async insert(userId, t) {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.insert(tasks).values(newTaskRow(userId, t, now())).returning(taskColumns);
        await bump(tx, userId);
        return row!;
      });
      return toTask(row);
    },
    update: (userId, id, changes, ifUpdatedAt) => write(userId, id, taskChangeSet(changes), ifUpdatedAt),
    toggle: (userId, id, ifUpdatedAt) => write(userId, id, { completed: sql`not ${tasks.completed}` }, ifUpdatedAt),
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

export const taskRepo = (db: Db, now: Clock): TaskRepo => ({ ...taskReads(db), ...taskWrites(db, now) });
