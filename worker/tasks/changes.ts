/**
 * What a write does to a task, as data: the row it leaves and the event that
 * records it. Pure functions, so the rules are the same for every interface
 * and every database.
 */
import type { FieldChanges, NewTask, StoredTask, Task, TaskAction, TaskChanges, TaskField } from './types';
import { TASK_FIELDS } from './types';

/** A task as every interface shows it: without the deletion mark. */
export const visible = ({ deleted_at: _, ...task }: StoredTask): Task => task;

/**
 * The updated_at a write gives a task: now, but always later than before, so
 * it never repeats or goes back and serves as the task's ETag even when two
 * writes land in the same millisecond or a clock runs behind.
 */
export const stamp = (before: StoredTask | null, now: Date): string =>
  new Date(Math.max(now.getTime(), before ? Date.parse(before.updated_at) + 1 : 0)).toISOString();

export function newTask(userId: string, input: NewTask, now: Date): StoredTask {
  const at = now.toISOString();
  return {
    id: crypto.randomUUID(),
    user_id: userId,
    title: input.title,
    description: input.description,
    completed: false,
    priority: input.priority,
    due_date: input.due_date,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  };
}

/** Each field that differs between two states of a task, from the first to the second. */
export function diff(before: Partial<Task> | null, after: Task): FieldChanges {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of TASK_FIELDS) {
    const from = before ? (before[field] ?? null) : null;
    if (before && from === after[field]) continue;
    changes[field] = { from, to: after[field] };
  }
  return changes as FieldChanges;
}

/** The task with `changes` applied (undefined leaves a field as it is). */
export function applyChanges(before: StoredTask, changes: TaskChanges): StoredTask {
  const next = { ...before };
  for (const field of TASK_FIELDS) {
    const value = changes[field];
    if (value !== undefined) (next as Record<TaskField, unknown>)[field] = value;
  }
  return next;
}

/** An update that only (un)ticks a task reads as completing or reopening it. */
export function actionOf(changes: FieldChanges): TaskAction {
  const fields = Object.keys(changes);
  if (fields.length === 1 && changes.completed) return changes.completed.to ? 'completed' : 'reopened';
  return 'updated';
}

/** The changes that take a task back to how it was before an update: every changed field to its `from`. */
export function reversal(changes: FieldChanges): TaskChanges {
  const back: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes)) back[field] = change.from;
  return back as TaskChanges;
}
