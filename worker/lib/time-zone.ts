/**
 * Wall-clock arithmetic in the user's time zone, with Intl only (workerd
 * ships full ICU). "Tomorrow at 5pm" must mean 5pm where the user is.
 */
/** The current instant and the user's zone: what "today" and "5pm" mean for them. */
export interface ZonedClock {
  now: Date;
  timeZone: string;
  /** The reader's locale (BCP 47) for dates in words; unset means en-GB. */
  locale?: string;
}

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time at `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const offsetMs = (instant: Date, timeZone: string) => {
  const l = toLocal(instant, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(instant.getTime() / 1000) * 1000;
};

/** The instant when the wall clock in `timeZone` shows `local` (the later one across a DST gap). */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = asUtc - offsetMs(new Date(asUtc), timeZone);
  const second = asUtc - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** Calendar arithmetic on local dates (no time zone involved). */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

export const today = (clock: ZonedClock): LocalDate => {
  const { year, month, day } = toLocal(clock.now, clock.timeZone);
  return { year, month, day };
};

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An all-day due date (`YYYY-MM-DD`) as a local date; null for an instant. */
export function dayOf(due: string): LocalDate | null {
  const m = DAY.exec(due);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** A local date as an all-day due date, `YYYY-MM-DD`. */
export const dayString = (d: LocalDate) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * Where a due date falls in time, in the user's zone: an all-day date spans
 * its whole local day; a timed one is its instant. It is overdue once `end`
 * has passed: for an all-day task, once its day has ended where the user is.
 */
export function dueSpan(due: string, timeZone: string): { start: number; end: number } {
  const day = dayOf(due);
  if (!day) {
    const t = Date.parse(due);
    return { start: t, end: t };
  }
  const midnight = (d: LocalDate) => fromLocal({ ...d, hour: 0, minute: 0 }, timeZone).getTime();
  return { start: midnight(day), end: midnight(addDays(day, 1)) };
}

export const isOverdue = (due: string, clock: ZonedClock) => {
  const { start, end } = dueSpan(due, clock.timeZone);
  return dayOf(due) ? end <= clock.now.getTime() : start < clock.now.getTime();
};
