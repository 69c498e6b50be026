import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app';
import { createOAuthService } from '../auth/oauth';
import { createAuthService } from '../auth/service';
import { createTokenService } from '../auth/tokens';
import { createConversationService } from '../chat/conversations';
import { createRepos } from '../db';
import { createClock } from '../lib/clock';
import { createRateLimiter } from '../lib/rate-limit';
import { createLive } from '../live';
import { parseEnv } from '../env';
import { createTaskService } from '../tasks/service';

/** Closes once everything held has settled, including work held while waiting. */
async function closeWhenSettled(held: Promise<unknown>[], close: () => Promise<void>) {
  for (let seen = -1; seen !== held.length; ) {
    seen = held.length;
    await Promise.allSettled(held);
  }
  await close();
}

/**
 * Builds the request's repositories and the services over them. Per request,
 * not per isolate: a Postgres pool cannot outlive the request that opened it.
 * Handlers get services, never the repositories: every rule stays in a service.
 */
export const services = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const clock = createClock(c.env.CLOCK_AT || undefined);
    const repos = createRepos(c.env, clock);
    c.set('clock', clock);
    c.set('database', { dialect: repos.dialect, ping: () => repos.ping() });
    const live = createLive(c.env.LIVE, clock, (p) => c.executionCtx.waitUntil(p));
    c.set('live', live);
    // REST writes are the dashboard's when it says so (X-Source), else some other API client's.
    const source = c.req.header('X-Source') === 'dashboard' ? 'dashboard' : 'api';
    c.set('tasks', createTaskService(repos.tasks, { clock, source, notify: live.notify }));
    c.set('conversations', createConversationService(repos.conversations, repos.pending));
    c.set('limiter', createRateLimiter(repos.limits, c.env.RATE_LIMITS !== 'off', clock));
    // The secret is read on use, so /api/health answers even without JWT_SECRET.
    c.set(
      'auth',
      createAuthService(repos.users, () => parseEnv(c.env).JWT_SECRET, clock),
    );
    c.set('personalTokens', createTokenService(repos.personalTokens, clock));
    // Every OAuth token is for this app's /mcp (RFC 8707 audience), named by the origin it was asked on.
    c.set('oauth', createOAuthService(repos.oauth, clock, `${new URL(c.req.url).origin}/mcp`));
    // Work that outlives the response (a streamed chat turn) holds the connection open.
    const held: Promise<unknown>[] = [];
    c.set('keepAlive', (work) => {
      held.push(work);
      c.executionCtx.waitUntil(work.catch(() => {}));
    });
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(closeWhenSettled(held, () => repos.close()));
    }
  });
