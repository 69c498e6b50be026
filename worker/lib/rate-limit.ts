import type { RateLimitRepo } from '../db';
import { tooManyRequests } from './errors';

export interface Rule {
  limit: number;
  windowSeconds: number;
}

/**
 * Per client (IP) and per email for the auth routes, to slow down password
 * guessing and signup floods from one place or against one account; per user
 * for the chat, whose every message may call a paid model.
 */
export const RULES = {
  signupClient: { limit: 20, windowSeconds: 3600 },
  signupEmail: { limit: 5, windowSeconds: 3600 },
  loginClient: { limit: 30, windowSeconds: 600 },
  loginEmail: { limit: 10, windowSeconds: 600 },
  chatUser: { limit: 30, windowSeconds: 60 },
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/** The client's address as Cloudflare reports it; one shared bucket when there is none (local tools). */
export const clientKey = (headers: { get(name: string): string | null | undefined }) =>
  headers.get('CF-Connecting-IP') ?? 'unknown';

export function createRateLimiter(repo: RateLimitRepo, enabled: boolean) {
  return {
    /** Counts a hit under every (rule, key); over any limit -> 429 with the longest Retry-After. */
    async check(hits: [RuleName, string][], now = Date.now()): Promise<void> {
      if (!enabled) return;
      let retryAfter = 0;
      for (const [name, key] of hits) {
        const rule: Rule = RULES[name];
        const windowMs = rule.windowSeconds * 1000;
        const windowStart = Math.floor(now / windowMs) * windowMs;
        const count = await repo.hit(`${name}:${key}`, windowStart);
        if (count > rule.limit) retryAfter = Math.max(retryAfter, Math.ceil((windowStart + windowMs - now) / 1000));
      }
      if (retryAfter > 0) throw tooManyRequests(retryAfter);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
