import { z } from 'zod';
import './zod-errors';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether a due date is a calendar day (all-day, `YYYY-MM-DD`) rather than an instant. */
export const isDay = (due: string) => DAY.test(due);

// Calendar checks are explicit: Date would roll 2026-02-30 over into March.
const realDate = (year: number, month: number, day: number) =>
  year >= 1 &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() &&
  !(month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)));

/** A calendar day `YYYY-MM-DD` (years 0001..9999), as given, or null. */
export function parseDay(input: string): string | null {
  const m = DAY.exec(input);
  return m && realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? input : null;
}

/**
 * An ISO 8601 date-time with a zone (Z or ±hh:mm) as a canonical UTC string
 * with milliseconds, or null. The instant's UTC year must be 0001..9999,
 * whatever year was typed: an offset can carry 9999-12-31T23:59-12:00 into
 * year 10000, which neither database stores as a four-digit year nor the API
 * could read back.
 */
export function parseInstant(input: string): string | null {
  const m = DATE_TIME.exec(input);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  if (!realDate(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const date = new Date(input);
  if (Number.isNaN(date.getTime())) return null;
  const utcYear = date.getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? date.toISOString() : null;
}

/** A due date: a calendar day (all-day), or an instant. */
export const parseDue = (input: string) => parseDay(input) ?? parseInstant(input);

const parsed = (parse: (s: string) => string | null, what: string, message: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? 'Required' : `Must be ${what}`) }).transform((s, ctx) => {
    const value = parse(s.trim());
    if (value === null) {
      ctx.issues.push({ code: 'custom', input: s, message });
      return z.NEVER;
    }
    return value;
  });

/** A due date in a body: `YYYY-MM-DD` for all day, or a date-time with a zone (stored as its UTC instant). */
export const dueDate = () =>
  parsed(
    parseDue,
    'a date (2026-03-01), a date-time with a zone, or null',
    'Must be a date such as 2026-03-01 (all day) or an ISO 8601 date-time with a time zone, such as 2026-03-01T17:00:00Z',
  );

/** An instant in a body (a task's updated_at, say): a date-time with a zone. */
export const instant = () =>
  parsed(
    parseInstant,
    'an ISO 8601 date-time string',
    'Must be an ISO 8601 date-time with a time zone, such as 2026-03-01T17:00:00Z',
  );
