import type { TaskRepo } from '../db';
import type { Clock } from '../lib/clock';
import { notFound, preconditionFailed } from '../lib/errors';
import { isUuid } from '../lib/text';
import { actionOf, applyChanges, diff, newTask, stamp, visible } from './changes';
import type { FieldChanges, NewTask, Source, StoredTask, Task, TaskAction, TaskChanges, TaskEvent } from './types';

export interface WriteDeps {
  repo: TaskRepo;
  clock: Clock;
  /** Which interface these writes come from; every event records it. */
  source: Source;
  /** Told the user's new version after every committed write (live push); must not throw. */
  notify: (userId: string, version: number) => void;
  /** Told each event a write recorded (a tool call notes what it changed, to undo it later). */
  observe?: (event: TaskEvent) => void;
}

/** What a write does to the task as it stands: the row it leaves and how the event names it; null changes nothing. */
type Decide = (before: StoredTask) => { next: StoredTask; action: TaskAction; changes: FieldChanges } | null;

export interface Written {
  task: Task;
  /** Null when the write changed nothing, so nothing was recorded. */
  event: TaskEvent | null;
}

// Ids that cannot exist never reach the database.
export const checkId = (id: string, what = 'Task') => {
  if (!isUuid(id)) throw notFound(what);
};

/** The event that records a write; a deleted task's event shows it as it was before the delete. */
function eventFor(
  source: Source,
  next: StoredTask,
  action: TaskAction,
  changes: FieldChanges,
  before: StoredTask | null,
): Omit<TaskEvent, 'version'> {
  const shown = action === 'deleted' && before ? visible(before) : visible(next);
  return { id: crypto.randomUUID(), task_id: next.id, action, source, changes, task: shown, at: next.updated_at };
}

export function createTaskWrites({ repo, clock, source, notify, observe }: WriteDeps) {
  const recorded = (userId: string, event: TaskEvent) => {
    notify(userId, event.version);
    observe?.(event);
  };

  /**
   * Decides the write on the task as it stands when the write lands (the
   * repo may ask again if another write got in first) and records it. With
   * If-Match, a task that has changed is a 412. Deleted tasks answer 404
   * unless `deleted` says the write is for them (a restore).
   */
  async function change(userId: string, id: string, ifUpdatedAt: string | undefined, decide: Decide, deleted = false) {
    checkId(id);
    let next: StoredTask | undefined;
    const { before, event } = await repo.change(userId, id, (current) => {
      if ((current.deleted_at !== null) !== deleted) throw notFound();
      if (ifUpdatedAt !== undefined && current.updated_at !== ifUpdatedAt) throw preconditionFailed();
      const decided = decide(current);
      if (!decided) return null;
      next = { ...decided.next, updated_at: stamp(current, clock()) };
      return { next, event: eventFor(source, next, decided.action, decided.changes, current) };
    });
    if (!before) throw notFound();
    if (!event || !next) return { task: visible(before), event: null };
    recorded(userId, event);
    return { task: visible(next), event };
  }

  const edit =
    (changes: TaskChanges): Decide =>
    (before) => {
      const next = applyChanges(before, changes);
      const changed = diff(visible(before), visible(next));
      return Object.keys(changed).length ? { next, action: actionOf(changed), changes: changed } : null;
    };

  return {
    async create(userId: string, input: Partial<NewTask> & { title: string }): Promise<Written> {
      const fields = {
        title: input.title,
        description: input.description ?? null,
        priority: input.priority ?? 'medium',
        due_date: input.due_date ?? null,
      };
      const next = newTask(userId, fields, clock());
      const event = await repo.insert(userId, {
        next,
        event: eventFor(source, next, 'created', diff(null, visible(next)), null),
      });
      recorded(userId, event);
      return { task: visible(next), event };
    },

    /** `ifUpdatedAt` (from If-Match) makes the write conditional: 412 if the task changed since. */
    update: (userId: string, id: string, changes: TaskChanges, ifUpdatedAt?: string) =>
      change(userId, id, ifUpdatedAt, edit(changes)),

    toggle: (userId: string, id: string, ifUpdatedAt?: string) =>
      change(userId, id, ifUpdatedAt, (before) => edit({ completed: !before.completed })(before)),

    /** Soft: the task disappears from every read and can be restored until it is purged. */
    remove: (userId: string, id: string, ifUpdatedAt?: string) =>
      change(userId, id, ifUpdatedAt, (before) => ({
        next: { ...before, deleted_at: clock().toISOString() },
        action: 'deleted',
        changes: {},
      })),

    /** The deleted task back, with its id, fields and created_at as they were. */
    restore: (userId: string, id: string, ifUpdatedAt?: string) =>
      change(
        userId,
        id,
        ifUpdatedAt,
        (before) => ({ next: { ...before, deleted_at: null }, action: 'restored', changes: {} }),
        true,
      ),
  };
}
export type TaskWrites = ReturnType<typeof createTaskWrites>;
