/**
 * Tasks on D1. Unlike users, conversations and rate limits (../shared/), the
 * task repo is written per dialect: each write and its version bump must
 * commit together, which D1 can only do as one batch of statements decided up
 * front (it refuses interactive transactions), so the bump is made
 * conditional in SQL, while Postgres runs a transaction that bumps only after
 * seeing the write's result. What the statements filter, order and set is
 * shared (../shared/tasks.ts).
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
import type { Db } from './db';
import { tasks, taskVersions } from './schema';

const taskColumns = withoutSearchCopies(getTableColumns(tasks));
const owned = (userId: string, id: string, ifUpdatedAt?: string) => ownedTask(tasks, userId, id, ifUpdatedAt);

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

const versionQuery = (db: Db, userId: string) =>
  db.select({ version: taskVersions.version }).from(taskVersions).where(eq(taskVersions.userId, userId));

function taskReads(db: Db): Pick<TaskRepo, 'version' | 'list' | 'get'> {
  return {
    async version(userId) {
      const row = await versionQuery(db, userId).get();
      return row?.version ?? 0;
    },

    async list(userId, q) {
      const where = taskListWhere(tasks, userId, q, (haystack, needle) => sql`instr(${haystack}, ${needle}) > 0`);
      // One batch, one snapshot: the version never runs ahead of the list it tags.
      const [versionRows, rows] = await db.batch([
        versionQuery(db, userId),
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
  };
}

function taskWrites(db: Db, now: Clock): Pick<TaskRepo, 'insert' | 'update' | 'toggle' | 'remove'> {
  // Why a write matched no row: with If-Match, the task may exist but have changed.
  async function missReason(userId: string, id: string, ifUpdatedAt?: string) {
    if (!ifUpdatedAt) return 'not_found' as const;
    const row = await db.select({ id: tasks.id }).from(tasks).where(owned(userId, id)).get();
    return row ? ('changed' as const) : ('not_found' as const);
  }

  async function write(userId: string, id: string, set: TaskSet, ifUpdatedAt?: string): Promise<WriteResult<Task>> {
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
    async insert(userId, t) {
      const [rows] = await db.batch([
        db.insert(tasks).values(newTaskRow(userId, t, now())).returning(taskColumns),
        bumpIfChanged(db, userId),
      ]);
      return toTask(rows[0]!);
    },
    update: (userId, id, changes, ifUpdatedAt) => write(userId, id, taskChangeSet(changes), ifUpdatedAt),
    toggle: (userId, id, ifUpdatedAt) => write(userId, id, { completed: sql`not ${tasks.completed}` }, ifUpdatedAt),
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

export const taskRepo = (db: Db, now: Clock): TaskRepo => ({ ...taskReads(db), ...taskWrites(db, now) });
