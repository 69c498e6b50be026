import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types';
import { createRepos } from '../db';
import { createTaskService } from '../tasks/service';
import { createToolbox, TOOLS } from '../tools';
import { HOSTILE_TEXT, hostileJson, RAW_BODIES, WRONG_VALUES } from '../test/fuzz';
import {
  api,
  appNow,
  call,
  errorOf,
  externalToken,
  jsonOf,
  signup,
  uniqueEmail,
  type Answer,
  type TestUser,
} from '../test/helpers';

/**
 * Hostile input over every route and tool. Wrong input must get a 4xx in the
 * error envelope, never a 5xx, and must leave everything stored as it was.
 */

let alice: TestUser;
let bob: TestUser;
let aliceTask: Task;
let conversation: string;

async function snapshot() {
  const state: unknown[] = [];
  for (const u of [alice, bob]) {
    const c = api(u.token);
    state.push(await jsonOf(c.api.v1.tasks.$get({ query: { limit: '500' } }), 200));
    const convos = await jsonOf(c.api.v1.conversations.$get(), 200);
    state.push(convos);
    for (const cv of convos) {
      state.push(await jsonOf(c.api.v1.conversations[':id'].messages.$get({ param: { id: cv.id } }), 200));
    }
  }
  return JSON.stringify(state);
}

async function expectRefused(res: Answer & { clone(): Response }, context: string) {
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  const text = await res.clone().text();
  const error = await errorOf(res);
  expect(error.code, context).toMatch(/^[a-z_]+$/);
  expect(typeof error.message, context).toBe('string');
  expect(text, context).not.toMatch(/at \w+ \(|\.ts:\d+|stack/i);
}

/**
 * Raw: the fuzz sends what the typed client cannot or would not: malformed and
 * mistyped bodies, odd ids and queries, garbage headers, byte for byte.
 */
const send = (
  method: string,
  path: string,
  body: string | undefined,
  token = alice.token,
  headers: Record<string, string> = {},
) =>
  call(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });

beforeAll(async () => {
  [alice, bob] = await Promise.all([signup('fuzz-a'), signup('fuzz-b')]);
  const a = api(alice.token);
  aliceTask = await jsonOf(
    a.api.v1.tasks.$post({ json: { title: 'Keep me', description: 'as I am', priority: 'high' } }),
    201,
  );
  await api(bob.token).api.v1.tasks.$post({ json: { title: 'Bob keeps this' } });
  conversation = (await jsonOf(a.api.v1.chat.$post({ json: { message: 'list' } }), 200)).conversation_id;
});

const TASK_FIELDS = ['title', 'description', 'priority', 'due_date', 'completed'];
const BODY_ROUTES = () => [
  {
    method: 'POST',
    path: '/api/v1/tasks',
    fields: ['title', 'description', 'priority', 'due_date'],
    required: { title: 'ok' },
  },
  { method: 'PATCH', path: `/api/v1/tasks/${aliceTask.id}`, fields: TASK_FIELDS, required: {} },
  { method: 'PUT', path: `/api/v1/tasks/${aliceTask.id}`, fields: TASK_FIELDS, required: {} },
  {
    method: 'POST',
    path: '/api/v1/chat',
    fields: ['message', 'conversation_id', 'timezone'],
    required: { message: 'list' },
  },
  {
    method: 'POST',
    path: '/api/v1/auth/signup',
    fields: ['email', 'password', 'name'],
    required: { email: 'fuzz-new@example.com', password: 'password123' },
  },
  {
    method: 'POST',
    path: '/api/v1/auth/login',
    fields: ['email', 'password'],
    required: { email: 'nobody@example.com', password: 'x' },
  },
];

const LIMITS: Record<string, [number, number]> = {
  title: [1, 255],
  description: [0, 2000],
  name: [0, 100],
  message: [1, 2000],
  password: [8, 128],
};

/** Whether a value is one the field accepts, so the request may legitimately succeed. */
function acceptable(field: string, value: unknown): boolean {
  if (value === null) return ['description', 'due_date', 'name'].includes(field);
  if (typeof value === 'boolean') return field === 'completed';
  if (typeof value !== 'string') return false;
  if (field === 'conversation_id') return value.length <= 100; // any string: looked up, 404 if absent
  const limits = LIMITS[field];
  if (!limits || !value.isWellFormed() || value.includes('\0')) return false;
  const length = [...(field === 'password' ? value : value.trim())].length;
  return length >= limits[0] && length <= limits[1];
}

