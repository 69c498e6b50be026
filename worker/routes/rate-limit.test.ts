import { describe, expect, it } from 'vitest';
import { RULES, type Rule } from '../lib/rate-limit';
import { call, client, errorOf, randomIp, signup, uniqueEmail } from '../test/helpers';

const post = (path: string, body: unknown, ip: string) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip }, body: JSON.stringify(body) });

async function expect429(res: Response, maxWait: number) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('Retry-After'));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(maxWait);
  expect(await errorOf(res)).toMatchObject({ code: 'rate_limited', message: expect.stringContaining(`${retry} s`) });
}

/**
 * The limits count in fixed clock windows, so a test that straddled a window's
 * end would see its count reset half-way. Each test first waits out the end of
 * any window it depends on when that end is closer than the test could need.
 */
const CLEARANCE_MS = 20_000;
async function clearOfWindowEnd(...rules: Rule[]) {
  const left = Math.min(...rules.map((r) => r.windowSeconds * 1000 - (Date.now() % (r.windowSeconds * 1000))));
  if (left < CLEARANCE_MS) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('rate limits', { timeout: CLEARANCE_MS + 30_000 }, () => {
  it('limits logins per email, whichever address they come from, even with the right password', async () => {
    await clearOfWindowEnd(RULES.loginEmail);
    const { user } = await signup('victim');
    for (let i = 0; i < RULES.loginEmail.limit; i++) {
      expect((await post('/api/v1/auth/login', { email: user.email, password: 'guess' + i }, randomIp())).status).toBe(401);
    }
    await expect429(await post('/api/v1/auth/login', { email: user.email, password: 'correct horse battery' }, randomIp()), RULES.loginEmail.windowSeconds);
    // Another account is unaffected.
    const other = await signup('bystander');
    expect((await post('/api/v1/auth/login', { email: other.user.email, password: 'correct horse battery' }, randomIp())).status).toBe(200);
  });

  it('limits logins per client across emails', async () => {
    await clearOfWindowEnd(RULES.loginClient);
    const ip = randomIp();
    for (let i = 0; i < RULES.loginClient.limit; i++) {
      expect((await post('/api/v1/auth/login', { email: uniqueEmail('spray'), password: 'x' }, ip)).status).toBe(401);
    }
    await expect429(await post('/api/v1/auth/login', { email: uniqueEmail('spray'), password: 'x' }, ip), RULES.loginClient.windowSeconds);
    expect((await post('/api/v1/auth/login', { email: uniqueEmail('spray'), password: 'x' }, randomIp())).status).toBe(401);
  });

  it('does not count malformed requests, which cost nothing', async () => {
    await clearOfWindowEnd(RULES.loginClient);
    const ip = randomIp();
    for (let i = 0; i < RULES.loginClient.limit + 5; i++) {
      expect((await post('/api/v1/auth/login', { email: 'not an email' }, ip)).status).toBe(400);
    }
    expect((await post('/api/v1/auth/login', { email: uniqueEmail(), password: 'x' }, ip)).status).toBe(401);
  });

  it('limits signups per client and per email', async () => {
    await clearOfWindowEnd(RULES.signupClient, RULES.signupEmail);
    const ip = randomIp();
    for (let i = 0; i < RULES.signupClient.limit; i++) {
      expect((await post('/api/v1/auth/signup', { email: uniqueEmail('flood'), password: 'password123' }, ip)).status).toBe(201);
    }
    await expect429(await post('/api/v1/auth/signup', { email: uniqueEmail('flood'), password: 'password123' }, ip), RULES.signupClient.windowSeconds);

    const email = uniqueEmail('taken');
    expect((await post('/api/v1/auth/signup', { email, password: 'password123' }, randomIp())).status).toBe(201);
    for (let i = 1; i < RULES.signupEmail.limit; i++) {
      expect((await post('/api/v1/auth/signup', { email, password: 'password123' }, randomIp())).status).toBe(409);
    }
    await expect429(await post('/api/v1/auth/signup', { email, password: 'password123' }, randomIp()), RULES.signupEmail.windowSeconds);
  });

  it('limits chat messages per user, and only that user', async () => {
    await clearOfWindowEnd(RULES.chatUser);
    const [a, b] = [client((await signup('chatty')).token), client((await signup('quiet')).token)];
    for (let i = 0; i < RULES.chatUser.limit; i++) expect((await a.post('/api/v1/chat', { message: 'help' })).status).toBe(200);
    await expect429(await a.post('/api/v1/chat', { message: 'help' }), RULES.chatUser.windowSeconds);
    expect((await b.post('/api/v1/chat', { message: 'help' })).status).toBe(200);
    // The dashboard is not rate limited with the chat.
    expect((await a.get('/api/v1/tasks')).status).toBe(200);
  });
});
