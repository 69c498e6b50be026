import { computed, signal } from '@preact/signals';
import { createListing, DEFAULT_VIEW, type View } from '../lib/list';
import { mergeDelta } from '../lib/sync';
import { api, errorText, send, type Task, type TaskEvent } from './api';
import { now } from './clock';

/**
 * The signed-in user's tasks: one list, held whole and viewed through filters
 * in the browser, kept current by `/sync`: the first call brings the whole list
 * and the user's version, each later one only what changed after that version.
 * Writes live in writes.ts; they tell this model when they start and end.
 */

export const tasks = signal<Task[]>([]);
export const loadState = signal<'loading' | 'ready' | 'error'>('loading');
export const loadError = signal<string | null>(null);
export const view = signal<View>({ ...DEFAULT_VIEW });

const listing = createListing<Task>();
const listed = computed(() => listing(tasks.value, view.value, now.value));
/** The list as shown: Overdue, Today, Upcoming, No date, Done; only the sections with tasks in them. */
export const sections = computed(() => listed.value.sections);
export const counts = computed(() => listed.value.counts);
/** The task the chat pointed at; highlighted for a moment. */
export const highlighted = signal<string | null>(null);

/** The user's version the list reflects (null until the first sync); views that follow the log watch it. */
export const listVersion = signal<number | null>(null);
/** Bumped on logout, so an answer for the previous user is dropped. */
let generation = 0;
/** Local writes on their way, and all ever started: a sync answering across one may predate it. */
let pending = 0;
let started = 0;
let inflight: Promise<void> | null = null;
/** Someone asked for a sync while one was running: run once more. */
let again = false;
/** The highest version pushed while a sync was running. */
let wanted = 0;

/** One `/sync`; false when its answer was dropped (a local write raced it, or the user left). */
async function syncOnce(): Promise<boolean> {
  const since = listVersion.peek();
  const gen = generation;
  const seen = started;
  const res = await send(api.sync.$get({ query: since === null ? {} : { since: String(since) } }));
  const delta = await res.json();
  // An answer that crossed a local write may predate it; the write's own refresh follows.
  if (pending > 0 || started !== seen || gen !== generation) return false;
  tasks.value = mergeDelta(tasks.value, delta);
  listVersion.value = delta.version;
  loadState.value = 'ready';
  loadError.value = null;
  return true;
}

/**
 * Brings the list up to date. With `target` (a version the live socket
 * pushed) nothing is asked when the list is already there. Calls made while
 * a sync runs share it, plus at most one follow-up.
 */
export function refresh(target?: number): Promise<void> {
  const version = listVersion.peek();
  if (target !== undefined && version !== null && target <= version) return inflight ?? Promise.resolve();
  if (inflight) {
    if (target === undefined) again = true;
    else wanted = Math.max(wanted, target);
    return inflight;
  }
  inflight = (async () => {
    try {
      for (;;) {
        // This request starts after everything heard so far, so it answers for all of it.
        again = false;
        wanted = 0;
        const applied = await syncOnce();
        if (again || (applied && wanted > (listVersion.peek() ?? 0))) continue;
        break;
      }
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
  generation++;
  tasks.value = [];
  listVersion.value = null;
  loadState.value = 'loading';
  loadError.value = null;
  view.value = { ...DEFAULT_VIEW };
}

/** A local write begins: syncs answering until it ends are dropped. Returns end(), which syncs. */
export function beginWrite(): () => void {
  pending++;
  started++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    pending--;
    void refresh();
  };
}

/** Puts one task in place of the one with `id` (first in the list if new); null takes it out. */
export function putTask(id: string, next: Task | null) {
  const i = tasks.value.findIndex((t) => t.id === id);
  if (i < 0) {
    if (next) tasks.value = [next, ...tasks.value];
    return;
  }
  const copy = [...tasks.value];
  if (next) copy[i] = next;
  else copy.splice(i, 1);
  tasks.value = copy;
}

/** The list as an event from the log leaves it. */
export const applyEvent = (e: TaskEvent) => putTask(e.task_id, e.action === 'deleted' ? null : e.task);

export const taskById = (id: string) => tasks.value.find((t) => t.id === id);
