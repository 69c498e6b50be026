import { dueState } from './dates';

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
export type Sort = 'created_at' | 'due_date' | 'priority' | 'updated_at';

export interface View {
  status: StatusFilter;
  priority: PriorityFilter;
  q: string;
  sort: Sort;
}

export const DEFAULT_VIEW: View = { status: 'all', priority: 'any', q: '', sort: 'created_at' };

const RANK = { low: 0, medium: 1, high: 2 } as const;

/** Newest first for times, highest first for priority, soonest first for due dates (none last); ties newest first. */
function compare(sort: Sort) {
  const newest = (a: ListTask, b: ListTask) => b.created_at.localeCompare(a.created_at);
  return (a: ListTask, b: ListTask): number => {
    switch (sort) {
      case 'priority':
        return RANK[b.priority] - RANK[a.priority] || newest(a, b);
      case 'updated_at':
        return b.updated_at.localeCompare(a.updated_at) || newest(a, b);
      case 'due_date':
        if (a.due_date === b.due_date) return newest(a, b);
        if (!a.due_date) return 1;
        if (!b.due_date) return -1;
        return a.due_date.localeCompare(b.due_date);
      default:
        return newest(a, b);
    }
  };
}

export function applyView<T extends ListTask>(tasks: readonly T[], view: View): T[] {
  const needle = view.q.trim().toLocaleLowerCase();
  return tasks
    .filter(
      (t) =>
        (view.status === 'all' || t.completed === (view.status === 'done')) &&
        (view.priority === 'any' || t.priority === view.priority) &&
        (!needle ||
          t.title.toLocaleLowerCase().includes(needle) ||
          (t.description ?? '').toLocaleLowerCase().includes(needle)),
    )
    .sort(compare(view.sort));
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
    if (t.completed) c.done++;
    else c.open++;
    const due = dueState(t.due_date, t.completed, now);
    if (due === 'overdue') c.overdue++;
    if (due === 'today') c.today++;
  }
  return c;
}
