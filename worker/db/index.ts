import type { Env } from '../env';
import { systemClock, type Clock } from '../lib/clock';
import { createPgRepos } from './pg';
import type { Repos } from './repo';
import { createD1Repos } from './sqlite';

export type * from './repo';

/**
 * Picks the dialect from configuration: DATABASE_URL set means Postgres
 * (Neon), otherwise the D1 binding. The only place that knows both exist.
 */
export function createRepos(env: Env, clock: Clock = systemClock): Repos {
  if (env.DATABASE_URL) return createPgRepos(env.DATABASE_URL, { wsProxy: env.NEON_WS_PROXY || undefined, clock });
  return createD1Repos(env.DB, clock);
}
