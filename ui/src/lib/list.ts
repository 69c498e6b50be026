import { dueOrder, dueState } from './dates';

/** The dashboard's view of the list: filtered, searched and sorted in the browser, like the API would. */

export interface ListTask {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: 'low' | 'medium' | 'high';
  due_date: string | null;
  created_at: string;
  updated_at: string;
}

export type StatusFilter = 'all' | 'open' | 'done';
export type PriorityFilter = 'any' | ListTask['priority'];
/** The overdue and due-today counts filter to their tasks. */
export type DueFilter = 'any' | 'overdue' | 'today';
export type Sort = 'created_at' | 'due_date' | 'priority' | 'updated_at';

export interface View {
  status: StatusFilter;
  priority: PriorityFilter;
  due: DueFilter;
  q: string;
  sort: Sort;
}

export const DEFAULT_VIEW: View = { status: 'all', priority: 'any', due: 'any', q: '', sort: 'due_date' };

const RANK = { low: 0, medium: 1, high: 2 } as const;
// Plain comparisons, not localeCompare: ISO strings order as their moments, and 10,000 of them sort in a few ms.
const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/** Newest first for times, highest first for priority, soonest first for due dates (none last); ties newest first. */
function compare(sort: Sort) {
  const newest = (a: ListTask, b: ListTask) => desc(a.created_at, b.created_at);
  return (a: ListTask, b: ListTask): number => {
    switch (sort) {
      case 'priority':
        return RANK[b.priority] - RANK[a.priority] || newest(a, b);
      case 'updated_at':
        return desc(a.updated_at, b.updated_at) || newest(a, b);
      case 'due_date':
        if (a.due_date === b.due_date) return newest(a, b);
        if (!a.due_date) return 1;
        if (!b.due_date) return -1;
        return dueOrder(a.due_date) - dueOrder(b.due_date) || newest(a, b);
      default:
        return newest(a, b);
    }
  };
}

function matches(view: View, needle: string, now: Date) {
  return (t: ListTask) =>
    (view.status === 'all' || t.completed === (view.status === 'done')) &&
    (view.priority === 'any' || t.priority === view.priority) &&
    (view.due === 'any' || dueState(t.due_date, t.completed, now) === view.due) &&
    (!needle ||
      t.title.toLocaleLowerCase().includes(needle) ||
      (t.description ?? '').toLocaleLowerCase().includes(needle));
}

export function applyView<T extends ListTask>(tasks: readonly T[], view: View, now = new Date()): T[] {
  return tasks.filter(matches(view, view.q.trim().toLocaleLowerCase(), now)).sort(compare(view.sort));
}

export type SectionKey = 'overdue' | 'today' | 'upcoming' | 'none' | 'done';
export interface Section<T> {
  key: SectionKey;
  title: string;
  tasks: T[];
}

export const SECTIONS: [SectionKey, string][] = [
  ['overdue', 'Overdue'],
  ['today', 'Today'],
  ['upcoming', 'Upcoming'],
  ['none', 'No date'],
  ['done', 'Done'],
];
const BUCKET = { overdue: 'overdue', today: 'today', later: 'upcoming', none: 'none' } as const;

/**
 * What needs attention first: the tasks the view lets through, in Overdue,
 * Today, Upcoming, No date and Done, each sorted by the view's sort (done
 * tasks most recently changed first when sorted by due date). Empty sections
 * are left out.
 */
export function sectionTasks<T extends ListTask>(tasks: readonly T[], view: View, now: Date): Section<T>[] {
  const buckets: Record<SectionKey, T[]> = { overdue: [], today: [], upcoming: [], none: [], done: [] };
  const keep = matches(view, view.q.trim().toLocaleLowerCase(), now);
  for (const t of tasks) {
    if (!keep(t)) continue;
    buckets[t.completed ? 'done' : BUCKET[dueState(t.due_date, false, now)]].push(t);
  }
  const out: Section<T>[] = [];
  for (const [key, title] of SECTIONS) {
    const list = buckets[key];
    if (!list.length) continue;
    list.sort(compare(key === 'done' && view.sort === 'due_date' ? 'updated_at' : view.sort));
    out.push({ key, title, tasks: list });
  }
  return out;
}

export interface Counts {
  total: number;
  open: number;
  done: number;
  overdue: number;
  today: number;
}

