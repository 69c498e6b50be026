import { dueWords } from '../../../worker/lib/due-words';

/** Due dates as the dashboard shows them, in the browser's own time zone. */

export type DueState = 'overdue' | 'today' | 'later' | 'none';

/** An all-day due date (`YYYY-MM-DD`) as local midnight of that day; null for an instant. */
export function localDay(due: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  if (!m) return null;
  const d = new Date(2000, 0, 1);
  d.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d;
}

/**
 * When a due date starts and ends, in ms: its local day for an all-day date,
 * the one moment for an instant. Kept per string: with thousands of tasks the
 * counts and sections ask again on every change, and dates repeat.
 */
const spans = new Map<string, { start: number; end: number; allDay: boolean }>();
function span(due: string) {
  let s = spans.get(due);
  if (!s) {
    const day = localDay(due);
    if (day) {
      const next = new Date(day);
      next.setDate(next.getDate() + 1);
      s = { start: day.getTime(), end: next.getTime(), allDay: true };
    } else {
      const at = new Date(due).getTime();
      s = { start: at, end: at, allDay: false };
    }
    if (spans.size > 50_000) spans.clear();
    spans.set(due, s);
  }
  return s;
}

/** Where a due date sorts: its start, in ms (NaN never: an unreadable date sorts last). */
export const dueOrder = (due: string) => span(due).start || Number.MAX_SAFE_INTEGER;

let tomorrowFor = Number.NaN;
let tomorrowAt = 0;
/** The next local midnight after `now`. */
function startOfTomorrow(now: Date): number {
  if (now.getTime() !== tomorrowFor) {
    tomorrowFor = now.getTime();
    tomorrowAt = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  }
  return tomorrowAt;
}

/**
 * Overdue once the moment has passed (for an all-day task, once its day is
 * over); "today" until then on the same local day. Done tasks never stand out.
 */
export function dueState(due: string | null, completed: boolean, now: Date): DueState {
  if (!due || completed) return 'none';
  const s = span(due);
  const t = now.getTime();
  if (s.allDay ? s.end <= t : s.start < t) return 'overdue';
  return s.start < startOfTomorrow(now) ? 'today' : 'later';
}

let zone: { at: number; name: string } | null = null;
/**
 * The browser's IANA zone. Building an Intl.DateTimeFormat to ask costs about
 * a millisecond, and every row asks: it is read again at most once a minute.
 */
export function browserTimeZone(): string {
  const t = Date.now();
  if (!zone || t - zone.at > 60_000 || t < zone.at)
    zone = { at: t, name: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  return zone.name;
}
const browserLocale = () => (typeof navigator === 'undefined' ? undefined : navigator.language) || 'en-GB';

/**
 * "Today", "Tomorrow 17:00", "Fri 4 Dec": the one formatter the chat's replies
 * use too (worker/lib/due-words.ts), in the browser's zone and language.
 */
export const formatDue = (due: string, now: Date, locale = browserLocale()) =>
  dueWords(due, now, { timeZone: browserTimeZone(), locale });

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A local calendar day `days` after `now`'s, as an all-day due date. */
export function dayFrom(now: Date, days: number): string {
  return ymd(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
}

/** The Monday after `now`'s week: "next week". */
export const nextWeek = (now: Date) => dayFrom(now, (8 - now.getDay()) % 7 || 7);

/**
 * A due date as the editor holds it: `YYYY-MM-DD` for an all-day date,
 * `YYYY-MM-DDTHH:MM` (local wall time) for an instant, '' for none.
 */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  if (localDay(iso)) return iso;
  const d = new Date(iso);
  return `${ymd(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The editor's value back to what the API takes: the day itself when all-day, else the instant; '' is none. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  if (localDay(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A day and an optional time ("HH:MM") from two fields into the editor's one value. */
export const joinDue = (day: string, time: string) => (day ? (time ? `${day}T${time}` : day) : '');
export const splitDue = (value: string) => ({ day: value.slice(0, 10), time: value.slice(11, 16) });
