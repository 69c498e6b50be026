import { z } from 'zod';
import './zod-errors';

/** Case-folds text for search the same way on every dialect (full Unicode, not just ASCII). */
export const fold = (s: string) => s.normalize('NFC').toLowerCase();

export const foldOrNull = (s: string | null) => (s === null ? null : fold(s));

/** Shortens `s` to at most `max` characters (code points), ending in "…" when cut. */
export const clip = (s: string, max: number) => {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
};

/** Counts characters as a user does: code points, not UTF-16 units. */
export const charCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * A trimmed string of min..max characters. Lone surrogates and NUL are
 * refused: PostgreSQL cannot store NUL, and neither survives a round trip.
 */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((s) => s.isWellFormed() && !s.includes('\0'), 'Must be valid text (no NUL or unpaired surrogates)')
    .refine((s) => charCount(s) >= min, min === 1 ? 'Must not be empty' : `Must be at least ${min} characters`)
    .refine((s) => charCount(s) <= max, `Must be at most ${max} characters`);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values);

export const bool = () => z.boolean();

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Parses an ISO 8601 date-time with a zone (Z or ±hh:mm), or a plain date
 * (midnight UTC), into a canonical UTC string with milliseconds. Calendar
 * checks are explicit: Date would roll 2026-02-30 over into March. The
 * instant's UTC year must be 0001..9999, whatever year was typed: an offset
 * can carry 9999-12-31T23:59-12:00 into year 10000, which neither database
 * stores as a four-digit year nor the API could read back.
 */
export function parseIsoDateTime(input: string): string | null {
  const m = ISO_DATE_TIME.exec(input) ?? ISO_DATE.exec(input);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const date = new Date(m.length > 4 ? input : `${input}T00:00:00Z`);
  const t = date.getTime();
  if (Number.isNaN(t) || year < 1) return null;
  const utcYear = date.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return null;
  return date.toISOString();
}

export const isoDateTime = () =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'Required' : 'Must be an ISO 8601 date-time string or null') })
    .transform((s, ctx) => {
    const parsed = parseIsoDateTime(s.trim());
    if (parsed === null) {
      ctx.issues.push({
        code: 'custom',
        input: s,
        message:
          'Must be an ISO 8601 date-time with a time zone, such as 2026-03-01T17:00:00Z, or a date such as 2026-03-01',
      });
      return z.NEVER;
    }
    return parsed;
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs; anything else cannot exist and never reaches the database. */
export const isUuid = (id: string) => UUID.test(id);
