/** The task domain: what a task is and how a list of them is asked for. The database implements these. */

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TASK_SORTS = ['created_at', 'due_date', 'priority', 'updated_at'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface Task {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  due_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewTask {
  title: string;
  description: string | null;
  priority: Priority;
  due_date: string | null;
}

export type TaskChanges = Partial<NewTask & { completed: boolean }>;

export interface TaskListQuery {
  completed?: boolean;
  priority?: Priority;
  /** Lower-cased needle; matched as a substring of title or description. */
  q?: string;
  sort: TaskSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A task as stored: deleted tasks stay for a while (so they can come back), invisible to every read. */
export interface StoredTask extends Task {
  deleted_at: string | null;
}

export const TASK_ACTIONS = ['created', 'updated', 'completed', 'reopened', 'deleted', 'restored'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Which interface made a change: the dashboard, the chat's agent, an MCP client, or any other API client. */
export const SOURCES = ['dashboard', 'chat', 'mcp', 'api'] as const;
export type Source = (typeof SOURCES)[number];

/** The fields a change can touch, and what it did to each. */
export const TASK_FIELDS = ['title', 'description', 'priority', 'due_date', 'completed'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
export type FieldChanges = Partial<{ [K in TaskField]: { from: Task[K] | null; to: Task[K] | null } }>;

/**
 * One entry of a user's change log, written with the change it records.
 * `version` is the user's version after the change; `task` is the task as it
 * stood after it (before it, for `deleted`).
 */
export interface TaskEvent {
  id: string;
  version: number;
  task_id: string;
  action: TaskAction;
  source: Source;
  changes: FieldChanges;
  task: Task;
  at: string;
}

/** What changed after a version: tasks as they are now, ids deleted since, or the whole list (`full`). */
export interface SyncResult {
  version: number;
  tasks: Task[];
  deleted: string[];
  full: boolean;
}
