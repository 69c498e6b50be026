/**
 * Tasks on D1. Unlike users, conversations and rate limits (../shared/), the
 * task repo is written per dialect: each write, its version bump and its
 * change-log event must commit together, which D1 can only do as one batch of
 * statements decided up front (it refuses interactive transactions), so the
 * bump and the event are made conditional in SQL, while Postgres runs a
 * transaction that goes on only after seeing the write's result. What the
 * statements filter, order and set is shared (../shared/tasks.ts).
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, min, sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import type { TaskRepo, TaskWrite } from '../repo';
import {
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
import type { Db } from './db';
import { taskEvents, tasks, taskVersions } from './schema';

const taskColumns = withoutSearchCopies(getTableColumns(tasks));

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

function taskReads(db: Db): Pick<TaskRepo, 'version' | 'list' | 'all' | 'get' | 'find'> {
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

    async all(userId) {
      const visible = and(eq(tasks.userId, userId), isNull(tasks.deletedAt));
      const [versionRows, rows] = await db.batch([
        versionQuery(db, userId),
        db.select(taskColumns).from(tasks).where(visible).orderBy(asc(tasks.createdAt), asc(tasks.id)),
      ]);
      return { version: versionRows[0]?.version ?? 0, tasks: rows.map(toTask) };
    },

    async get(userId, id) {
      const row = await db
        .select(taskColumns)
        .from(tasks)
        .where(visibleTask(tasks, userId, id))
        .get();
      return row ? toTask(row) : null;
    },

    async find(userId, id) {
      const row = await db
        .select(taskColumns)
        .from(tasks)
        .where(ownedTask(tasks, userId, id))
        .get();
      return row ? toStoredTask(row) : null;
    },
  };
}

/**
 * Appends the event only if the statement before it (the version bump)
 * changed a row, with the version that bump made: a write, its bump and its
 * event stand or fall together.
 */
const logIfBumped = (db: Db, userId: string, event: TaskWrite['event']) =>
  db
    .insert(taskEvents)
    .select(
      sql`select ${event.id}, ${userId}, (select version from task_versions where user_id = ${userId}),
        ${event.task_id}, ${event.action}, ${event.source}, ${JSON.stringify(event.changes)},
        ${JSON.stringify(event.task)}, ${Date.parse(event.at)} where changes() > 0`,
    )
    .returning();

/**
 * How often a change is decided again when another write to the task got in
 * between its read and its write. D1 runs one write at a time, so each round
 * lets at least one of the contenders through.
 */
const ATTEMPTS = 50;

function taskWrites(db: Db): Pick<TaskRepo, 'insert' | 'change'> {
  const find = (userId: string, id: string) =>
    db
      .select(taskColumns)
      .from(tasks)
      .where(ownedTask(tasks, userId, id))
      .get();

  return {
    async insert(userId, { next, event }) {
      const [, , logged] = await db.batch([
        db.insert(tasks).values(storedTaskRow(next)),
        bumpIfChanged(db, userId),
        logIfBumped(db, userId, event),
      ]);
      return toEvent(logged[0]!);
    },

    // D1 refuses interactive transactions, so no row lock: the write lands
    // only if the row still has the updated_at it was decided on, else decide again.
    async change(userId, id, decide) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const row = await find(userId, id);
        if (!row) return { before: null, event: null };
        const before = toStoredTask(row);
        const write = decide(before);
        if (!write) return { before, event: null };
        const [, , logged] = await db.batch([
          db
            .update(tasks)
            .set(storedTaskChangeSet(write.next))
            .where(ownedTask(tasks, userId, id, before.updated_at)),
          bumpIfChanged(db, userId),
          logIfBumped(db, userId, write.event),
        ]);
        if (logged[0]) return { before, event: toEvent(logged[0]) };
      }
      throw new AppError(409, 'conflict', 'The task is being changed elsewhere right now; try again');
    },
  };
}

function taskLog(db: Db): Pick<TaskRepo, 'events' | 'event' | 'changedSince' | 'purgeDeleted'> {
  return {
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
      const row = await db
        .select()
        .from(taskEvents)
        .where(and(eq(taskEvents.userId, userId), eq(taskEvents.id, id)))
        .get();
      return row ? toEvent(row) : null;
    },

    async changedSince(userId, since, max) {
      const after = and(eq(taskEvents.userId, userId), gt(taskEvents.version, since));
      // Walk the log from `since` (task_events_user_version), then fetch each touched task by its key:
      // the unary + keeps SQLite from scanning the user's whole list through tasks_user_due instead
      // (1.1 ms -> 0.06 ms for one change on 10,000 tasks; bench-results/2026-12-06-sync-write.md).
      const touched = db.select({ id: taskEvents.taskId }).from(taskEvents).where(after);
      const [versionRows, [span], rows] = await db.batch([
        versionQuery(db, userId),
        db
          .select({ first: min(taskEvents.version) })
          .from(taskEvents)
          .where(after),
        db
          .select(taskColumns)
          .from(tasks)
          .where(and(sql`+${tasks.userId} = ${userId}`, inArray(tasks.id, touched))),
      ]);
      const version = versionRows[0]?.version ?? 0;
      if (since > version) return null;
      if (since === version) return { version, tasks: [] };
      // Complete only if the log holds the very next event after `since`.
      if (span?.first !== since + 1 || rows.length > max) return null;
      return { version, tasks: rows.map(toStoredTask) };
    },

    async purgeDeleted(before) {
      const gone = and(isNotNull(tasks.deletedAt), lt(tasks.deletedAt, before));
      const [, removed] = await db.batch([
        db.delete(taskEvents).where(inArray(taskEvents.taskId, db.select({ id: tasks.id }).from(tasks).where(gone))),
        db.delete(tasks).where(gone).returning({ id: tasks.id }),
      ]);
      return removed.length;
    },
  };
}

export const taskRepo = (db: Db): TaskRepo => ({ ...taskReads(db), ...taskWrites(db), ...taskLog(db) });
