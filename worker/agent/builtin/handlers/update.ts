import type { Task } from '../../../tasks/types';
import { addDays, dayOf, dayString, fromLocal, toLocal, today, type ZonedClock } from '../../../lib/time-zone';
import type { Known } from '../memory';
import { details, quote } from '../reply';
import type { Intent } from '../rules';
import { resolve } from './resolve';
import { failed, type Handlers } from './turn';

type Changes = Extract<Intent, { type: 'update' }>['changes'];

/** One sentence per kind of change, naming the task as it is now. */
function said(before: Known, task: Task, c: Changes, clock: ZonedClock): string {
  const parts: string[] = [];
  if (c.title !== undefined) {
    const was = before.title ? quote({ title: before.title }) : 'it';
    parts.push(`Renamed ${was} to ${quote(task)}.`);
  }
  if (c.priority) parts.push(`${quote(task)} is now ${task.priority} priority.`);
  if (c.due_date === null) parts.push(`Cleared the due date of ${quote(task)}.`);
  else if (c.due_date) parts.push(`${quote(task)} is now ${details({ ...task, priority: 'medium' }, clock)}.`);
  if (c.description === null) parts.push(`Cleared the notes on ${quote(task)}.`);
  else if (c.description) parts.push(`Updated the notes on ${quote(task)}.`);
  return parts.join(' ');
}

/** The parts of a many-part edit that were not understood, so nothing is dropped silently. */
const notDone = (skipped: string[] | undefined) =>
  skipped?.length ? ` I didn’t understand ${skipped.map((s) => `“${s}”`).join(' or ')}, so I didn’t do that part.` : '';

/** The due date `days` later than `due` (or than today when there is none), keeping its time of day. */
function shifted(due: string | null, days: number, clock: ZonedClock): string {
  const day = due ? dayOf(due) : today(clock);
  if (day) return dayString(addDays(day, days));
  const at = toLocal(new Date(due!), clock.timeZone);
  return fromLocal({ ...at, ...addDays(at, days) }, clock.timeZone).toISOString();
}

export const update: Handlers<'update'> = {
  async update(intent, turn) {
    const target = await resolve(turn, intent);
    if (!target.ok) return target.answer;
    let known = target.task;
    if (!('updated_at' in known)) {
      // Read it first, so the reply records what the change replaced and "undo" can put it back.
      const before = await turn.call('get_task', { task_id: known.id });
      if (!before.ok) return { reply: failed(before) };
      known = before.output;
    }
    const changes = { ...intent.changes };
    if (intent.shift_days && 'due_date' in known)
      changes.due_date = shifted(known.due_date, intent.shift_days, turn.clock);
    const r = await turn.call('update_task', { task_id: known.id, ...changes });
    if (!r.ok) return { reply: failed(r) };
    return { reply: `${said(target.task, r.output, changes, turn.clock)}${notDone(intent.skipped)}` };
  },
};
