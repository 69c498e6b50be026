/** Helpers both dialects share; nothing here touches a driver. */
import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { User } from '../auth/types';
import type { Conversation, Message, NewMessage } from '../chat/types';
import { fold, foldOrNull } from '../lib/text';
import type { NewTask, Priority, Task, TaskChanges, TaskListQuery } from '../tasks/types';


/**
 * Timestamps for rows written together that must keep their order when
 * sorted by time: each is at least 1 ms after the one before and after `after`.
 */
export function sequentialTimes(count: number, now: Date, after?: Date): Date[] {
  let t = Math.max(now.getTime(), after ? after.getTime() + 1 : 0);
  return Array.from({ length: count }, () => new Date(t++));
}

// Row mapping, the same for every dialect: each driver hands back Dates,
// booleans and parsed JSON (through its drizzle column types), and the seam
// speaks ISO strings and snake_case.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export interface TaskRow {
  id: string;
  userId: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  dueDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toTask = (r: TaskRow): Task => ({
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

/** The columns a Task is read from, picked from either dialect's tasks table. */
export const pickTaskColumns = <T extends Record<keyof TaskRow, unknown>>(t: T): Pick<T, keyof TaskRow> => ({
  id: t.id,
  userId: t.userId,
  title: t.title,
  description: t.description,
  completed: t.completed,
  priority: t.priority,
  dueDate: t.dueDate,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

/** The column values an update writes for the given changes (search copies kept in step). */
export function taskChangeSet(changes: TaskChanges): Record<string, unknown> {
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
  return set;
}

/** A new task's row, as both dialects insert it. */
export function newTaskRow(userId: string, t: NewTask, now: Date) {
  return {
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
  };
}

export const toUser = (r: { id: string; email: string; name: string | null; createdAt: Date }): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  created_at: iso(r.createdAt),
});

export const toConversation = (r: { id: string; userId: string; title: string; createdAt: Date; updatedAt: Date }): Conversation => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});

export interface MessageRow {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  content: string;
  actions: unknown;
  agentState: unknown;
  createdAt: Date;
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversation_id: r.conversationId,
  role: r.role,
  content: r.content,
  actions: (r.actions as Message['actions']) ?? null,
  state: r.agentState ?? null,
  created_at: iso(r.createdAt),
});

/** Rows for messages appended after `last` (the conversation's latest), strictly later each. */
export function messageRows(conversationId: string, items: NewMessage[], now: Date, last?: Date): MessageRow[] {
  const times = sequentialTimes(items.length, now, last);
  return items.map((m, i) => ({
    id: crypto.randomUUID(),
    conversationId,
    role: m.role,
    content: m.content,
    actions: m.actions ?? null,
    agentState: m.state ?? null,
    createdAt: times[i]!,
  }));
}

type TaskListColumns = { [K in 'id' | 'userId' | 'completed' | 'priority' | 'dueDate' | 'createdAt' | 'updatedAt' | 'searchTitle' | 'searchDescription']: AnyColumn };

/**
 * The list's filter, the same on every dialect but for how one asks "does
 * this text contain that" (`contains`), which each dialect spells its own way.
 */
export function taskListWhere(
  t: TaskListColumns,
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
      ? sql`(${contains(sql`${t.searchTitle}`, needle)} or ${contains(sql`coalesce(${t.searchDescription}, '')`, needle)})`
      : undefined,
  );
}

/** The list's order: the requested sort, ties newest first, undated tasks last. */
export function taskListOrder(t: TaskListColumns, q: TaskListQuery): SQL[] {
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

/** One task of the user's, and (for If-Match) only while its updated_at is still `ifUpdatedAt`. */
export const ownedTask = (
  t: { id: AnyColumn; userId: AnyColumn; updatedAt: AnyColumn },
  userId: string,
  id: string,
  ifUpdatedAt?: string,
) => and(eq(t.id, id), eq(t.userId, userId), ifUpdatedAt ? eq(t.updatedAt, new Date(ifUpdatedAt)) : undefined);

/** One conversation of the user's. */
export const ownedConversation = (c: { id: AnyColumn; userId: AnyColumn }, userId: string, id: string) =>
  and(eq(c.id, id), eq(c.userId, userId));

/**
 * The upsert's SET for a rate-limit hit: a new window restarts the count,
 * the same window adds to it. `excluded` is the row the insert proposed
 * (its count is the hit's weight), on both SQLite and Postgres.
 */
export const rateLimitHit = (r: { windowStart: AnyColumn; count: AnyColumn }) => ({
  count: sql`case when ${r.windowStart} = excluded.window_start then ${r.count} + excluded.count else excluded.count end`,
  windowStart: sql`excluded.window_start`,
});
