import type { RateLimitRepo } from '../db';
import { systemClock, type Clock } from './clock';
import { tooManyRequests } from './errors';

export interface Rule {
  limit: number;
  windowSeconds: number;
}

/**
 * Signups per client and per email slow down floods from one place or
 * against one address. Failed logins count per (email, client) strictly and
 * per email alone only at a much higher count, so whoever guesses someone's
 * password from elsewhere cannot lock its owner out; every login attempt also
 * counts per client. Chat messages (each may call a paid model) and MCP tool
 * calls count per user, whatever the credential (login JWT, personal access
 * token or OAuth access token).
 */
export const RULES = {
  signupClient: { limit: 20, windowSeconds: 3600 },
  signupEmail: { limit: 5, windowSeconds: 3600 },
  loginClient: { limit: 30, windowSeconds: 600 },
  loginFailEmailClient: { limit: 10, windowSeconds: 600 },
  loginFailEmail: { limit: 100, windowSeconds: 600 },
  chatUser: { limit: 30, windowSeconds: 60 },
  mcpToolUser: { limit: 600, windowSeconds: 60 },
  // Registration is open to anyone (RFC 7591), so it is throttled per client address.
  oauthRegisterClient: { limit: 20, windowSeconds: 3600 },
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;
export type Hit = [RuleName, string];

/** The client's address as Cloudflare reports it; one shared bucket when there is none (local tools). */
export const clientKey = (headers: { get(name: string): string | null | undefined }) =>
  headers.get('CF-Connecting-IP') ?? 'unknown';

export function createRateLimiter(repo: RateLimitRepo, enabled: boolean, clock: Clock = systemClock) {
  /** Adds `by` under every (rule, key); refuses (429, the longest Retry-After) when a count passes `limit + allow`. */
  async function count(hits: Hit[], by: number, allow: number): Promise<void> {
    if (!enabled) return;
    const now = clock().getTime();
    let retryAfter = 0;
    for (const [name, key] of hits) {
      const rule: Rule = RULES[name];
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const total = await repo.hit(`${name}:${key}`, windowStart, by);
      if (total > rule.limit + allow)
        retryAfter = Math.max(retryAfter, Math.ceil((windowStart + windowMs - now) / 1000));
    }
    if (retryAfter > 0) throw tooManyRequests(retryAfter);
  }

  return {
    /** Counts `weight` hits (one request, or each call in it) and refuses what goes over a limit. */
    check: (hits: Hit[], weight = 1) => count(hits, weight, 0),
    /** Refuses once a count has reached its limit, without counting (before an attempt whose failures count). */
    guard: (hits: Hit[]) => count(hits, 0, -1),
    /** Counts a failure; the next `guard` refuses once there are too many. */
    fail: (hits: Hit[]) => count(hits, 1, Number.POSITIVE_INFINITY),
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
