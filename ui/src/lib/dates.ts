/** Due dates as the dashboard shows them, in the browser's own time zone. */

export type DueState = 'overdue' | 'today' | 'later' | 'none';

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** An all-day due date (`YYYY-MM-DD`) as local midnight of that day; null for an instant. */
export function localDay(due: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  if (!m) return null;
  const d = new Date(2000, 0, 1);
  d.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d;
}

/**
 * Overdue once the moment has passed (for an all-day task, once its day is
 * over); "today" until then on the same local day. Done tasks never stand out.
 */
export function dueState(due: string | null, completed: boolean, now: Date): DueState {
  if (!due || completed) return 'none';
  const day = localDay(due);
  const at = day ?? new Date(due);
  const over = day ? startOfDay(at) < startOfDay(now) : at.getTime() < now.getTime();
  if (over) return 'overdue';
  return dayKey(at) === dayKey(now) ? 'today' : 'later';
}

const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * "Today 17:00", "Tomorrow", "Yesterday 23:59", else "Fri, Dec 5, 17:00" (with the year when
 * not this year); an all-day date has no time.
 */
export function formatDue(due: string, now: Date): string {
  const day = localDay(due);
  const at = day ?? new Date(due);
  const days = Math.round((startOfDay(at) - startOfDay(now)) / 86_400_000);
  const rel = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : days === -1 ? 'Yesterday' : null;
  if (rel) return day ? rel : `${rel} ${time(at)}`;
  return at.toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    ...(day ? {} : { hour: '2-digit', minute: '2-digit' }),
  });
}

function startOfDay(d: Date) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of <input type="datetime-local"> (local wall time, minutes). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = localDay(iso) ?? new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to an ISO instant the API accepts; '' means no due date. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
