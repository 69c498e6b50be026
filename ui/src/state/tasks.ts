import { computed, signal } from '@preact/signals';
import { applyView, countTasks, DEFAULT_VIEW, type View } from '../lib/list';
import { api, ApiError, errorText, send, type Task, type TaskPatch } from './api';
import { announceChange } from './broadcast';
import { now } from './clock';
import { drafts } from './drafts';
import { notify } from './notices';

/** The signed-in user's tasks: one list, fetched whole, viewed through filters in the browser. */

/** The API's largest page; a longer list is fetched page after page. */
export const PAGE_SIZE = 500;
/** 20,000 tasks: beyond that the dashboard shows the newest and says so. */
const MAX_PAGES = 40;

export const tasks = signal<Task[]>([]);
export const loadState = signal<'loading' | 'ready' | 'error'>('loading');
export const loadError = signal<string | null>(null);
export const view = signal<View>({ ...DEFAULT_VIEW });

export const visibleTasks = computed(() => applyView(tasks.value, view.value));
export const counts = computed(() => countTasks(tasks.value, now.value));
/** The task the chat pointed at; highlighted for a moment. */
export const highlighted = signal<string | null>(null);

let etag: string | null = null;
let pending = 0;
let inflight: Promise<void> | null = null;
let again = false;

const tag = (t: Task) => `"${t.updated_at}"`;

const page = (offset: number, headers: Record<string, string> = {}) =>
  send(api.tasks.$get({ query: { limit: String(PAGE_SIZE), offset: String(offset) } }, { headers }));

async function fetchOnce() {
  // The first page's ETag covers the whole list: it changes with any change to the user's tasks.
  const res = await page(0, etag ? { 'If-None-Match': etag } : {});
  // An answer that raced a local change is stale; the change's own refresh follows.
  if (pending > 0) return;
  if (res.status !== 304) {
    let all = (await res.json()) as Task[];
    // A change landing between two pages makes the first page's tag stale, so the next poll refetches.
    for (let n = 1; all.length === n * PAGE_SIZE && n < MAX_PAGES; n++) {
      all = all.concat((await (await page(n * PAGE_SIZE)).json()) as Task[]);
    }
    if (pending > 0) return;
    tasks.value = all;
    etag = res.headers.get('ETag');
  }
  loadState.value = 'ready';
  loadError.value = null;
}

/** Fetches the list unless it is unchanged (If-None-Match); concurrent calls share one request and one follow-up. */
export function refresh(): Promise<void> {
  if (inflight) {
    again = true;
    return inflight;
  }
  inflight = (async () => {
    try {
      do {
        again = false;
        await fetchOnce();
      } while (again);
    } catch (err) {
      if (loadState.value !== 'ready') loadState.value = 'error';
      loadError.value = errorText(err);
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

/** Forget everything on logout so the next user never sees this one's list. */
export function resetTasks() {
  tasks.value = [];
  etag = null;
  loadState.value = 'loading';
  loadError.value = null;
  view.value = { ...DEFAULT_VIEW };
}

const replace = (id: string, next: Task | null) => {
  const i = tasks.value.findIndex((t) => t.id === id);
  if (i < 0) {
    if (next) tasks.value = [next, ...tasks.value];
    return;
  }
  const copy = [...tasks.value];
  if (next) copy[i] = next;
  else copy.splice(i, 1);
  tasks.value = copy;
};

/**
 * One optimistic change: show it at once, send it with If-Match, and on any
 * error put the task back as it was and say why. 412 means another tab,
 * device or the chat changed it first: reload and tell the user.
 */
async function change(
  before: Task,
  optimistic: Task | null,
  request: (ifMatch: string) => Promise<Task | null>,
  what: string,
): Promise<boolean> {
  pending++;
  replace(before.id, optimistic);
  try {
    const after = await request(tag(before));
    replace(before.id, after);
    announceChange();
    return true;
  } catch (err) {
    replace(before.id, before);
    if (err instanceof ApiError && err.status === 412) {
      notify(`“${before.title}” was changed somewhere else, so it was not ${what}. Showing the latest version.`, 'error');
    } else if (err instanceof ApiError && err.status === 404) {
      replace(before.id, null);
      notify(`“${before.title}” no longer exists.`, 'error');
    } else if (!(err instanceof ApiError && err.status === 401)) {
      notify(`Could not ${what.replace(/d$/, '')} “${before.title}”: ${errorText(err)}`, 'error');
    }
    return false;
  } finally {
    pending--;
    void refresh();
  }
}

const byId = (id: string) => tasks.value.find((t) => t.id === id);
const taskOf = async (call: Promise<{ json(): Promise<unknown> }>) => (await (await call).json()) as Task;

export function toggleTask(id: string) {
  const t = byId(id);
  if (!t) return Promise.resolve(false);
  return change(
    t,
    { ...t, completed: !t.completed },
    (ifMatch) => taskOf(send(api.tasks[':id'].toggle.$patch({ param: { id } }, { headers: { 'If-Match': ifMatch } }))),
    t.completed ? 'reopened' : 'completed',
  );
}

export function updateTask(id: string, patch: TaskPatch) {
  const t = byId(id);
  if (!t) return Promise.resolve(false);
  return change(
    t,
    { ...t, ...patch, description: patch.description === undefined ? t.description : patch.description || null } as Task,
    (ifMatch) => taskOf(send(api.tasks[':id'].$patch({ param: { id }, json: patch }, { headers: { 'If-Match': ifMatch } }))),
    'saved',
  );
}

export async function deleteTask(id: string) {
  const t = byId(id);
  if (!t) return false;
  const ok = await change(
    t,
    null,
    async (ifMatch) => {
      await send(api.tasks[':id'].$delete({ param: { id } }, { headers: { 'If-Match': ifMatch } }));
      return null;
    },
    'deleted',
  );
  if (ok) notify(`Deleted “${t.title}”.`, 'info', { label: 'Undo', run: () => void restoreTask(t) }, 8000);
  return ok;
}

let tempIds = 0;

/** Adds a task at once under a temporary id; on failure it goes away and its title returns to the field. */
export async function createTask(input: {
  title: string;
  description?: string | null;
  priority?: Task['priority'];
  due_date?: string | null;
}) {
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
  pending++;
  tasks.value = [temp, ...tasks.value];
  try {
    const created = await taskOf(send(api.tasks.$post({ json: input })));
    replace(temp.id, created);
    announceChange();
    return created;
  } catch (err) {
    replace(temp.id, null);
    if (!drafts.newTask.value) drafts.newTask.value = input.title;
    if (!(err instanceof ApiError && err.status === 401)) notify(`Could not add “${temp.title}”: ${errorText(err)}`, 'error');
    return null;
  } finally {
    pending--;
    void refresh();
  }
}

/** Undo of a delete: the same fields again, as a new task. */
async function restoreTask(t: Task) {
  const created = await createTask({ title: t.title, description: t.description, priority: t.priority, due_date: t.due_date });
  if (created && t.completed) await updateTask(created.id, { completed: true });
}
