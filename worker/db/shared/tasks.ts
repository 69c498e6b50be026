import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { fold, foldOrNull } from '../../lib/text';
import type { NewTask, Task, TaskChanges, TaskListQuery } from '../../tasks/types';
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

export const toTask = (r: TaskRead): Task => ({
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

/** A new task's row (search copies included). */
export const newTaskRow = (userId: string, t: NewTask, now: Date): NewRow<'tasks'> => ({
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
});

/** The column values an update writes for the given changes (search copies kept in step). */
export function taskChangeSet(changes: TaskChanges): TaskSet {
  const set: TaskSet = {};
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
  return set;
}

/** Either dialect's tasks table, as far as the shared conditions and orders need it: its columns. */
type TaskColumns = Record<keyof Row<'tasks'>, AnyColumn>;

/** One task of the user's, and (for If-Match) only while its updated_at is still `ifUpdatedAt`. */
export const ownedTask = (t: TaskColumns, userId: string, id: string, ifUpdatedAt?: string) =>
  and(eq(t.id, id), eq(t.userId, userId), ifUpdatedAt ? eq(t.updatedAt, new Date(ifUpdatedAt)) : undefined);

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
