import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS } from '../auth/password';
import { appNow, call, client, errorOf, externalToken, peek, randomIp, signup, uniqueEmail } from '../test/helpers';

/** PBKDF2 of the password's code points as given, the way hashes were made before NFC. */
async function legacyHash(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ITERATIONS }, key, 256);
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  return ['pbkdf2-sha256', PBKDF2_ITERATIONS, b64(salt), b64(new Uint8Array(bits))].join('$');
}

const post = (path: string, body: unknown, ip = randomIp()) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip }, body: JSON.stringify(body) });

describe('POST /api/v1/auth/signup', () => {
  it('creates the account and returns a working token', async () => {
    const email = uniqueEmail('Ann');
    const res = await post('/api/v1/auth/signup', { email, password: 'password123', name: 'Ann' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; user: Record<string, unknown> };
    expect(body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ann' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.user).not.toHaveProperty('password_hash');
    const me = await client(body.token).get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toEqual(body.user);
  });

  it('stores a salted PBKDF2 hash at the production ceiling, never the password', async () => {
    const email = uniqueEmail();
    await post('/api/v1/auth/signup', { email, password: 'same password' });
    const email2 = uniqueEmail();
    await post('/api/v1/auth/signup', { email: email2, password: 'same password' });
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
    expect((await post('/api/v1/auth/signup', { email, password: 'password123' })).status).toBe(201);
    const res = await post('/api/v1/auth/signup', { email: `  ${email.toUpperCase()} `, password: 'password123' });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'conflict' });
  });

  it.each([
    [{ email: 'not-an-email', password: 'password123' }, 'email'],
    [{ email: uniqueEmail(), password: 'short' }, 'password'],
    [{ email: uniqueEmail(), password: 'x'.repeat(129) }, 'password'],
    [{ email: uniqueEmail(), password: 12345678 }, 'password'],
    [{ password: 'password123' }, 'email'],
    [{ email: uniqueEmail(), password: 'password123', name: 'n'.repeat(101) }, 'name'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await post('/api/v1/auth/signup', body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_error');
    expect(error.issues?.map((i) => i.path)).toContain(field);
  });
});

describe('POST /api/v1/auth/login', () => {
  it('logs in with any case of the email', async () => {
    const { user } = await signup('login');
    const res = await post('/api/v1/auth/login', { email: user.email.toUpperCase(), password: 'correct horse battery' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it('compares passwords after Unicode NFC normalisation, whichever form was typed', async () => {
    const nfc = 'caf\u00e9 au lait 1';
    const nfd = 'cafe\u0301 au lait 1';
    expect(nfc).not.toBe(nfd);
    expect(nfc.normalize('NFC')).toBe(nfd.normalize('NFC'));
    const email = uniqueEmail('nfc');
    expect((await post('/api/v1/auth/signup', { email, password: nfd })).status).toBe(201);
    expect((await post('/api/v1/auth/login', { email, password: nfc })).status).toBe(200);
    expect((await post('/api/v1/auth/login', { email, password: nfd })).status).toBe(200);
    expect((await post('/api/v1/auth/login', { email, password: 'cafe au lait 1' })).status).toBe(401);
  });

  it('still accepts a password hashed as typed before normalisation, typed the same way', async () => {
    const nfd = 'cre\u0300me bru\u0302le\u0301e';
    const email = uniqueEmail('legacy');
    // A hash of the raw code points, as stored before passwords were normalised.
    const legacy = await legacyHash(nfd);
    await peek((repos) => repos.users.create({ email, name: null, passwordHash: legacy }));
    expect((await post('/api/v1/auth/login', { email, password: nfd })).status).toBe(200);
    expect((await post('/api/v1/auth/login', { email, password: 'wrong' })).status).toBe(401);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const { user } = await signup('login');
    const wrong = await post('/api/v1/auth/login', { email: user.email, password: 'wrong password' });
    const unknown = await post('/api/v1/auth/login', { email: uniqueEmail('nobody'), password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
  });
});

describe('tokens', () => {
  const me = (token: string) => client(token).get('/api/v1/auth/me');

  it('requires a bearer token', async () => {
    const res = await call('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
    expect((await call('/api/v1/tasks', { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
  });

  it.each([
    ['garbage', async () => 'not.a.jwt'],
    ['another secret', async () => externalToken({ sub: 'u1' }, 'another-secret-another-secret-0123456789')],
    ['expired', async () => externalToken({ sub: 'u1', exp: Math.floor(appNow().getTime() / 1000) - 10 })],
    ['no exp', async () => sign({ sub: 'u1' }, env.JWT_SECRET!, 'HS256')],
    ['no sub', async () => externalToken({})],
    ['HS512', async () => sign({ sub: 'u1', exp: Math.floor(appNow().getTime() / 1000) + 60 }, env.JWT_SECRET!, 'HS512')],
    [
      'alg none',
      async () => {
        const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1', exp: Math.floor(appNow().getTime() / 1000) + 60 })}.`;
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
    const created = await client(token).post('/api/v1/tasks', { title: 'from elsewhere' });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { user_id: string }).user_id).toBe('external-user-42');
  });
});
