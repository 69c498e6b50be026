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
