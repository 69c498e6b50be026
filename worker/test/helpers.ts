import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { hc, type ClientResponse } from 'hono/client';
import { sign } from 'hono/jwt';
import { expect } from 'vitest';
import { z } from 'zod';
import { createRepos, type Repos } from '../db';
import { app, type AppType } from '../index';
import { createClock } from '../lib/clock';
import { outputOf, type ToolName, type ToolOutput } from '../tools';
import type { ToolAction } from '../tools/tool';

export const BASE = 'http://app.test';

/** A made-up client address, so tests that sign up many users are not one rate-limited client. */
export const randomIp = () => `10.${Array.from(crypto.getRandomValues(new Uint8Array(3))).join('.')}`;

export const uniqueEmail = (tag = 'user') => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;

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

  /** A raw request, for what the typed client cannot send: malformed bodies, wrong types, odd paths and headers. */
  const call = (path: string, init?: RequestInit) => fetchApp(new Request(`${BASE}${path}`, init));

  /** For clients that take a fetch function (the MCP SDK's transport, hono's client). */
  const fetch = (url: string | URL | Request, init?: RequestInit) => fetchApp(new Request(url, init));

  /**
   * The typed client, as the UI has it: `hc<AppType>` over the Worker's real
   * fetch, so paths, inputs and `await res.json()` are checked against the
   * routes. With a token, every request carries it unless it sets its own
   * Authorization. (Not through hc's `headers` option: a call passing
   * `{ headers: undefined }` would replace it, dropping the token.)
   *
   * @example const res = await api(token).api.v1.tasks.$post({ json: { title: 'x' } });
   */
  const api = (token?: string) =>
    hc<AppType>(BASE, {
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        const request = new Request(url, init);
        if (token !== undefined && !request.headers.has('Authorization')) {
          request.headers.set('Authorization', `Bearer ${token}`);
        }
        return fetchApp(request);
      },
    });

  async function signup(tag = 'user', name?: string) {
    const res = await api().api.v1.auth.signup.$post(
      { json: { email: uniqueEmail(tag), password: 'correct horse battery', name } },
      { headers: { 'CF-Connecting-IP': randomIp() } },
    );
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** An untyped client bound to one token, paths as strings; `body` is sent as JSON. */
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

  return { call, signup, client, fetch, api };
}

export const { call, signup, client, api } = world();

/** A signed-up user: the token and the user the signup route answers with. */
export type TestUser = Awaited<ReturnType<typeof signup>>;
/** The typed client of `api(token)`. */
export type Api = ReturnType<typeof api>;

/** What the app's clock reads now in this test run (CLOCK_AT, else the system clock). */
export const appNow = () => createClock(env.CLOCK_AT || undefined)();

/** A token as another issuer sharing JWT_SECRET would mint it. */
export const externalToken = (claims: Record<string, unknown>, secret = env.JWT_SECRET!) =>
  sign({ exp: Math.floor(appNow().getTime() / 1000) + 600, ...claims }, secret, 'HS256');

/** The members of a typed response that can have `status` (of the list's 200 | 304, the 200). */
type WithStatus<R, S extends number> = R & { status: S };

/** Any response with a status and a body: a typed one, or a raw `Response`. */
export type Answer = { status: number; json(): Promise<unknown> };

const hasStatus = <R extends { status: number }, S extends number>(res: R, status: S): res is WithStatus<R, S> =>
  res.status === status;

/**
 * Expects `status` (showing the body if it differs) and narrows the typed
 * response to it, so its json() is the body the route answers with then.
 */
export async function expectStatus<R extends ClientResponse<unknown, number, string>, const S extends R['status']>(
  res: R | Promise<R>,
  status: S,
): Promise<WithStatus<R, S>> {
  const r = await res;
  if (hasStatus(r, status)) return r;
  expect(r.status, await r.clone().text()).toBe(status);
  throw new Error('unreachable');
}

type AnyResponse = ClientResponse<unknown, number>;
/** What a typed response's json() resolves to. */
type BodyOf<R> = R extends ClientResponse<infer T, number, 'json'> ? T : unknown;

/** The typed body of a response expected to have `status`. */
export function jsonOf<R extends ClientResponse<unknown, number, string>, const S extends R['status']>(
  res: R | Promise<R>,
  status: S,
): Promise<BodyOf<WithStatus<R, S>>>;
export async function jsonOf(res: AnyResponse | Promise<AnyResponse>, status: number) {
  return (await expectStatus(res, status)).json();
}

/** The error envelope `{error: {code, message, issues?, ...}}`; extra fields (a chat's conversation_id) kept. */
const ErrorEnvelope = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/**
 * The `error` of an error response, checked to be the envelope. Takes any
 * response: the typed client's types only know a route's successes (errors
 * are thrown and answered by onError), so its json() is typed as one.
 */
export async function errorOf(res: Pick<Answer, 'json'>) {
  return ErrorEnvelope.parse(await res.json()).error;
}

/**
 * A recorded tool call's output as the tool `name` answers it: fails the test
 * if the call went to another tool or its output is not that tool's shape.
 */
export function outputIn<N extends ToolName>(action: ToolAction | undefined, name: N): ToolOutput<N> {
  expect(action?.tool).toBe(name);
  const output = action && outputOf(action, name);
  // Parsing drops keys the schema does not know: the output must have had none.
  expect(output).toEqual(action?.output);
  if (output === undefined) throw new Error(`no ${name} output in ${JSON.stringify(action)}`);
  return output;
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
