/**
 * Wall-clock arithmetic in the user's time zone, with Intl only (workerd
 * ships full ICU). "Tomorrow at 5pm" must mean 5pm where the user is.
 */
/** The current instant and the user's zone: what "today" and "5pm" mean for them. */
export interface ZonedClock {
  now: Date;
  timeZone: string;
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

export const sameDate = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "today at 17:00", "tomorrow", "Fri 27 Nov", "Fri 27 Nov 2027 at 09:30": short, in the user's zone. */
export function describeDue(iso: string, clock: ZonedClock): string {
  const l = toLocal(new Date(iso), clock.timeZone);
  const t = today(clock);
  const time = `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  const allDay = l.hour === 23 && l.minute === 59;
  let day: string;
  if (sameDate(l, t)) day = 'today';
  else if (sameDate(l, addDays(t, 1))) day = 'tomorrow';
  else if (sameDate(l, addDays(t, -1))) day = 'yesterday';
  else {
    day = `${WEEKDAY_NAMES[weekday(l)]} ${l.day} ${MONTH_NAMES[l.month - 1]}`;
    if (l.year !== t.year) day += ` ${l.year}`;
  }
  return allDay ? day : `${day} at ${time}`;
}
