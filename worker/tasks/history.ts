import type { TaskRepo } from '../db';
import { AppError, notFound } from '../lib/errors';
import { reversal, visible } from './changes';
import type { SyncResult, TaskEvent } from './types';
import { checkId, type TaskWrites, type Written } from './writes';

/** Past this many changed tasks, a full list is cheaper to send than a delta. */
export const SYNC_MAX_CHANGES = 1000;

export interface ActivityQuery {
  before?: number;
  limit: number;
}

const changedSince = () =>
  new AppError(412, 'precondition_failed', 'The task changed after that; undoing it would overwrite the later change');

/** The change log as the interfaces read it, and undo through it. */
export function createTaskHistory(repo: TaskRepo, writes: TaskWrites) {
  /** The write that reverses one event (its task as it stands is the event's own result). */
  function reverse(userId: string, e: TaskEvent, ifUpdatedAt: string): Promise<Written> {
    switch (e.action) {
      case 'created':
      case 'restored':
        return writes.remove(userId, e.task_id, ifUpdatedAt);
      case 'deleted':
        return writes.restore(userId, e.task_id, ifUpdatedAt);
      default:
        return writes.update(userId, e.task_id, reversal(e.changes), ifUpdatedAt);
    }
  }

  return {
    activity: (userId: string, q: ActivityQuery) => repo.events(userId, q),

    /** One task's events, also after it was deleted; 404 for a task that is not the user's. */
    async taskActivity(userId: string, taskId: string, q: ActivityQuery): Promise<TaskEvent[]> {
      checkId(taskId);
      const events = await repo.events(userId, { ...q, taskId });
      if (!events.length && !(await repo.find(userId, taskId))) throw notFound();
      return events;
    },

    /**
     * Reverses one event and records that as a new event. Refused (412) when
     * the task changed after it: an undo never overwrites a later change,
     * whichever interface made it.
     */
    async undo(userId: string, eventId: string): Promise<{ undone: TaskEvent; event: TaskEvent }> {
      checkId(eventId, 'Event');
      const undone = await repo.event(userId, eventId);
      if (!undone) throw notFound('Event');
      const [latest] = await repo.events(userId, { taskId: undone.task_id, limit: 1 });
      const task = await repo.find(userId, undone.task_id);
      if (!task) throw notFound();
      if (latest?.version !== undone.version) throw changedSince();
      try {
        const { event } = await reverse(userId, undone, task.updated_at);
        if (!event) throw changedSince();
        return { undone, event };
      } catch (err) {
        // A write in between makes the reversal's If-Match fail: the same refusal.
        if (err instanceof AppError && err.status === 412) throw changedSince();
        throw err;
      }
    },

    /** What changed after `since`, or everything (`full`) when there is no `since` or the log cannot tell. */
    async sync(userId: string, since?: number): Promise<SyncResult> {
      const delta = since === undefined ? null : await repo.changedSince(userId, since, SYNC_MAX_CHANGES);
      if (!delta) {
        const { version, tasks } = await repo.all(userId);
        return { version, tasks, deleted: [], full: true };
      }
      const live = delta.tasks.filter((t) => t.deleted_at === null);
      const deleted = delta.tasks.filter((t) => t.deleted_at !== null).map((t) => t.id);
      return { version: delta.version, tasks: live.map(visible), deleted, full: false };
    },

    /** Tasks deleted more than `days` ago are gone for good, with their history. */
    purge: (now: Date, days: number) => repo.purgeDeleted(new Date(now.getTime() - days * 86_400_000)),
  };
}
