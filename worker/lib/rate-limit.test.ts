import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepos } from '../db';
import type { AppError } from './errors';
import { createRateLimiter, RULES } from './rate-limit';

// One set of repos for the file, released at the end (a Postgres pool on worker-pg).
const repos = createRepos(env);
afterAll(() => repos.close());

/** A limiter on a clock the test moves by hand, starting at a window's start. */
function limiterAt(start: string) {
  const clock = { t: Date.parse(start) };
  return { clock, rl: createRateLimiter(repos.limits, true, () => new Date(clock.t)) };
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('rate limiter', () => {
  it('allows the limit in a window, refuses the next with the seconds left, and resets with the window', async () => {
    const { clock, rl } = limiterAt('2030-01-01T10:00:00Z');
    const start = clock.t;
    const key = crypto.randomUUID();
    const { limit, windowSeconds } = RULES.chatUser;
    for (let i = 0; i < limit; i++) await rl.check([['chatUser', key]]);
    clock.t = start + 15_000;
    const err = await refusal(rl.check([['chatUser', key]]));
    expect(err?.status).toBe(429);
    expect(err?.code).toBe('rate_limited');
    expect(err?.headers).toEqual({ 'Retry-After': String(windowSeconds - 15) });
    clock.t = start + windowSeconds * 1000;
    await expect(rl.check([['chatUser', key]])).resolves.toBeUndefined();
  });

  it('keeps keys and rules apart, and reports the longest wait when several are over', async () => {
    const { clock, rl } = limiterAt('2030-01-01T11:00:00Z');
    clock.t += 30_000;
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    for (let i = 0; i < RULES.loginClient.limit; i++) await rl.check([['loginClient', a]]);
    for (let i = 0; i < RULES.chatUser.limit; i++) await rl.check([['chatUser', b]]);
    await expect(rl.check([['loginClient', b]])).resolves.toBeUndefined();
    await expect(rl.check([['chatUser', a]])).resolves.toBeUndefined();
    const err = await refusal(
      rl.check([
        ['chatUser', b],
        ['loginClient', a],
      ]),
    );
    expect(err?.headers).toEqual({ 'Retry-After': String(RULES.loginClient.windowSeconds - 30) });
  });

  it('counts a weighted hit as that many', async () => {
    const { rl } = limiterAt('2030-01-01T12:00:00Z');
    const key = crypto.randomUUID();
    await rl.check([['mcpToolUser', key]], RULES.mcpToolUser.limit - 1);
    await expect(rl.check([['mcpToolUser', key]])).resolves.toBeUndefined();
    expect((await refusal(rl.check([['mcpToolUser', key]], 2)))?.status).toBe(429);
  });

  it('guard refuses only once failures have reached the limit, and counts nothing itself', async () => {
    const { rl } = limiterAt('2030-01-01T13:00:00Z');
    const key = crypto.randomUUID();
    for (let i = 0; i < 50; i++) await rl.guard([['loginFailEmailClient', key]]);
    for (let i = 0; i < RULES.loginFailEmailClient.limit - 1; i++) await rl.fail([['loginFailEmailClient', key]]);
    await expect(rl.guard([['loginFailEmailClient', key]])).resolves.toBeUndefined();
    // fail never refuses: the failure has already happened.
    await expect(rl.fail([['loginFailEmailClient', key]])).resolves.toBeUndefined();
    expect((await refusal(rl.guard([['loginFailEmailClient', key]])))?.status).toBe(429);
  });

  it('does nothing when switched off', async () => {
    const rl = createRateLimiter(repos.limits, false);
    for (let i = 0; i < 100; i++) await rl.check([['chatUser', 'off']]);
  });
});
