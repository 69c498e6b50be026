import { sql, type AnyColumn } from 'drizzle-orm';
import type { RateLimitRepo } from '../repo';
import type { NewRow, Row } from './rows';
import type { UpsertStatement } from './statements';

/** The rate-limit table on either dialect, upserted on its key. */
export type RateLimitStatements<K extends AnyColumn> = UpsertStatement<Row<'rateLimits'>, NewRow<'rateLimits'>, K>;

export function createRateLimitRepo<K extends AnyColumn>(limits: RateLimitStatements<K>): RateLimitRepo {
  const r = limits.table;
  // A new window restarts the count, the same window adds to it. `excluded`
  // is the row the insert proposed (its count is the hit's weight), on both
  // SQLite and Postgres; the upsert makes the hit atomic.
  const hit = {
    count: sql`case when ${r.windowStart} = excluded.window_start
      then ${r.count} + excluded.count else excluded.count end`,
    windowStart: sql`excluded.window_start`,
  };
  return {
    async hit(key, windowStart, by = 1) {
      const [row] = await limits
        .insert()
        .values({ key, windowStart, count: by })
        .onConflictDoUpdate({ target: limits.conflict, set: hit })
        .returning();
      return row!.count;
    },
  };
}
