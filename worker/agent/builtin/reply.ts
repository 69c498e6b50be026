import type { Task } from '../../tasks/types';
import { dueWords } from '../../lib/due-words';
import { isOverdue, type ZonedClock } from '../../lib/time-zone';

export const quote = (t: Pick<Task, 'title'>) => `“${t.title}”`;

/** A due date as the dashboard writes it ("tomorrow 17:00", "Fri 4 Dec"), in the reader's zone and locale. */
export const dueIn = (due: string, { now, timeZone, locale }: ZonedClock) =>
  dueWords(due, now, { timeZone, locale, inSentence: true });

/** "high priority, due tomorrow 17:00" — only what differs from the defaults. */
export function details(task: Task, clock: ZonedClock): string {
  const parts: string[] = [];
  if (task.priority !== 'medium') parts.push(`${task.priority} priority`);
  if (task.due_date) parts.push(`due ${dueIn(task.due_date, clock)}`);
  return parts.join(', ');
}

/** Long enough to recognise a task; short enough that 30 lines fit in one 2,000-character reply. */
const TITLE_IN_LIST = 50;
const short = (title: string) =>
  title.length > TITLE_IN_LIST ? `${title.slice(0, TITLE_IN_LIST - 1).trimEnd()}…` : title;

export function line(task: Task, n: number, clock: ZonedClock): string {
  const extra = details(task, clock);
  const overdue = !task.completed && task.due_date && isOverdue(task.due_date, clock);
  return `${n}. ${task.completed ? '✓ ' : ''}${short(task.title)}${extra ? ` — ${extra}` : ''}${overdue ? ' (overdue)' : ''}`;
}

const MAX_LINES = 30;

/** A numbered list the user can point back into ("complete 2"). */
export function numbered(tasks: Task[], clock: ZonedClock): string {
  const shown = tasks.slice(0, MAX_LINES).map((t, i) => line(t, i + 1, clock));
  if (tasks.length > MAX_LINES) shown.push(`…and ${tasks.length - MAX_LINES} more.`);
  return shown.join('\n');
}

export const HELP = [
  'I can add, list, complete, reopen, rename, reprioritise, reschedule and delete your tasks. Try:',
  '• “add call mom tomorrow at 5pm, high priority”',
  '• “what’s due today?” or “show overdue tasks”',
  '• “complete call mom” or “done 2” (a number from my last list)',
  '• “move the report to friday”, “make it low priority”, “rename 1 to Call dad”',
  '• “delete buy milk”, “clear completed”, or “undo” to take back my last change',
].join('\n');