describe('the random JSON', () => {
  it('holds what the fuzz means to send: hostile, long and ill-formed strings, nesting, prototype keys', () => {
    const values = fc.sample(hostileJson, { seed: 20261123, numRuns: 1000 });
    const all = (v: unknown): unknown[] =>
      v !== null && typeof v === 'object' ? [v, ...Object.values(v).flatMap(all)] : [v];
    const depth = (v: unknown): number =>
      v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    const found = values.flatMap(all);
    const strings = found.filter((v) => typeof v === 'string');
    expect(strings.some((s) => HOSTILE_TEXT.includes(s))).toBe(true);
    expect(strings.some((s) => s.length >= 1000)).toBe(true);
    expect(strings.some((s) => !s.isWellFormed())).toBe(true);
    expect(strings.some((s) => /\p{Extended_Pictographic}|\p{M}/u.test(s))).toBe(true);
    for (const key of ['__proto__', 'constructor', 'title', 'due_date']) {
      expect(
        found.some((v) => v !== null && typeof v === 'object' && Object.hasOwn(v, key)),
        key,
      ).toBe(true);
    }
    expect(JSON.stringify(values)).toContain('"__proto__":');
    expect(Math.max(...values.map(depth))).toBeGreaterThanOrEqual(3);
    expect(found.some((v) => typeof v === 'number') && found.some((v) => typeof v === 'boolean')).toBe(true);
  });
});

