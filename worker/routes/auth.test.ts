import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS } from '../auth/password';
import type { InferRequestType } from 'hono/client';
import {
  api,
  appNow,
  call,
  errorOf,
  externalToken,
  peek,
  randomIp,
  signup,
  uniqueEmail,
  type Answer,
} from '../test/helpers';

/** PBKDF2 of the password's code points as given, the way hashes were made before NFC. */
async function legacyHash(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ITERATIONS };
  const bits = await crypto.subtle.deriveBits(params, key, 256);
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  return ['pbkdf2-sha256', PBKDF2_ITERATIONS, b64(salt), b64(new Uint8Array(bits))].join('$');
}

const auth = api().api.v1.auth;
type Signup = InferRequestType<typeof auth.signup.$post>['json'];
type Login = InferRequestType<typeof auth.login.$post>['json'];
const from = (ip: string) => ({ headers: { 'CF-Connecting-IP': ip } });
const signupAs = (json: Signup, ip = randomIp()) => auth.signup.$post({ json }, from(ip));
const login = (json: Login, ip = randomIp()) => auth.login.$post({ json }, from(ip));

describe('POST /api/v1/auth/signup', () => {
  it('creates the account and returns a working token', async () => {
    const email = uniqueEmail('Ann');
    const res = await signupAs({ email, password: 'password123', name: 'Ann' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ann' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.user).not.toHaveProperty('password_hash');
    const me = await api(body.token).api.v1.auth.me.$get();
    expect(me.status).toBe(200);
    expect((await me.json()).user).toEqual(body.user);
  });

  it('stores a salted PBKDF2 hash at the production ceiling, never the password', async () => {
    const email = uniqueEmail();
    await signupAs({ email, password: 'same password' });
    const email2 = uniqueEmail();
    await signupAs({ email: email2, password: 'same password' });
    const [a, b] = await peek((repos) =>
      Promise.all([email, email2].map(async (e) => (await repos.users.findByEmail(e))!.passwordHash)),
    );
    expect(a).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$`));
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('answers 409 for a taken email, whatever its case', async () => {
    const email = uniqueEmail('dup');
    expect((await signupAs({ email, password: 'password123' })).status).toBe(201);
    const res = await signupAs({ email: `  ${email.toUpperCase()} `, password: 'password123' });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'conflict' });
  });

  const expectNamed = async (res: Answer, field: string) => {
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_error');
    expect(error.issues?.map((i) => i.path)).toContain(field);
  };

  it.each<[Signup, string]>([
    [{ email: 'not-an-email', password: 'password123' }, 'email'],
    [{ email: uniqueEmail(), password: 'short' }, 'password'],
    [{ email: uniqueEmail(), password: 'x'.repeat(129) }, 'password'],
    [{ email: uniqueEmail(), password: 'password123', name: 'n'.repeat(101) }, 'name'],
  ])('answers 400 naming the field for %j', async (json, field) => {
    await expectNamed(await signupAs(json), field);
  });

  // Raw: a number for the password and a missing email, which the typed client refuses to send.
  it.each([
    [{ email: uniqueEmail(), password: 12345678 }, 'password'],
    [{ password: 'password123' }, 'email'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await call('/api/v1/auth/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': randomIp() },
      body: JSON.stringify(body),
    });
    await expectNamed(res, field);
  });
});

describe('POST /api/v1/auth/login', () => {
  it('logs in with any case of the email', async () => {
    const { user } = await signup('login');
    const res = await login({ email: user.email.toUpperCase(), password: 'correct horse battery' });
    expect(res.status).toBe(200);
    expect((await res.json()).user.id).toBe(user.id);
  });

  it('compares passwords after Unicode NFC normalisation, whichever form was typed', async () => {
    const nfc = 'caf\u00e9 au lait 1';
    const nfd = 'cafe\u0301 au lait 1';
    expect(nfc).not.toBe(nfd);
    expect(nfc.normalize('NFC')).toBe(nfd.normalize('NFC'));
    const email = uniqueEmail('nfc');
    expect((await signupAs({ email, password: nfd })).status).toBe(201);
    expect((await login({ email, password: nfc })).status).toBe(200);
    expect((await login({ email, password: nfd })).status).toBe(200);
    expect((await login({ email, password: 'cafe au lait 1' })).status).toBe(401);
  });

  it('still accepts a password hashed as typed before normalisation, typed the same way', async () => {
    const nfd = 'cre\u0300me bru\u0302le\u0301e';
    const email = uniqueEmail('legacy');
    // A hash of the raw code points, as stored before passwords were normalised.
    const legacy = await legacyHash(nfd);
    await peek((repos) => repos.users.create({ email, name: null, passwordHash: legacy }));
    expect((await login({ email, password: nfd })).status).toBe(200);
    expect((await login({ email, password: 'wrong' })).status).toBe(401);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const { user } = await signup('login');
    const wrong = await login({ email: user.email, password: 'wrong password' });
    const unknown = await login({ email: uniqueEmail('nobody'), password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
  });
});

describe('tokens', () => {
  const me = (token: string) => api(token).api.v1.auth.me.$get();
  const inAMinute = () => Math.floor(appNow().getTime() / 1000) + 60;

  it('requires a bearer token', async () => {
    const res = await api().api.v1.auth.me.$get();
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
    const basic = await api().api.v1.tasks.$get({ query: {} }, { headers: { Authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });

  it.each([
    ['garbage', async () => 'not.a.jwt'],
    ['another secret', async () => externalToken({ sub: 'u1' }, 'another-secret-another-secret-0123456789')],
    ['expired', async () => externalToken({ sub: 'u1', exp: Math.floor(appNow().getTime() / 1000) - 10 })],
    ['no exp', async () => sign({ sub: 'u1' }, env.JWT_SECRET!, 'HS256')],
    ['no sub', async () => externalToken({})],
    ['HS512', async () => sign({ sub: 'u1', exp: inAMinute() }, env.JWT_SECRET!, 'HS512')],
    [
      'alg none',
      async () => {
        const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1', exp: inAMinute() })}.`;
      },
    ],
  ])('refuses a token that is %s', async (_, make) => {
    const res = await me(await make());
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
  });

  it('accepts a token from another issuer that shares the secret', async () => {
    const token = await externalToken({ sub: 'external-user-42', email: 'ext@example.com' });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { id: 'external-user-42', email: 'ext@example.com', name: null, created_at: null },
    });
    const created = await api(token).api.v1.tasks.$post({ json: { title: 'from elsewhere' } });
    expect(created.status).toBe(201);
    expect((await created.json()).user_id).toBe('external-user-42');
  });
});
