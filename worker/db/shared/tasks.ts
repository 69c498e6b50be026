import { and, asc, desc, eq, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isDay } from '../../lib/dates';
import { fold, foldOrNull } from '../../lib/text';
import type { FieldChanges, StoredTask, Task, TaskEvent, TaskListQuery } from '../../tasks/types';
import { iso, isoOrNull, type NewRow, type Row } from './rows';

/** A task as read: every column but the search copies, which only the list's filter needs. */
export type TaskRead = Omit<Row<'tasks'>, 'searchTitle' | 'searchDescription'>;

/** What a task write may SET: column values, or SQL computed from the row. */
export type TaskSet = { [K in keyof NewRow<'tasks'>]?: NewRow<'tasks'>[K] | SQL };

/** Drops the search copies from a tasks table's columns: `withoutSearchCopies(getTableColumns(tasks))`. */
export const withoutSearchCopies = <C extends { searchTitle: unknown; searchDescription: unknown }>({
  searchTitle: _title,
  searchDescription: _description,
  ...read
}: C) => read;

export const toStoredTask = (r: TaskRead): StoredTask => ({ ...toTask(r), deleted_at: isoOrNull(r.deletedAt) });

export const toTask = (r: Omit<TaskRead, 'deletedAt'>): Task => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  description: r.description,
  completed: r.completed,
  priority: r.priority,
  due_date: r.dueDate && r.dueAllDay ? iso(r.dueDate).slice(0, 10) : isoOrNull(r.dueDate),
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});

/** A task's whole row as a write leaves it (search copies included). */
export const storedTaskRow = (t: StoredTask): NewRow<'tasks'> & { deletedAt: Date | null } => ({
  id: t.id,
  userId: t.user_id,
  title: t.title,
  description: t.description,
  priority: t.priority,
  dueDate: t.due_date ? new Date(isDay(t.due_date) ? `${t.due_date}T00:00:00Z` : t.due_date) : null,
  dueAllDay: t.due_date !== null && isDay(t.due_date),
  completed: t.completed,
  createdAt: new Date(t.created_at),
  updatedAt: new Date(t.updated_at),
  deletedAt: t.deleted_at ? new Date(t.deleted_at) : null,
  searchTitle: fold(t.title),
  searchDescription: foldOrNull(t.description),
});

/** What an update of an existing row sets: everything a write may change (never its id, owner or creation). */
export function storedTaskChangeSet(t: StoredTask): TaskSet {
  const { id: _id, userId: _user, createdAt: _created, ...set } = storedTaskRow(t);
  return set;
}

export const toEvent = (r: Row<'taskEvents'>): TaskEvent => ({
  id: r.id,
  version: r.version,
  task_id: r.taskId,
  action: r.action,
  source: r.source,
  changes: r.changes as FieldChanges,
  task: r.task as Task,
  at: iso(r.at),
});

/** An event's row; its version is the one the same transaction gave the write. */
export const eventRow = (userId: string, e: Omit<TaskEvent, 'version'>, version: number): NewRow<'taskEvents'> => ({
  id: e.id,
  userId,
  version,
  taskId: e.task_id,
  action: e.action,
  source: e.source,
  changes: e.changes,
  task: e.task,
  at: new Date(e.at),
});

/** Either dialect's tasks table, as far as the shared conditions and orders need it: its columns. */
type TaskColumns = Record<keyof Row<'tasks'>, AnyColumn>;

/** One task of the user's, deleted or not, and (for a write) only while its updated_at is still `expected`. */
export const ownedTask = (t: TaskColumns, userId: string, id: string, expected?: string) =>
  and(eq(t.id, id), eq(t.userId, userId), expected ? eq(t.updatedAt, new Date(expected)) : undefined);

/** One task of the user's that is not deleted: what every read sees. */
export const visibleTask = (t: TaskColumns, userId: string, id: string) =>
  and(eq(t.id, id), eq(t.userId, userId), isNull(t.deletedAt));

/**
 * The list's filter, the same on every dialect but for how one asks "does
 * this text contain that" (`contains`), which each dialect spells its own way.
 */
export function taskListWhere(
  t: TaskColumns,
  userId: string,
  q: TaskListQuery,
  contains: (haystack: SQL, needle: string) => SQL,
): SQL | undefined {
  const needle = q.q ? fold(q.q) : undefined;
  return and(
    eq(t.userId, userId),
    isNull(t.deletedAt),
    q.completed === undefined ? undefined : eq(t.completed, q.completed),
    q.priority ? eq(t.priority, q.priority) : undefined,
    needle
      ? sql`(${contains(sql`${t.searchTitle}`, needle)}
        or ${contains(sql`coalesce(${t.searchDescription}, '')`, needle)})`
      : undefined,
  );
}

/** The list's order: the requested sort, ties newest first, undated tasks last. */
export function taskListOrder(t: TaskColumns, q: TaskListQuery): SQL[] {
  const dir = q.order === 'asc' ? asc : desc;
  const tie = [desc(t.createdAt), desc(t.id)];
  switch (q.sort) {
    case 'due_date':
      // Tasks without a due date go last whichever way the dates run.
      return [sql`${t.dueDate} is null`, dir(t.dueDate), ...tie];
    case 'priority':
      return [dir(sql`case ${t.priority} when 'low' then 0 when 'medium' then 1 else 2 end`), ...tie];
    case 'updated_at':
      return [dir(t.updatedAt), ...tie];
    default:
      return [dir(t.createdAt), dir(t.id)];
  }
}
