import type { Env } from '../env';
import type { Repos } from './repo';
import { createD1Repos } from './sqlite';

export type * from './repo';

/** Picks the dialect from configuration. The only place that knows both exist. */
export function createRepos(env: Env): Repos {
  return createD1Repos(env.DB);
}
