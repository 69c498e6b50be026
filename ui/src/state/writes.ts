import { api, ApiError, errorText, send, type Task, type TaskEvent, type TaskPatch } from './api';
import { announceChange } from './broadcast';
import { drafts } from './drafts';
import { notify, type Notice } from './notices';
import { applyEvent, beginWrite, putTask, taskById, tasks } from './tasks';

/**
 * The dashboard's writes: each shows at once, goes out with If-Match, and
 * rolls back with a reason when refused. Undo goes through the change log, so
 * it never overwrites a change made since from somewhere else.
 */

/** A write this tab made: enough to find its event in the log again (the write's answer does not carry it). */
export interface OwnWrite {
  taskId: string;
  title: string;
  action: TaskEvent['action'];
  /** The task's updated_at as the event records it: after the write, or before it for a delete. */
  updatedAt: string;
}

const tag = (t: Task) => `"${t.updated_at}"`;
const taskOf = async (call: Promise<{ json(): Promise<unknown> }>) => (await (await call).json()) as Task;

/**
 * One optimistic change: show it at once, send it with If-Match, and on any
 * error put the task back as it was and say why. 412 means another tab,
 * device, the chat or MCP changed it first: the list syncs and says so.
 * Returns the server's task (null for a delete), or undefined when refused.
 */
async function change(
  before: Task,
  optimistic: Task | null,
  request: (ifMatch: string) => Promise<Task | null>,
  what: string,
): Promise<Task | null | undefined> {
  const end = beginWrite();
  putTask(before.id, optimistic);
  try {
    const after = await request(tag(before));
    putTask(before.id, after);
    announceChange();
    return after;
  } catch (err) {
    putTask(before.id, before);
    if (err instanceof ApiError && err.status === 412) {
      notify(
        `“${before.title}” was changed somewhere else, so it was not ${what}. Showing the latest version.`,
        'error',
      );
    } else if (err instanceof ApiError && err.status === 404) {
      putTask(before.id, null);
      notify(`“${before.title}” no longer exists.`, 'error');
    } else if (!(err instanceof ApiError && err.status === 401)) {
      notify(`Could not ${what.replace(/d$/, '')} “${before.title}”: ${errorText(err)}`, 'error');
    }
    return undefined;
  } finally {
    end();
  }
}

const undoButton = (w: OwnWrite): Notice['action'] => ({ label: 'Undo', run: () => void undoOwn(w) });

export async function toggleTask(id: string): Promise<boolean> {
  const t = taskById(id);
  if (!t) return false;
  const after = await change(
    t,
    { ...t, completed: !t.completed },
    (ifMatch) => taskOf(send(api.tasks[':id'].toggle.$patch({ param: { id } }, { headers: { 'If-Match': ifMatch } }))),
    t.completed ? 'reopened' : 'completed',
  );
  if (!after) return false;
  const action = after.completed ? 'completed' : 'reopened';
  notify(
    `${after.completed ? 'Completed' : 'Reopened'} “${after.title}”.`,
    'info',
    undoButton({ taskId: id, title: after.title, action, updatedAt: after.updated_at }),
  );
  return true;
}

export async function updateTask(id: string, patch: TaskPatch): Promise<boolean> {
  const t = taskById(id);
  if (!t) return false;
  const after = await change(
    t,
    {
      ...t,
      ...patch,
      description: patch.description === undefined ? t.description : patch.description || null,
    } as Task,
    (ifMatch) =>
      taskOf(send(api.tasks[':id'].$patch({ param: { id }, json: patch }, { headers: { 'If-Match': ifMatch } }))),
    'saved',
  );
  if (!after) return false;
  // An edit that changed nothing on the server recorded nothing: nothing to undo.
  const undo =
    after.updated_at === t.updated_at
      ? undefined
      : undoButton({ taskId: id, title: after.title, action: 'updated', updatedAt: after.updated_at });
  notify(`Saved “${after.title}”.`, 'info', undo);
  return true;
}

