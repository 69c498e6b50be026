/**
 * Rows as drizzle reads and writes them. Both schemas declare the same
 * tables (schema-parity.test.ts holds them to it, for tsc too), so a row has
 * one TypeScript type whichever dialect runs, and code in this folder builds
 * and maps rows once for both.
 */
import type * as pg from '../pg/schema';
import type * as d1 from '../sqlite/schema';

type Tables = keyof typeof d1 & keyof typeof pg;

/** A row of `T` as drizzle reads it, from either dialect. */
export type Row<T extends Tables> = (typeof d1)[T]['$inferSelect'] | (typeof pg)[T]['$inferSelect'];

/** A row of `T` as drizzle writes it, to either dialect. */
export type NewRow<T extends Tables> = (typeof d1)[T]['$inferInsert'] | (typeof pg)[T]['$inferInsert'];

// Each driver hands back Dates through its drizzle column types; the seam speaks ISO strings.
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
