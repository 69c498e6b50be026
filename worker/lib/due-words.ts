/**
 * A due date in words, one formatter for the dashboard and the chat's replies:
 * "Today", "Tomorrow 17:00", "Fri 4 Dec", "Mon 3 Jan 2028 09:30". Words and
 * order follow the locale ("Fri, Dec 4" in en-US); the zone is the user's.
 * Intl only, so it runs the same in workerd and in the browser.
 */

export interface DueWordsOptions {
  /** The reader's IANA zone: "today" and 17:00 mean there. */
  timeZone: string;
  /** BCP 47 tag; default en-GB ("Fri 4 Dec", 24-hour clock). */
  locale?: string;
  /** Inside a sentence ("due tomorrow 17:00"): relative days keep the locale's own case. */
  inSentence?: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** The calendar day of `instant` in `timeZone`, as a UTC-midnight day number. */
function dayNumber(instant: Date, timeZone: string): number {
  const make = () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const parts = Object.fromEntries(
    cached(`ymd|${timeZone}`, make)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
}

/** "Today", "Tomorrow", "Yesterday" in the locale, capitalised; null further out. */
function relativeDay(days: number, locale: string, inSentence = false): string | null {
  if (Math.abs(days) > 1) return null;
  const f = cached(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const word = f.format(days, 'day');
  return inSentence ? word : word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

function time(instant: Date, o: { timeZone: string; locale: string }): string {
  const key = `time|${o.locale}|${o.timeZone}`;
  return cached(key, () => new Intl.DateTimeFormat(o.locale, { timeZone: o.timeZone, timeStyle: 'short' })).format(
    instant,
  );
}

function date(instant: Date, withYear: boolean, timeZone: string, locale: string): string {
  const key = `date|${locale}|${timeZone}|${withYear}`;
  const make = () =>
    new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
    });
  return cached(key, make).format(instant);
}

/**
 * `due` is a calendar day (`YYYY-MM-DD`, all-day: no time shown) or an ISO
 * instant; `now` decides what "today" is. The year shows only when it is not
 * the current one.
 */
export function dueWords(due: string, now: Date, options: DueWordsOptions): string {
  // `locale: undefined` means the default too, not the runtime's own.
  const o = { ...options, locale: options.locale ?? 'en-GB' };
  const m = DAY.exec(due);
  // An all-day date is a label, not an instant: format its UTC noon in UTC so no zone moves it.
  const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : new Date(due);
  const zone = m ? 'UTC' : o.timeZone;
  const days = Math.round(dayNumber(at, zone) - dayNumber(now, o.timeZone));
  const rel = relativeDay(days, o.locale, o.inSentence);
  const thisYear = new Date(now).getUTCFullYear() === at.getUTCFullYear();
  const day = rel ?? date(at, !thisYear, zone, o.locale);
  return m ? day : `${day} ${time(at, { ...o, timeZone: zone })}`;
}