describe('fuzz: request bodies', () => {
  it('refuses malformed, truncated, deeply nested and non-object JSON on every body route', async () => {
    const before = await snapshot();
    for (const route of BODY_ROUTES()) {
      for (const raw of RAW_BODIES) {
        const res = await send(route.method, route.path, raw);
        await expectRefused(res, `${route.method} ${route.path} ${raw.slice(0, 30)}`);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses every wrong value in every field, naming it, and changes nothing', async () => {
    const before = await snapshot();
    for (const route of BODY_ROUTES()) {
      for (const field of route.fields) {
        for (const value of WRONG_VALUES) {
          if (acceptable(field, value)) continue;
          const body = JSON.stringify({ ...route.required, [field]: value });
          const res = await send(route.method, route.path, body);
          const context = `${route.method} ${route.path} ${field}=${JSON.stringify(value)?.slice(0, 40)}`;
          // Login answers 401 for any well-formed attempt; everything else names the field.
          if (res.status === 401 && route.path.endsWith('/login')) continue;
          expect(res.status, context).toBe(400);
          const error = await errorOf(res);
          expect(
            error.issues?.map((i) => i.path),
            context,
          ).toContain(field);
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('never answers 5xx to random JSON (fast-check, seeded), and stores only what validation allowed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES()), hostileJson, async (route, value) => {
        const res = await send(route.method, route.path, JSON.stringify(value));
        const context = `#${run++} ${route.method} ${route.path} ${JSON.stringify(value)?.slice(0, 80)}`;
        expect(res.status, context).toBeLessThan(500);
        if (res.status >= 400) await expectRefused(res, context);
      }),
      { seed: 20261123, numRuns: 150 },
    );
    // Whatever random patches got through, the task is still well-formed and Alice's.
    const a = api(alice.token);
    const param = { id: aliceTask.id };
    const task = await jsonOf(a.api.v1.tasks[':id'].$get({ param }), 200);
    expect(task.user_id).toBe(alice.user.id);
    expect(typeof task.title).toBe('string');
    expect(['low', 'medium', 'high']).toContain(task.priority);
    await a.api.v1.tasks[':id'].$put({
      param,
      json: { title: 'Keep me', description: 'as I am', priority: 'high', completed: false, due_date: null },
    });
  });

  it('refuses bodies over the limit with 413 and non-JSON content types with 415', async () => {
    const before = await snapshot();
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ];
    for (const route of BODY_ROUTES()) {
      const huge = JSON.stringify({ title: 'x'.repeat(70_000) });
      await expectRefused(await send(route.method, route.path, huge), `${route.path} huge`);
      for (const type of types) {
        const res = await send(route.method, route.path, '{"title":"x"}', alice.token, { 'Content-Type': type });
        expect(res.status, `${route.path} ${type}`).toBe(415);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('fuzz: ids, queries, headers and tokens', () => {
  it('answers 404 for odd ids on every id route', async () => {
    const before = await snapshot();
    const ids = [
      '0',
      '-1',
      'null',
      '%00',
      '..%2F..%2F',
      "1'%20OR%20'1'%3D'1",
      'x'.repeat(5000),
      '%F0%9F%99%82',
      aliceTask.id.toUpperCase().replace(/-/g, ''),
      `${aliceTask.id}%20`,
    ];
    for (const id of ids) {
      for (const [method, path] of [
        ['GET', `/api/v1/tasks/${id}`],
        ['PATCH', `/api/v1/tasks/${id}`],
        ['PUT', `/api/v1/tasks/${id}`],
        ['DELETE', `/api/v1/tasks/${id}`],
        ['PATCH', `/api/v1/tasks/${id}/toggle`],
        ['GET', `/api/v1/conversations/${id}/messages`],
        ['DELETE', `/api/v1/conversations/${id}`],
      ] satisfies [string, string][]) {
        const res = await send(method, path, method === 'PATCH' || method === 'PUT' ? '{"title":"pwned"}' : undefined);
        expect(res.status, `${method} ${path.slice(0, 60)}`).toBe(404);
        await expectRefused(res, path);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses odd query strings with 400', async () => {
    const queries = [
      'limit=1e999',
      'limit=-0',
      'limit=0x10',
      'limit=%20',
      'offset=abc',
      'sort=__proto__',
      'order=ASC',
      `q=${'x'.repeat(5000)}`,
      'q=%00',
      'completed=TRUE',
      'completed=1',
      'priority[]=high',
    ];
    for (const q of queries) {
      const res = await send('GET', `/api/v1/tasks?${q}`, undefined);
      if (q === 'priority[]=high') {
        expect(res.status).toBe(200); // an unknown parameter is ignored
        continue;
      }
      await expectRefused(res, q);
      expect(res.status, q).toBe(400);
    }
    const twice = await send('GET', '/api/v1/tasks?limit=5&limit=6', undefined);
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ error: { issues: [{ path: 'limit', message: 'Give it once' }] } });
  });

  it('refuses forged, expired, unsigned and malformed tokens on every authenticated route', async () => {
    const now = Math.floor(appNow().getTime() / 1000);
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const [, payload, signature] = alice.token.split('.');
    const tokens = [
      '',
      'Bearer',
      'a.b',
      'a.b.c',
      'x'.repeat(10_000),
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: alice.user.id, exp: now + 60 })}.`,
      `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: bob.user.id, exp: now + 60 })}.${signature}`,
      `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature!.slice(0, -2)}AA`,
      await externalToken({ sub: alice.user.id, exp: now - 1 }),
      await externalToken({ sub: alice.user.id }, 'x'.repeat(40)),
      await sign({ sub: alice.user.id, exp: now + 60 }, env.JWT_SECRET!, 'HS384'),
      await externalToken({ sub: '' }),
      await externalToken({ sub: 123 }),
    ];
    const routes: [string, string][] = [
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/tasks'],
      ['POST', '/api/v1/tasks'],
      ['GET', `/api/v1/tasks/${aliceTask.id}`],
      ['PATCH', `/api/v1/tasks/${aliceTask.id}`],
      ['PATCH', `/api/v1/tasks/${aliceTask.id}/toggle`],
      ['DELETE', `/api/v1/tasks/${aliceTask.id}`],
      ['POST', '/api/v1/chat'],
      ['GET', '/api/v1/conversations'],
      ['DELETE', `/api/v1/conversations/${conversation}`],
      ['POST', '/mcp'],
    ];
    const before = await snapshot();
    for (const token of tokens) {
      for (const [method, path] of routes) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : '{"title":"forged","message":"add forged"}';
        const res = await send(method, path, body, token);
        expect(res.status, `${method} ${path} with ${token.slice(0, 30)}`).toBe(401);
        await expectRefused(res, path);
      }
    }
    for (const header of [
      'Basic YWxpY2U6cHc=',
      `bearer${alice.token}`,
      `Bearer ${alice.token} ${alice.token}`,
      `Token ${alice.token}`,
    ]) {
      const res = await call('/api/v1/tasks', { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
    expect(await snapshot()).toBe(before);
  });

  it('ignores garbage conditional headers safely', async () => {
    for (const tag of ['', '*', 'W/""', '"', 'garbage', '"W/W/\\"', 'x'.repeat(5000)]) {
      const list = await send('GET', '/api/v1/tasks', undefined, alice.token, { 'If-None-Match': tag });
      expect([200, 304], tag.slice(0, 20)).toContain(list.status);
    }
    const before = await snapshot();
    for (const tag of ['garbage', '"2026-13-01T00:00:00.000Z"', 'W/"x"', '"W/W/\\"']) {
      const res = await send('PATCH', `/api/v1/tasks/${aliceTask.id}`, '{"title":"stale"}', alice.token, {
        'If-Match': tag,
      });
      expect(res.status, tag).toBe(412);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('fuzz: hostile but valid text', () => {
  it('stores and returns script, SQL and Unicode strings exactly, as inert text', async () => {
    const c = api(alice.token);
    const others = await snapshot();
    for (const text of HOSTILE_TEXT) {
      const res = await c.api.v1.tasks.$post({ json: { title: text, description: text } });
      expect(res.status, text).toBe(201);
      const task = await res.json();
      expect(task.title).toBe(text.trim());
      expect(task.description).toBe(text.trim());
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const got = await (await c.api.v1.tasks[':id'].$get({ param: { id: task.id } })).json();
      expect(got.title).toBe(text.trim());
      await c.api.v1.tasks[':id'].$delete({ param: { id: task.id } });
    }
    expect(await snapshot()).toBe(others);
    // Searching with them is just searching.
    for (const text of HOSTILE_TEXT.slice(0, 6)) {
      const res = await c.api.v1.tasks.$get({ query: { q: text } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([]);
    }
  });

  it('answers hostile chat messages without a 5xx, and creates exactly the titles typed', async () => {
    const user = await signup('fuzz-chat');
    const c = api(user.token);
    for (const text of HOSTILE_TEXT) {
      const res = await c.api.v1.chat.$post({ json: { message: text } });
      expect(res.status, text).toBe(200);
    }
    const res = await c.api.v1.chat.$post({ json: { message: `add "${HOSTILE_TEXT[0]}"` } });
    expect(res.status).toBe(200);
    const titles = (await jsonOf(c.api.v1.tasks.$get({ query: {} }), 200)).map((t) => t.title);
    expect(titles).toContain(HOSTILE_TEXT[0]);
  });
});

describe('fuzz: agent tools', () => {
  it('every tool answers wrong arguments with an error result, never a throw, and changes nothing', async () => {
    const repos = createRepos(env);
    const tasks = createTaskService(repos.tasks);
    const toolbox = createToolbox(tasks, alice.user.id);
    const before = await snapshot();
    const expectErrorResult = async (name: string, input: unknown) => {
      const r = await toolbox.call(name, input);
      const context = `${name} ${JSON.stringify(input)?.slice(0, 80)}`;
      expect(r.tool, context).toBe(name);
      if (r.ok) {
        // Reads may succeed (unknown arguments are ignored), and so may an add of a random valid title.
        expect(['list_tasks', 'add_task'], context).toContain(name);
        if (r.tool === 'add_task') await tasks.remove(alice.user.id, r.output.id);
        return;
      }
      expect(r.output.error.code, context).toMatch(/^[a-z_]+$/);
    };
    const shared: unknown[] = [
      null,
      'string',
      42,
      [],
      { task_id: null },
      { task_id: 5 },
      { task_id: 'nope' },
      { task_id: crypto.randomUUID() },
      { limit: 0 },
      { limit: 'all' },
      { query: 5 },
      { completed: 'no' },
    ];
    const specific: Record<string, unknown[]> = {
      add_task: [{}, { title: '' }, { title: 'ok', priority: 'urgent' }, { title: 'ok', due_date: 'tomorrow' }],
      update_task: [
        { task_id: aliceTask.id },
        { task_id: aliceTask.id, title: 5 },
        { task_id: aliceTask.id, priority: 'x' },
        { task_id: aliceTask.id, due_date: '2026-02-30' },
      ],
      complete_task: [{ task_id: aliceTask.id, completed: 'yes' }],
      delete_task: [{ task_id: bob.user.id }],
    };
    for (const tool of TOOLS) {
      for (const input of [...shared, ...(specific[tool.name] ?? [])]) await expectErrorResult(tool.name, input);
    }
    // Random arguments, each through every tool.
    await fc.assert(
      fc.asyncProperty(hostileJson, async (input) => {
        for (const tool of TOOLS) await expectErrorResult(tool.name, input);
      }),
      { seed: 7, numRuns: 20 },
    );
    expect((await toolbox.call('drop_tables', {})).output).toMatchObject({ error: { code: 'unknown_tool' } });
    expect(await snapshot()).toBe(before);
  });
});

describe('fuzz: signup leaves no account behind', () => {
  it('an email used only in refused signups is still free', async () => {
    const email = uniqueEmail('fresh');
    const auth = api().api.v1.auth;
    for (const json of [
      { email, password: 'short' },
      { email, password: 'x'.repeat(129) },
      { email, password: 'ok password', name: 'n'.repeat(101) },
    ]) {
      expect((await auth.signup.$post({ json })).status).toBe(400);
    }
    // Raw: a number for the password, which the typed client refuses to send.
    const body = JSON.stringify({ email, password: 12345678 });
    const headers = { 'Content-Type': 'application/json' };
    const numeric = await call('/api/v1/auth/signup', { method: 'POST', headers, body });
    expect(numeric.status).toBe(400);
    const res = await auth.signup.$post({ json: { email, password: 'long enough' } });
    expect(res.status).toBe(201);
  });
});
