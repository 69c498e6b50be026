import { addDays, dayOf, dueSpan, fromLocal, isOverdue, toLocal, today, weekday } from '../../../lib/time-zone';
import type { LocalDate, ZonedClock } from '../../../lib/time-zone';
import { dueIn, numbered } from '../reply';
import type { DueFilter, ListIntent } from '../rules';
import { failed, type Handlers } from './turn';

/** The instants [from, to) a due filter covers, in the user's zone. */
function dueRange(filter: DueFilter, clock: ZonedClock): [number, number] {
  const start = (d: LocalDate) => fromLocal({ ...d, hour: 0, minute: 0 }, clock.timeZone).getTime();
  const t = today(clock);
  if (typeof filter === 'object') {
    const day = dayOf(filter.on) ?? toLocal(new Date(filter.on), clock.timeZone);
    return [start(day), start(addDays(day, 1))];
  }
  switch (filter) {
    case 'overdue':
      return [-Infinity, clock.now.getTime()];
    case 'today':
      return [start(t), start(addDays(t, 1))];
    case 'tomorrow':
      return [start(addDays(t, 1)), start(addDays(t, 2))];
    case 'week':
      return [start(t), start(addDays(t, 7))];
    case 'next_week': {
      // Monday to Sunday of the coming week.
      const monday = addDays(t, 7 - ((weekday(t) + 6) % 7));
      return [start(monday), start(addDays(monday, 7))];
    }
  }
}

const DUE = {
  overdue: ' that are overdue',
  today: ' due today',
  tomorrow: ' due tomorrow',
  week: ' due in the next 7 days',
  next_week: ' due next week',
};

/** "Your pending high-priority tasks due today", and what to say when there are none. */
function listLabel(intent: ListIntent, clock: ZonedClock): { some: string; none: string } {
  const state = intent.completed === true ? 'completed ' : intent.completed === false ? 'pending ' : '';
  const prio = intent.priority ? `${intent.priority}-priority ` : '';
  const matching = intent.query ? ` matching “${intent.query}”` : '';
  const day = (on: string) => ` due ${dueIn(on, clock)}`;
  const when = !intent.due ? '' : typeof intent.due === 'object' ? day(intent.due.on) : DUE[intent.due];
  const noun = `${state}${prio}tasks${matching}${when}`;
  return {
    some: `Your ${noun}`,
    none: noun === 'tasks' ? 'You have no tasks yet. Try “add buy milk tomorrow”.' : `You have no ${noun}.`,
  };
}

/** How many tasks a listing remembers for "complete 3": as many as the reply shows. */
const REMEMBERED = 30;

export const list: Handlers<'list'> = {
  async list(intent, { call, clock }) {
    const { due } = intent;
    const r = await call('list_tasks', {
      // A due filter means what is still to do, unless the message said otherwise.
      ...(intent.completed !== undefined ? { completed: intent.completed } : due ? { completed: false } : {}),
      ...(intent.priority ? { priority: intent.priority } : {}),
      ...(intent.query ? { query: intent.query } : {}),
      ...(due ? { sort: 'due_date' as const } : {}),
      limit: 500,
    });
    if (!r.ok) return { reply: failed(r) };
    let tasks = r.output;
    if (due === 'overdue') tasks = tasks.filter((t) => t.due_date && isOverdue(t.due_date, clock));
    else if (due) {
      const [from, to] = dueRange(due, clock);
      const within = (d: string) => dueSpan(d, clock.timeZone).start >= from && dueSpan(d, clock.timeZone).start < to;
      tasks = tasks.filter((t) => t.due_date && within(t.due_date));
    }
    const label = listLabel(intent, clock);
    if (!tasks.length) return { reply: label.none, memory: { listing: [] } };
    const doneCount = tasks.filter((t) => t.completed).length;
    const summary = intent.completed === undefined && doneCount ? `, ${doneCount} done` : '';
    return {
      reply: `${label.some} (${tasks.length}${summary}):\n${numbered(tasks, clock)}`,
      memory: { listing: tasks.slice(0, REMEMBERED).map(({ id, title }) => ({ id, title })) },
    };
  },
};
