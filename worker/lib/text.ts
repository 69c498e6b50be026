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

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

export const bool = () => z.boolean();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs; anything else cannot exist and never reaches the database. */
export const isUuid = (id: string) => UUID.test(id);
