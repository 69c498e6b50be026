import { api, ApiError, errorText, send, type Task, type TaskPatch } from './api';
import { announceChange } from './broadcast';
import { drafts } from './drafts';
import { notify } from './notices';
import { beginWrite, putTask, taskById, tasks } from './tasks';

/** The dashboard's writes: each shows at once, goes out with If-Match, and rolls back with a reason when refused. */

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
      notify(`“${before.title}” was changed somewhere else, so it was not ${what}. Showing the latest version.`, 'error');
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

export async function toggleTask(id: string): Promise<boolean> {
  const t = taskById(id);
  if (!t) return false;
  const after = await change(
    t,
    { ...t, completed: !t.completed },
    (ifMatch) => taskOf(send(api.tasks[':id'].toggle.$patch({ param: { id } }, { headers: { 'If-Match': ifMatch } }))),
    t.completed ? 'reopened' : 'completed',
  );
  return after !== undefined;
}

export async function updateTask(id: string, patch: TaskPatch): Promise<boolean> {
  const t = taskById(id);
  if (!t) return false;
  const after = await change(
    t,
    { ...t, ...patch, description: patch.description === undefined ? t.description : patch.description || null } as Task,
    (ifMatch) => taskOf(send(api.tasks[':id'].$patch({ param: { id }, json: patch }, { headers: { 'If-Match': ifMatch } }))),
    'saved',
  );
  return after !== undefined;
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
  notify(`Deleted “${t.title}”.`, 'info', { label: 'Undo', run: () => void restoreTask(t) }, 8000);
  return true;
}

let tempIds = 0;

/** Adds a task at once under a temporary id; on failure it goes away and its title returns to the field. */
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
    return created;
  } catch (err) {
    putTask(temp.id, null);
    if (!drafts.newTask.value) drafts.newTask.value = input.title;
    if (!(err instanceof ApiError && err.status === 401)) notify(`Could not add “${temp.title}”: ${errorText(err)}`, 'error');
    return null;
  } finally {
    end();
  }
}

/** Undo of a delete: the same fields again, as a new task. */
async function restoreTask(t: Task) {
  const created = await createTask({ title: t.title, description: t.description, priority: t.priority, due_date: t.due_date });
  if (created && t.completed) await updateTask(created.id, { completed: true });
}