export async function deleteTask(id: string): Promise<boolean> {
  const t = taskById(id);
  if (!t) return false;
  const after = await change(
    t,
    null,
    async (ifMatch) => {
      await send(api.tasks[':id'].$delete({ param: { id } }, { headers: { 'If-Match': ifMatch } }));
      return null;
    },
    'deleted',
  );
  if (after === undefined) return false;
  notify(
    `Deleted “${t.title}”.`,
    'info',
    undoButton({ taskId: id, title: t.title, action: 'deleted', updatedAt: t.updated_at }),
    8000,
  );
  return true;
}

let tempIds = 0;

/** Adds a task at once under a temporary id (with Undo); on failure it goes away and its title returns to the field. */
export async function createTask(input: {
  title: string;
  description?: string | null;
  priority?: Task['priority'];
  due_date?: string | null;
}) {
  // The server sets the real times; this one only sorts the placeholder first.
  const stamp = new Date().toISOString();
  const temp: Task = {
    id: `pending-${++tempIds}`,
    user_id: '',
    title: input.title.trim(),
    description: input.description ?? null,
    completed: false,
    priority: input.priority ?? 'medium',
    due_date: input.due_date ?? null,
    created_at: stamp,
    updated_at: stamp,
  };
  const end = beginWrite();
  tasks.value = [temp, ...tasks.value];
  try {
    const created = await taskOf(send(api.tasks.$post({ json: input })));
    putTask(temp.id, created);
    announceChange();
    notify(
      `Added “${created.title}”.`,
      'info',
      undoButton({ taskId: created.id, title: created.title, action: 'created', updatedAt: created.updated_at }),
    );
    return created;
  } catch (err) {
    putTask(temp.id, null);
    if (!drafts.newTask.value) drafts.newTask.value = input.title;
    if (!(err instanceof ApiError && err.status === 401))
      notify(`Could not add “${temp.title}”: ${errorText(err)}`, 'error');
    return null;
  } finally {
    end();
  }
}

/** Whether `e` is the event a write of this tab recorded. */
export const isOwnEvent = (e: TaskEvent, w: OwnWrite) =>
  e.task_id === w.taskId && e.source === 'dashboard' && e.action === w.action && e.task.updated_at === w.updatedAt;

const changedSince = (title: string) =>
  notify(`“${title}” was changed somewhere else after that, so it was left as it is.`, 'error');

/**
 * Undo of this tab's own write: its event is the task's latest (one small
 * read, only when Undo is pressed), else the task changed since and is left
 * alone, as the server would refuse anyway.
 */
export async function undoOwn(w: OwnWrite): Promise<boolean> {
  let latest: TaskEvent | undefined;
  try {
    [latest] = await (
      await send(api.tasks[':id'].activity.$get({ param: { id: w.taskId }, query: { limit: '1' } }))
    ).json();
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) notify(`Could not undo: ${errorText(err)}`, 'error');
    return false;
  }
  if (!latest || !isOwnEvent(latest, w)) {
    changedSince(w.title);
    return false;
  }
  return undoEvent(latest);
}

const UNDONE: Record<TaskEvent['action'], string> = {
  created: 'Deleted',
  deleted: 'Restored',
  restored: 'Deleted',
  completed: 'Reopened',
  reopened: 'Completed',
  updated: 'Changed back',
};

/**
 * Reverses one event through the log (a deleted task comes back with its id).
 * 412: the task changed after that event somewhere else; it is left alone.
 */
export async function undoEvent(e: TaskEvent): Promise<boolean> {
  const end = beginWrite();
  try {
    const { event } = await (await send(api.activity[':id'].undo.$post({ param: { id: e.id } }))).json();
    applyEvent(event);
    announceChange();
    notify(`${UNDONE[e.action]} “${event.task.title}”.`);
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) changedSince(e.task.title);
    else if (err instanceof ApiError && err.status === 404) notify(`“${e.task.title}” no longer exists.`, 'error');
    else if (!(err instanceof ApiError && err.status === 401)) notify(`Could not undo: ${errorText(err)}`, 'error');
    return false;
  } finally {
    end();
  }
}
