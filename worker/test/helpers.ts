import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { createRepos, type Repos } from '../db';
import { app } from '../index';
import { createClock } from '../lib/clock';

export const BASE = 'http://app.test';

/** A made-up client address, so tests that sign up many users are not one rate-limited client. */
export const randomIp = () => `10.${Array.from(crypto.getRandomValues(new Uint8Array(3))).join('.')}`;

export const uniqueEmail = (tag = 'user') => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;

export interface TestUser {
  token: string;
  user: { id: string; email: string; name: string | null };
}

/**
 * Requests to the Worker under test, through its real fetch handler. With
 * `at`, the app's clock (CLOCK_AT) starts at that instant for these requests,
 * so a test can say what "today" is; without it, the app runs on the clock
 * the test run was given (CLOCK_AT from the environment, else the system's).
 * `vars` overrides other configuration for these requests.
 */
export function world(at?: string, vars: Partial<Cloudflare.Env> = {}) {
  const fetchApp = async (request: Request): Promise<Response> => {
    if (at === undefined && Object.keys(vars).length === 0) return exports.default.fetch(request);
    const ctx = createExecutionContext();
    const res = await app.fetch(request, { ...env, ...(at === undefined ? {} : { CLOCK_AT: at }), ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  const call = (path: string, init?: RequestInit) => fetchApp(new Request(`${BASE}${path}`, init));

  async function signup(tag = 'user', name?: string): Promise<TestUser> {
    const res = await call('/api/v1/auth/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': randomIp() },
      body: JSON.stringify({ email: uniqueEmail(tag), password: 'correct horse battery', name }),
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** A client bound to one token; `body` is sent as JSON. */
  function client(token: string) {
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call(path, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return {
      get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
      post: (path: string, body?: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
      patch: (path: string, body?: unknown, headers?: Record<string, string>) => send('PATCH', path, body, headers),
      put: (path: string, body?: unknown, headers?: Record<string, string>) => send('PUT', path, body, headers),
      delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
    };
  }

  /** For clients that take a fetch function (the MCP SDK's transport). */
  const fetch = (url: string | URL, init?: RequestInit) => fetchApp(new Request(url, init));

  return { call, signup, client, fetch };
}

export const { call, signup, client } = world();

/** What the app's clock reads now in this test run (CLOCK_AT, else the system clock). */
export const appNow = () => createClock(env.CLOCK_AT || undefined)();

/** A token as another issuer sharing JWT_SECRET would mint it. */
export const externalToken = (claims: Record<string, unknown>, secret = env.JWT_SECRET!) =>
  sign({ exp: Math.floor(appNow().getTime() / 1000) + 600, ...claims }, secret, 'HS256');

export async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
  return body.error;
}

/**
 * A look at what is stored, through the same repos the Worker uses, so a
 * test reads the database of whichever dialect this project runs on.
 */
export async function peek<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
  const repos = createRepos(env, appNow);
  try {
    return await fn(repos);
  } finally {
    await repos.close();
  }
}
