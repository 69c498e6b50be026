/** Due dates as the dashboard shows them, in the browser's own time zone. */

export type DueState = 'overdue' | 'today' | 'later' | 'none';

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** Overdue once the moment has passed; "today" until then on the same local day. Done tasks never stand out. */
export function dueState(due: string | null, completed: boolean, now: Date): DueState {
  if (!due || completed) return 'none';
  const at = new Date(due);
  if (at.getTime() < now.getTime()) return 'overdue';
  return dayKey(at) === dayKey(now) ? 'today' : 'later';
}

const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Today 17:00", "Tomorrow 09:00", "Yesterday 23:59", else "Fri, Dec 5, 17:00" (with the year when not this year). */
export function formatDue(due: string, now: Date): string {
  const at = new Date(due);
  const days = Math.round((startOfDay(at) - startOfDay(now)) / 86_400_000);
  const rel = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : days === -1 ? 'Yesterday' : null;
  if (rel) return `${rel} ${time(at)}`;
  return at.toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function startOfDay(d: Date) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of <input type="datetime-local"> (local wall time, minutes). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to an ISO instant the API accepts; '' means no due date. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
