import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepos } from '../db';
import { AppError } from './errors';
import { createRateLimiter, RULES } from './rate-limit';

// One set of repos for the file, released at the end (a Postgres pool on worker-pg).
const repos = createRepos(env);
afterAll(() => repos.close());
const limiter = () => createRateLimiter(repos.limits, true);
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe('rate limiter', () => {
  it('allows the limit in a window, refuses the next with the seconds left, and resets with the window', async () => {
    const rl = limiter();
    const key = crypto.randomUUID();
    const { limit, windowSeconds } = RULES.chatUser;
    const start = Math.floor(Date.now() / (windowSeconds * 1000) + 1) * windowSeconds * 1000;
    for (let i = 0; i < limit; i++) await rl.check([['chatUser', key]], start + i);
    const err = await refusal(rl.check([['chatUser', key]], start + 15_000));
    expect(err?.status).toBe(429);
    expect(err?.code).toBe('rate_limited');
    expect(err?.headers).toEqual({ 'Retry-After': String(windowSeconds - 15) });
    await expect(rl.check([['chatUser', key]], start + windowSeconds * 1000)).resolves.toBeUndefined();
  });

  it('keeps keys and rules apart, and reports the longest wait when several are over', async () => {
    const rl = limiter();
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const now = Date.now();
    for (let i = 0; i < RULES.loginEmail.limit; i++) await rl.check([['loginEmail', a]], now);
    await expect(rl.check([['loginEmail', b]], now)).resolves.toBeUndefined();
    await expect(rl.check([['chatUser', a]], now)).resolves.toBeUndefined();
    const err = await refusal(rl.check([['loginClient', b], ['loginEmail', a]], now));
    expect(Number(err?.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(Number(err?.headers?.['Retry-After'])).toBeLessThanOrEqual(RULES.loginEmail.windowSeconds);
  });

  it('does nothing when switched off', async () => {
    const rl = createRateLimiter(repos.limits, false);
    for (let i = 0; i < 100; i++) await rl.check([['chatUser', 'off']]);
  });
});