export function countTasks(tasks: readonly ListTask[], now: Date): Counts {
  const c: Counts = { total: tasks.length, open: 0, done: 0, overdue: 0, today: 0 };
  for (const t of tasks) {
    if (t.completed) {
      c.done++;
      continue;
    }
    c.open++;
    const due = dueState(t.due_date, false, now);
    if (due === 'overdue') c.overdue++;
    else if (due === 'today') c.today++;
  }
  return c;
}

export interface Listing<T> {
  sections: Section<T>[];
  counts: Counts;
}

type Buckets<T> = Record<SectionKey, T[]>;
const TITLE = Object.fromEntries(SECTIONS) as Record<SectionKey, string>;

function bucketOf(t: ListTask, now: Date): SectionKey {
  return t.completed ? 'done' : BUCKET[dueState(t.due_date, false, now)];
}
const orderOf = (key: SectionKey, view: View) =>
  compare(key === 'done' && view.sort === 'due_date' ? 'updated_at' : view.sort);

function tally(c: Counts, t: ListTask, now: Date, by: 1 | -1) {
  c.total += by;
  if (t.completed) c.done += by;
  else {
    c.open += by;
    const due = dueState(t.due_date, false, now);
    if (due === 'overdue') c.overdue += by;
    else if (due === 'today') c.today += by;
  }
}

/**
 * sectionTasks and countTasks kept up to date change by change. The list's
 * objects are immutable and a write or a sync replaces only the tasks it
 * touched, so after a change only those tasks are taken out of and put back
 * into their (sorted) sections; sections they did not touch keep their arrays
 * and render nothing. A new view, a clock tick or a change to most of the list
 * computes everything again.
 */
export function createListing<T extends ListTask>() {
  let last: { tasks: readonly T[]; view: View; now: Date; buckets: Buckets<T>; counts: Counts } | null = null;

  function full(tasks: readonly T[], view: View, now: Date) {
    const buckets = {} as Buckets<T>;
    for (const s of sectionTasks(tasks, view, now)) buckets[s.key] = s.tasks;
    for (const [key] of SECTIONS) buckets[key] ??= [];
    return { tasks, view, now, buckets, counts: countTasks(tasks, now) };
  }

  function update(prev: NonNullable<typeof last>, tasks: readonly T[]) {
    const { view, now } = prev;
    const before = new Set(prev.tasks);
    const after = new Set(tasks);
    const gone = prev.tasks.filter((t) => !after.has(t));
    const added = tasks.filter((t) => !before.has(t));
    if (gone.length + added.length > 200) return full(tasks, view, now);
    const keep = matches(view, view.q.trim().toLocaleLowerCase(), now);
    const buckets = { ...prev.buckets };
    const counts = { ...prev.counts };
    const copied = new Set<SectionKey>();
    const bucket = (key: SectionKey) => {
      if (!copied.has(key)) buckets[key] = [...buckets[key]];
      copied.add(key);
      return buckets[key];
    };
    for (const t of gone) {
      tally(counts, t, now, -1);
      if (!keep(t)) continue;
      const list = bucket(bucketOf(t, now));
      const i = list.indexOf(t);
      if (i >= 0) list.splice(i, 1);
    }
    for (const t of added) {
      tally(counts, t, now, 1);
      if (!keep(t)) continue;
      const key = bucketOf(t, now);
      const list = bucket(key);
      const order = orderOf(key, view);
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(list[mid]!, t) <= 0) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, t);
    }
    return { tasks, view, now, buckets, counts };
  }

  let shown: { sections: Section<T>[]; from: Buckets<T> } | null = null;
  return (tasks: readonly T[], view: View, now: Date): Listing<T> => {
    if (!last || last.view !== view || last.now !== now) last = full(tasks, view, now);
    else if (last.tasks !== tasks) last = update(last, tasks);
    // A section whose array did not change keeps its object, so its rows are not rendered again.
    const prevShown = shown;
    const sections = SECTIONS.filter(([key]) => last!.buckets[key].length).map(([key]) => {
      const same = prevShown?.from[key] === last!.buckets[key];
      return (
        (same && prevShown!.sections.find((s) => s.key === key)) || {
          key,
          title: TITLE[key],
          tasks: last!.buckets[key],
        }
      );
    });
    shown = { sections, from: last.buckets };
    return { sections, counts: last.counts };
  };
}
