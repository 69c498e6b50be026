import { describe, expect, it } from 'vitest';
import { RULES } from '../lib/rate-limit';
import { errorOf, randomIp, uniqueEmail, world, type Answer } from '../test/helpers';

/**
 * Each test runs on its own app clock, pinned to the start of an hour (the
 * start of every window these limits count in), so no test can straddle a
 * window's end and see its count reset half-way, whatever the real time.
 */
function at(hour: number) {
  const w = world(`2030-06-01T${String(hour).padStart(2, '0')}:00:00Z`);
  const auth = w.api().api.v1.auth;
  const from = (ip: string) => ({ headers: { 'CF-Connecting-IP': ip } });
  const login = (email: string, password: string, ip: string) =>
    auth.login.$post({ json: { email, password } }, from(ip));
  const signupAs = (email: string, ip: string) =>
    auth.signup.$post({ json: { email, password: 'password123' } }, from(ip));
  const chat = (token: string) => w.api(token).api.v1.chat.$post({ json: { message: 'help' } });
  return { ...w, login, signupAs, chat };
}

async function expect429(res: Answer & { headers: Headers }, maxWait: number) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('Retry-After'));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(maxWait);
  expect(await errorOf(res)).toMatchObject({ code: 'rate_limited', message: expect.stringContaining(`${retry} s`) });
}

const PASSWORD = 'correct horse battery';

describe('rate limits', { timeout: 60_000 }, () => {
  it('failed logins for an email from one client stop that client, never the owner on another', async () => {
    const app = at(1);
    const { user } = await app.signup('victim');
    const attacker = randomIp();
    const owner = randomIp();
    for (let i = 0; i < RULES.loginFailEmailClient.limit; i++) {
      expect((await app.login(user.email, `guess${i}`, attacker)).status).toBe(401);
    }
    // The attacker is refused even with the right password...
    await expect429(await app.login(user.email, PASSWORD, attacker), RULES.loginFailEmailClient.windowSeconds);
    // ...while the owner, on their own client, still gets in, again and again.
    for (let i = 0; i < 3; i++) expect((await app.login(user.email, PASSWORD, owner)).status).toBe(200);
    // Successful logins never count as failures.
    expect((await app.login(user.email, 'one typo', owner)).status).toBe(401);
  });

  it('failures for one email from many clients lock it only at a much higher count', async () => {
    const app = at(2);
    const { user } = await app.signup('target');
    const { limit } = RULES.loginFailEmail;
    expect(limit).toBeGreaterThanOrEqual(5 * RULES.loginFailEmailClient.limit);
    for (let i = 0; i < limit; i++) expect((await app.login(user.email, `spray${i}`, randomIp())).status).toBe(401);
    await expect429(await app.login(user.email, PASSWORD, randomIp()), RULES.loginFailEmail.windowSeconds);
    // Another account is unaffected.
    const other = await app.signup('bystander');
    expect((await app.login(other.user.email, PASSWORD, randomIp())).status).toBe(200);
  });

  it('limits logins per client across emails', async () => {
    const app = at(3);
    const ip = randomIp();
    for (let i = 0; i < RULES.loginClient.limit; i++) {
      expect((await app.login(uniqueEmail('spray'), 'x', ip)).status).toBe(401);
    }
    await expect429(await app.login(uniqueEmail('spray'), 'x', ip), RULES.loginClient.windowSeconds);
    expect((await app.login(uniqueEmail('spray'), 'x', randomIp())).status).toBe(401);
  });

  it('does not count malformed requests, which cost nothing', async () => {
    const app = at(4);
    const ip = randomIp();
    for (let i = 0; i < RULES.loginClient.limit + 5; i++) {
      // Raw: a login without a password, which the typed client refuses to send.
      const res = await app.call('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
        body: JSON.stringify({ email: 'not an email' }),
      });
      expect(res.status).toBe(400);
    }
    expect((await app.login(uniqueEmail(), 'x', ip)).status).toBe(401);
  });

  it('limits signups per client and per email', async () => {
    const app = at(5);
    const ip = randomIp();
    for (let i = 0; i < RULES.signupClient.limit; i++) {
      expect((await app.signupAs(uniqueEmail('flood'), ip)).status).toBe(201);
    }
    await expect429(await app.signupAs(uniqueEmail('flood'), ip), RULES.signupClient.windowSeconds);

    const email = uniqueEmail('taken');
    expect((await app.signupAs(email, randomIp())).status).toBe(201);
    for (let i = 1; i < RULES.signupEmail.limit; i++) {
      expect((await app.signupAs(email, randomIp())).status).toBe(409);
    }
    await expect429(await app.signupAs(email, randomIp()), RULES.signupEmail.windowSeconds);
  });

  it('limits chat messages per user, and only that user', async () => {
    const app = at(6);
    const [a, b] = [(await app.signup('chatty')).token, (await app.signup('quiet')).token];
    for (let i = 0; i < RULES.chatUser.limit; i++) expect((await app.chat(a)).status).toBe(200);
    await expect429(await app.chat(a), RULES.chatUser.windowSeconds);
    expect((await app.chat(b)).status).toBe(200);
    // The dashboard is not rate limited with the chat.
    expect((await app.api(a).api.v1.tasks.$get({ query: {} })).status).toBe(200);
  });
});
