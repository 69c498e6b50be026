import type { TaskRepo, WriteResult } from '../db';
import type { NewTask, Task, TaskChanges, TaskListQuery } from './types';
import { notFound, preconditionFailed } from '../lib/errors';
import { isUuid } from '../lib/text';

/**
 * The one place task rules live. REST routes, chat tools and MCP tools all
 * call these functions; every one is scoped by the user id the caller got
 * from a verified token, never from a request body or a model.
 */
export function createTaskService(repo: TaskRepo) {
  function unwrap<T>(result: WriteResult<T>): T {
    if (result.ok) return result.value;
    throw result.reason === 'changed' ? preconditionFailed() : notFound();
  }

  // Ids that cannot exist never reach the database.
  const checkId = (id: string) => {
    if (!isUuid(id)) throw notFound();
  };

  return {
    /** The list's tag from one small read, for conditional GETs (idle polls). */
    async listTag(userId: string, query: TaskListQuery): Promise<string> {
      return listTag(userId, await repo.version(userId), query);
    },

    async list(userId: string, query: TaskListQuery): Promise<{ tag: string; tasks: Task[] }> {
      const { version, tasks } = await repo.list(userId, query);
      return { tag: listTag(userId, version, query), tasks };
    },

    async get(userId: string, id: string): Promise<Task> {
      checkId(id);
      const task = await repo.get(userId, id);
      if (!task) throw notFound();
      return task;
    },

    create(userId: string, input: Partial<NewTask> & { title: string }): Promise<Task> {
      return repo.insert(userId, {
        title: input.title,
        description: input.description ?? null,
        priority: input.priority ?? 'medium',
        due_date: input.due_date ?? null,
      });
    },

    /** `ifUpdatedAt` (from If-Match) makes the write conditional: 412 if the task changed since. */
    async update(userId: string, id: string, changes: TaskChanges, ifUpdatedAt?: string): Promise<Task> {
      checkId(id);
      return unwrap(await repo.update(userId, id, changes, ifUpdatedAt));
    },

    async toggle(userId: string, id: string, ifUpdatedAt?: string): Promise<Task> {
      checkId(id);
      return unwrap(await repo.toggle(userId, id, ifUpdatedAt));
    },

    async remove(userId: string, id: string, ifUpdatedAt?: string): Promise<void> {
      checkId(id);
      unwrap(await repo.remove(userId, id, ifUpdatedAt));
    },
  };
}
export type TaskService = ReturnType<typeof createTaskService>;

/** A single task's entity tag: its updated_at, which never repeats for that task. */
export const taskTag = (task: Task) => `"${task.updated_at}"`;

/**
 * The list's entity tag: the user's version plus the query, hashed with the
 * user id so a tag cached for one account never validates another's list.
 */
export function listTag(userId: string, version: number, q: TaskListQuery): string {
  const key = [userId, q.completed, q.priority, q.q, q.sort, q.order, q.limit, q.offset].join('\u0001');
  return `W/"${version}.${fnv1a(key)}"`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
