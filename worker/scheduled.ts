import { createRepos } from './db';
import type { Env } from './env';
import { createClock } from './lib/clock';
import { createTaskService } from './tasks/service';

/** Deleted tasks can be restored for this many days; then they go, with their history. */
export const KEEP_DELETED_DAYS = 30;

/**
 * The daily cron (wrangler.toml [triggers]): purges tasks deleted long enough
 * ago, and OAuth codes and tokens past their expiry (a spent refresh token is
 * kept until then, so its replay is still recognised and revokes its family).
 */
export async function scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  const clock = createClock(env.CLOCK_AT || undefined);
  const repos = createRepos(env, clock);
  try {
    const purged = await createTaskService(repos.tasks, { clock }).purge(clock(), KEEP_DELETED_DAYS);
    console.log(`purge: ${purged} task(s) deleted over ${KEEP_DELETED_DAYS} days ago`);
    const expired = await repos.oauth.purgeExpired(clock());
    console.log(`purge: ${expired} expired OAuth code(s) and token(s)`);
  } finally {
    ctx.waitUntil(repos.close());
  }
}
