import { AppError } from '../lib/errors';
import { addDays, dayString, dueSpan, fromLocal, isTimeZone, type LocalDate, today } from '../lib/time-zone';
import type { Task } from '../tasks/types';
import type { Toolbox } from '../tools';

/** The instant a local day begins in `timeZone`. */
const startOf = (d: LocalDate, timeZone: string) => fromLocal({ ...d, hour: 0, minute: 0 }, timeZone).getTime();

/** A time zone from a client (a prompt argument, a resource URI): an IANA name, UTC when none is given. */
export function zoneOf(given: string | null | undefined): string {
  if (!given) return 'UTC';
  if (!isTimeZone(given)) throw new AppError(400, 'validation_error', `Unknown time zone ${given}; use an IANA name`);
  return given;
}

/** The user's tasks, read through list_tasks as any agent reads them. */
async function listed(toolbox: Toolbox, input: { completed: boolean; sort: 'due_date' | 'updated_at' }) {
  const r = await toolbox.call('list_tasks', { ...input, limit: 500 });
  if (!r.ok) throw new AppError(500, r.output.error.code, r.output.error.message);
  return r.output;
}

/** Pending tasks whose due date starts within [from, to) in `timeZone`. */
const dueWithin = (tasks: Task[], timeZone: string, from: number, to: number) =>
  tasks.filter((t) => {
    if (!t.due_date) return false;
    const { start } = dueSpan(t.due_date, timeZone);
    return start >= from && start < to;
  });

/**
 * Today in the user's zone: what is still to do from before today (overdue),
 * what is due today, and how many pending tasks have no date at all.
 */
export async function agenda(toolbox: Toolbox, now: Date, timeZone: string) {
  const day = today({ now, timeZone });
  const [from, to] = [startOf(day, timeZone), startOf(addDays(day, 1), timeZone)];
  const pending = await listed(toolbox, { completed: false, sort: 'due_date' });
  return {
    date: dayString(day),
    time_zone: timeZone,
    overdue: dueWithin(pending, timeZone, Number.NEGATIVE_INFINITY, from),
    due_today: dueWithin(pending, timeZone, from, to),
    undated: pending.filter((t) => !t.due_date).length,
  };
}

/**
 * The week behind and the week ahead: tasks completed in the last 7 days
 * (last changed then and done now), what is overdue, and what falls due in
 * the next 7 days.
 */
export async function week(toolbox: Toolbox, now: Date, timeZone: string) {
  const day = today({ now, timeZone });
  const [weekAgo, todayStart] = [startOf(addDays(day, -7), timeZone), startOf(day, timeZone)];
  const weekAhead = startOf(addDays(day, 7), timeZone);
  const [done, pending] = [
    await listed(toolbox, { completed: true, sort: 'updated_at' }),
    await listed(toolbox, { completed: false, sort: 'due_date' }),
  ];
  return {
    from: dayString(addDays(day, -7)),
    to: dayString(addDays(day, 6)),
    time_zone: timeZone,
    completed: done.filter((t) => Date.parse(t.updated_at) >= weekAgo),
    overdue: dueWithin(pending, timeZone, Number.NEGATIVE_INFINITY, todayStart),
    due_this_week: dueWithin(pending, timeZone, todayStart, weekAhead),
  };
}
