import { signal } from '@preact/signals';
import { api, errorText, send, type TaskEvent } from './api';

/** The change log as the dashboard shows it: the user's latest changes, and one task's history. */

export interface Loaded {
  state: 'loading' | 'ready' | 'error';
  events: TaskEvent[];
  error: string | null;
}

const LOADING: Loaded = { state: 'loading', events: [], error: null };

/** How many of the latest changes the Activity view lists. */
export const ACTIVITY_LIMIT = 30;

export const activityOpen = signal(false);
export const activity = signal<Loaded>(LOADING);
/** The history of the task being edited (one editor is open at a time). */
export const taskHistory = signal<Loaded & { taskId: string | null }>({ ...LOADING, taskId: null });

let activityCalls = 0;
let historyCalls = 0;

/** Loads the latest changes; a slower, older call never overwrites a newer answer. */
export async function loadActivity() {
  const call = ++activityCalls;
  try {
    const events = await (await send(api.activity.$get({ query: { limit: String(ACTIVITY_LIMIT) } }))).json();
    if (call === activityCalls) activity.value = { state: 'ready', events, error: null };
  } catch (err) {
    // Keep what was shown; say it could not be brought up to date.
    if (call === activityCalls)
      activity.value = {
        ...activity.value,
        state: activity.value.events.length ? 'ready' : 'error',
        error: errorText(err),
      };
  }
}

export async function loadTaskHistory(taskId: string) {
  const call = ++historyCalls;
  if (taskHistory.value.taskId !== taskId) taskHistory.value = { ...LOADING, taskId };
  try {
    const events = await (
      await send(api.tasks[':id'].activity.$get({ param: { id: taskId }, query: { limit: '20' } }))
    ).json();
    if (call === historyCalls) taskHistory.value = { state: 'ready', events, error: null, taskId };
  } catch (err) {
    if (call === historyCalls)
      taskHistory.value = {
        ...taskHistory.value,
        state: taskHistory.value.events.length ? 'ready' : 'error',
        error: errorText(err),
      };
  }
}

/**
 * The events an Undo can reverse: each task's latest. The list is the log's
 * newest entries, so a task's first entry in it is its latest anywhere; undoing
 * an older one would overwrite what came after, and the server refuses that.
 */
export function undoable(events: readonly TaskEvent[]): Set<string> {
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const e of events) {
    if (seen.has(e.task_id)) continue;
    seen.add(e.task_id);
    ids.add(e.id);
  }
  return ids;
}

export function resetHistory() {
  activityOpen.value = false;
  activityCalls++;
  historyCalls++;
  activity.value = LOADING;
  taskHistory.value = { ...LOADING, taskId: null };
}
