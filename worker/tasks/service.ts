import type { TaskRepo } from '../db';
import { systemClock } from '../lib/clock';
import { notFound } from '../lib/errors';
import { createTaskHistory } from './history';
import type { Task, TaskListQuery } from './types';
import { checkId, createTaskWrites, type WriteDeps } from './writes';

/**
 * The one place task rules live. REST routes, chat tools and MCP tools all
 * call these functions; every one is scoped by the user id the caller got
 * from a verified token, never from a request body or a model. Every write
 * goes into the user's change log with the interface it came from.
 */
export function createTaskService(repo: TaskRepo, options: Partial<Omit<WriteDeps, 'repo'>> = {}) {
  const deps: WriteDeps = { repo, clock: systemClock, source: 'api', notify: () => {}, ...options };
  const writes = createTaskWrites(deps);
  const history = createTaskHistory(repo, writes);

  return {
    /** The same service, its writes recorded as coming from `source`. */
    as: (source: WriteDeps['source']) => createTaskService(repo, { ...deps, source }),
    /** The same service, also telling `observe` each event its writes record. */
    observing: (observe: WriteDeps['observe']) => createTaskService(repo, { ...deps, observe }),

    /** The user's version: it grows by one with every change to their tasks. */
    version: (userId: string) => repo.version(userId),

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

    create: async (...args: Parameters<typeof writes.create>) => (await writes.create(...args)).task,
    update: async (...args: Parameters<typeof writes.update>) => (await writes.update(...args)).task,
    toggle: async (...args: Parameters<typeof writes.toggle>) => (await writes.toggle(...args)).task,
    remove: async (...args: Parameters<typeof writes.remove>) => {
      await writes.remove(...args);
    },
    restore: async (...args: Parameters<typeof writes.restore>) => (await writes.restore(...args)).task,
    /** The writes with the events they recorded (null when nothing changed). */
    writes,
    ...history,
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
