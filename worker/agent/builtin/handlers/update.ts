import type { Task } from '../../../tasks/types';
import type { ZonedClock } from '../../../lib/time-zone';
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

export const update: Handlers<'update'> = {
  async update(intent, turn) {
    const target = await resolve(turn, intent);
    if (!target.ok) return target.answer;
    const known = target.task;
    if (!('updated_at' in known)) {
      // Read it first, so the reply records what the change replaced and "undo" can put it back.
      const before = await turn.call('get_task', { task_id: known.id });
      if (!before.ok) return { reply: failed(before) };
    }
    const r = await turn.call('update_task', { task_id: known.id, ...intent.changes });
    if (!r.ok) return { reply: failed(r) };
    return { reply: `${said(known, r.output, intent.changes, turn.clock)}${notDone(intent.skipped)}` };
  },
};
