import type { InferRequestType } from 'hono/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../middleware/json-body';
import { api, call, client, errorOf, jsonOf, peek, signup, type Answer, type Api } from '../test/helpers';

let alice: Api;
let bob: Api;
let aliceId: string;
/** Alice through the untyped client, for bodies the typed one refuses to send. */
let aliceRaw: ReturnType<typeof client>;

beforeAll(async () => {
  const [a, b] = await Promise.all([signup('alice'), signup('bob')]);
  alice = api(a.token);
  bob = api(b.token);
  aliceId = a.user.id;
  aliceRaw = client(a.token);
});

type Tasks = Api['api']['v1']['tasks'];
type NewTask = InferRequestType<Tasks['$post']>['json'];
type Patch = InferRequestType<Tasks[':id']['$patch']>['json'];
type ListQuery = InferRequestType<Tasks['$get']>['query'];

const create = (c: Api, json: NewTask) => jsonOf(c.api.v1.tasks.$post({ json }), 201);
const list = (c: Api, query: ListQuery = {}) => jsonOf(c.api.v1.tasks.$get({ query }), 200);
const get = (c: Api, id: string) => c.api.v1.tasks[':id'].$get({ param: { id } });
const patch = (c: Api, id: string, json: Patch, headers?: Record<string, string>) =>
  c.api.v1.tasks[':id'].$patch({ param: { id }, json }, { headers });
const put = (c: Api, id: string, json: Patch, headers?: Record<string, string>) =>
  c.api.v1.tasks[':id'].$put({ param: { id }, json }, { headers });
const toggle = (c: Api, id: string, headers?: Record<string, string>) =>
  c.api.v1.tasks[':id'].toggle.$patch({ param: { id } }, { headers });
const remove = (c: Api, id: string, headers?: Record<string, string>) =>
  c.api.v1.tasks[':id'].$delete({ param: { id } }, { headers });
// Alice's write counter: any task she creates, changes or deletes moves it,
// so an unchanged count means a refused request wrote nothing (on any dialect,
// and unaffected by other test files sharing a Postgres database).
const rowCount = () => peek((repos) => repos.tasks.version(aliceId));

describe('POST /api/v1/tasks', () => {
  it('creates a task with defaults, Location and ETag', async () => {
    const res = await alice.api.v1.tasks.$post({ json: { title: '  Buy groceries  ' } });
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({
      title: 'Buy groceries',
      description: null,
      completed: false,
      priority: 'medium',
      due_date: null,
      user_id: aliceId,
    });
    expect(res.headers.get('Location')).toBe(`/api/v1/tasks/${task.id}`);
    expect(res.headers.get('ETag')).toBe(`"${task.updated_at}"`);
  });

  it('normalises timed due dates to UTC with milliseconds, and keeps all-day ones as their day', async () => {
    const offset = await create(alice, { title: 'offset', due_date: '2026-12-24T18:00:00+01:00' });
    expect(offset.due_date).toBe('2026-12-24T17:00:00.000Z');
    const allDay = await create(alice, { title: 'all day', due_date: '2026-12-24' });
    expect(allDay.due_date).toBe('2026-12-24');
    expect((await jsonOf(get(alice, allDay.id), 200)).due_date).toBe('2026-12-24');
    // Switching between the two kinds, either way.
    const timed = await jsonOf(patch(alice, allDay.id, { due_date: '2026-12-24T09:00:00+01:00' }), 200);
    expect(timed.due_date).toBe('2026-12-24T08:00:00.000Z');
    const day = await jsonOf(patch(alice, allDay.id, { due_date: '2027-01-02' }), 200);
    expect(day.due_date).toBe('2027-01-02');
    for (const bad of ['2026-02-29', '2026-13-01', '0000-01-01', '2026-1-5', '2026-12-24T10:00']) {
      const res = await alice.api.v1.tasks.$post({ json: { title: 'bad day', due_date: bad } });
      expect(res.status, bad).toBe(400);
    }
    expect((await create(alice, { title: 'leap', due_date: '2028-02-29' })).due_date).toBe('2028-02-29');
  });

  it('stores instants from year 0001 to 9999 exactly, and refuses one whose UTC year falls outside', async () => {
    for (const due of ['0001-01-01T00:00:00.000Z', '1969-07-20T20:17:40.000Z', '9999-12-31T23:59:59.999Z']) {
      const t = await create(alice, { title: `edge ${due}`, due_date: due });
      expect(t.due_date).toBe(due);
      expect((await jsonOf(get(alice, t.id), 200)).due_date).toBe(due);
    }
    const t = await create(alice, { title: 'edge target' });
    const before = await rowCount();
    // Typed years are in range; the instants are in years 10000 and 0000.
    for (const due of ['9999-12-31T23:59:00-12:00', '0001-01-01T00:30:00+01:00', '10000-01-01T00:00:00Z']) {
      for (const res of [
        await alice.api.v1.tasks.$post({ json: { title: 'too far', due_date: due } }),
        await patch(alice, t.id, { due_date: due }),
      ]) {
        expect(res.status, due).toBe(400);
        expect((await errorOf(res)).issues).toEqual([
          { path: 'due_date', message: expect.stringContaining('ISO 8601') },
        ]);
      }
      // The same value as an If-Match tag names no version of a task: 412, never a 500.
      const guarded = await patch(alice, t.id, { title: 'guarded' }, { 'If-Match': `"${due}"` });
      expect(guarded.status, due).toBe(412);
    }
    expect(await rowCount()).toBe(before);
  });

  it('ignores unknown fields and never stores them, user_id included', async () => {
    // Raw: fields the create schema does not have, which the typed client refuses.
    const body = { title: 'mine', user_id: 'someone-else', id: 'chosen', completed: true, extra: { deep: 1 } };
    const res = await aliceRaw.post('/api/v1/tasks', body);
    expect(res.status).toBe(201);
    const task: unknown = await res.json();
    expect(task).toHaveProperty('user_id', aliceId);
    expect(task).not.toHaveProperty('id', 'chosen');
    expect(task).toHaveProperty('completed', false);
    expect(task).not.toHaveProperty('extra');
  });

  async function expectRefusedCreate(res: Answer, field: string, message: string) {
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_error');
    expect(error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: field, message: expect.stringContaining(message) })]),
    );
    expect(error.message).toContain(field);
  }

  it.each<[NewTask, string, string]>([
    [{ title: '   ' }, 'title', 'Must not be empty'],
    [{ title: 'x'.repeat(256) }, 'title', 'Must be at most 255 characters'],
    [{ title: 'ok', description: 'd'.repeat(2001) }, 'description', 'Must be at most 2000 characters'],
    [{ title: 'ok', due_date: 'tomorrow' }, 'due_date', 'ISO 8601'],
    [{ title: 'ok', due_date: '2026-02-30T10:00:00Z' }, 'due_date', 'ISO 8601'],
    [{ title: 'ok', due_date: '2026-03-01T10:00:00' }, 'due_date', 'ISO 8601'],
    [{ title: 'a\u0000b' }, 'title', 'valid text'],
    [{ title: '\ud800' }, 'title', 'valid text'],
  ])('answers 400 for %j, naming the field', async (json, field, message) => {
    const before = await rowCount();
    await expectRefusedCreate(await alice.api.v1.tasks.$post({ json }), field, message);
    expect(await rowCount()).toBe(before);
  });

  // Raw: a missing title and values of the wrong type, which the typed client refuses to send.
  it.each([
    [{}, 'title', 'Required'],
    [{ title: 42 }, 'title', 'Must be a string'],
    [{ title: null }, 'title', 'Must be a string'],
    [{ title: 'ok', priority: 'urgent' }, 'priority', 'Must be one of low, medium, high'],
    [{ title: 'ok', priority: 3 }, 'priority', 'Must be one of low, medium, high'],
    [
      { title: 'ok', due_date: 1735689600 },
      'due_date',
      'Must be a date (2026-03-01), a date-time with a zone, or null',
    ],
  ])('answers 400 for %j (wrong type), naming the field', async (body, field, message) => {
    const before = await rowCount();
    await expectRefusedCreate(await aliceRaw.post('/api/v1/tasks', body), field, message);
    expect(await rowCount()).toBe(before);
  });

  it('counts characters, not UTF-16 units: 255 emoji fit', async () => {
    const task = await create(alice, { title: '🙂'.repeat(255) });
    expect([...task.title]).toHaveLength(255);
  });

  it('answers 400 for malformed JSON and non-object bodies', async () => {
    const before = await rowCount();
    for (const body of ['{"title": "x"', '', 'null', '[1,2]', '"title"', '{"title": "x"}}']) {
      // Raw: bodies that are not a JSON object.
      const res = await call('/api/v1/tasks', {
        method: 'POST',
        headers: { Authorization: await authHeader(), 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect((await errorOf(res)).code).toMatch(/^(bad_request|validation_error)$/);
    }
    expect(await rowCount()).toBe(before);
  });

  it('answers 415 for a body that is not JSON and 413 for one that is too large', async () => {
    const before = await rowCount();
    // Raw: a form body, which the typed client only sends as JSON.
    const form = await call('/api/v1/tasks', {
      method: 'POST',
      headers: { Authorization: await authHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    expect(form.status).toBe(415);
    expect((await errorOf(form)).code).toBe('unsupported_media_type');
    const big = await alice.api.v1.tasks.$post({ json: { title: 'x', description: 'y'.repeat(MAX_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe('payload_too_large');
    expect(await rowCount()).toBe(before);
  });
});

let rawToken: string | undefined;
async function authHeader() {
  rawToken ??= (await signup('raw')).token;
  return `Bearer ${rawToken}`;
}

describe('GET /api/v1/tasks', () => {
  let owner: Api;
  let ownerRaw: ReturnType<typeof client>;
  beforeAll(async () => {
    const { token } = await signup('lister');
    owner = api(token);
    ownerRaw = client(token);
    await create(owner, { title: 'Call mom', priority: 'high', due_date: '2026-12-02T10:00:00Z' });
    await create(owner, { title: 'Pay rent', priority: 'low', description: 'Before the 3rd' });
    const done = await create(owner, { title: 'Water plants', due_date: '2026-12-01T10:00:00Z' });
    await toggle(owner, done.id);
  });

  it('lists newest first', async () => {
    expect((await list(owner)).map((t) => t.title)).toEqual(['Water plants', 'Pay rent', 'Call mom']);
  });

  it('filters, searches, sorts and pages through the query string', async () => {
    const titles = async (q: ListQuery) => (await list(owner, q)).map((t) => t.title);
    expect(await titles({ completed: 'true' })).toEqual(['Water plants']);
    expect(await titles({ completed: 'false', priority: 'high' })).toEqual(['Call mom']);
    expect(await titles({ q: 'RENT' })).toEqual(['Pay rent']);
    expect(await titles({ q: '3rd' })).toEqual(['Pay rent']);
    expect(await titles({ sort: 'priority' })).toEqual(['Call mom', 'Water plants', 'Pay rent']);
    expect(await titles({ sort: 'priority', order: 'asc' })).toEqual(['Pay rent', 'Water plants', 'Call mom']);
    expect(await titles({ sort: 'due_date' })).toEqual(['Water plants', 'Call mom', 'Pay rent']);
    expect(await titles({ limit: '1', offset: '1' })).toEqual(['Pay rent']);
  });

  it.each<[ListQuery, string]>([
    [{ limit: '0' }, 'limit'],
    [{ limit: '501' }, 'limit'],
    [{ limit: 'abc' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('answers 400 for %j, naming the parameter', async (query, field) => {
    const res = await owner.api.v1.tasks.$get({ query });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe(field);
  });

  // Raw: values outside the parameters' enums, which the typed client refuses to send.
  it.each([
    ['?completed=yes', 'completed'],
    ['?priority=urgent', 'priority'],
    ['?sort=title', 'sort'],
    ['?order=up', 'order'],
  ])('answers 400 for %s, naming the parameter', async (query, field) => {
    const res = await ownerRaw.get(`/api/v1/tasks${query}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe(field);
  });

  it('shows a user only their own tasks', async () => {
    const stranger = api((await signup('stranger')).token);
    expect(await list(stranger)).toEqual([]);
  });
});

describe('ETag and conditional requests', () => {
  it('answers 304 to a matching If-None-Match and a new tag after every change', async () => {
    const me = api((await signup('etag')).token);
    const listWith = (headers: Record<string, string> = {}) => me.api.v1.tasks.$get({ query: {} }, { headers });
    const tagOf = async () => {
      const res = await listWith();
      expect(res.headers.get('Cache-Control')).toBe('private, no-cache');
      return res.headers.get('ETag')!;
    };
    const seen = [await tagOf()];
    const expectNewTag = async () => {
      const tag = await tagOf();
      expect(seen).not.toContain(tag);
      seen.push(tag);
      const cached = await listWith({ 'If-None-Match': tag });
      expect(cached.status).toBe(304);
      expect(await cached.text()).toBe('');
      expect(cached.headers.get('ETag')).toBe(tag);
    };
    const t = await create(me, { title: 'watch me' });
    await expectNewTag();
    await patch(me, t.id, { title: 'renamed' });
    await expectNewTag();
    await put(me, t.id, { priority: 'high' });
    await expectNewTag();
    await toggle(me, t.id);
    await expectNewTag();
    const stale = await listWith({ 'If-None-Match': seen[0]! });
    expect(stale.status).toBe(200);

    // Another user's changes, and failed writes, leave the tag alone.
    const current = seen.at(-1)!;
    const other = await create(bob, { title: 'bob only' });
    await toggle(bob, other.id);
    await remove(bob, t.id);
    expect((await listWith({ 'If-None-Match': current })).status).toBe(304);

    await remove(me, t.id);
    await expectNewTag();
  });

  it('uses a different tag per query', async () => {
    const me = api((await signup('etagq')).token);
    await create(me, { title: 'x' });
    const all = (await me.api.v1.tasks.$get({ query: {} })).headers.get('ETag')!;
    const done = (await me.api.v1.tasks.$get({ query: { completed: 'true' } })).headers.get('ETag')!;
    expect(done).not.toBe(all);
    const res = await me.api.v1.tasks.$get({ query: { completed: 'true' } }, { headers: { 'If-None-Match': all } });
    expect(res.status).toBe(200);
  });

  it('honours If-Match on PATCH, PUT, toggle and DELETE with 412 when stale', async () => {
    const t = await create(alice, { title: 'guarded' });
    const etag = `"${t.updated_at}"`;
    const res = await patch(alice, t.id, { title: 'dashboard edit' }, { 'If-Match': etag });
    expect(res.status).toBe(200);
    const fresh = res.headers.get('ETag')!;
    expect(fresh).not.toBe(etag);

    for (const attempt of [
      () => patch(alice, t.id, { title: 'stale' }, { 'If-Match': etag }),
      () => put(alice, t.id, { title: 'stale' }, { 'If-Match': etag }),
      () => toggle(alice, t.id, { 'If-Match': etag }),
      () => remove(alice, t.id, { 'If-Match': etag }),
      () => patch(alice, t.id, { title: 'garbage tag' }, { 'If-Match': '"nonsense"' }),
    ]) {
      const r = await attempt();
      expect(r.status).toBe(412);
      expect((await errorOf(r)).code).toBe('precondition_failed');
    }
    const now = await jsonOf(get(alice, t.id), 200);
    expect(now.title).toBe('dashboard edit');
    // A bare updated_at works as well as the quoted tag, and * means "if it exists".
    expect((await toggle(alice, t.id, { 'If-Match': now.updated_at })).status).toBe(200);
    expect((await remove(alice, t.id, { 'If-Match': '*' })).status).toBe(204);
  });
});

describe('one task by id', () => {
  it('gets, patches, puts, toggles and deletes', async () => {
    const t = await create(alice, { title: 'lifecycle', description: 'first' });
    const got = await get(alice, t.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('ETag')).toBe(`"${t.updated_at}"`);
    expect(await got.json()).toEqual(t);

    const patched = await (
      await patch(alice, t.id, { description: null, priority: 'high', due_date: '2027-01-01T00:00:00Z' })
    ).json();
    expect(patched).toMatchObject({
      title: 'lifecycle',
      description: null,
      priority: 'high',
      due_date: '2027-01-01T00:00:00.000Z',
    });

    const replaced = await put(alice, t.id, { completed: true, title: 'renamed' });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ completed: true, title: 'renamed', priority: 'high' });

    const toggled = await (await toggle(alice, t.id)).json();
    expect(toggled.completed).toBe(false);

    const del = await remove(alice, t.id);
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    expect((await get(alice, t.id)).status).toBe(404);
  });

  it('validates patches like creates, and refuses an empty one', async () => {
    const t = await create(alice, { title: 'validate me' });
    const expectRefused = async (res: Answer, body: unknown, field: string) => {
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path).toBe(field);
    };
    for (const [json, field] of [
      [{ title: '' }, 'title'],
      [{ due_date: '2026-13-01' }, 'due_date'],
      [{}, ''],
    ] satisfies [Patch, string][]) {
      await expectRefused(await patch(alice, t.id, json), json, field);
    }
    // Raw: a wrong type, an unknown priority and an unknown field, which the typed client refuses to send.
    for (const [body, field] of [
      [{ completed: 'yes' }, 'completed'],
      [{ priority: 'HIGH' }, 'priority'],
      [{ unknown: 1 }, ''],
    ] satisfies [object, string][]) {
      await expectRefused(await aliceRaw.patch(`/api/v1/tasks/${t.id}`, body), body, field);
    }
    expect(await (await get(alice, t.id)).json()).toEqual(t);
  });

  it("answers 404 on every id route for another user's task, and changes nothing", async () => {
    const t = await create(alice, { title: 'alice secret' });
    const tries = [
      get(bob, t.id),
      patch(bob, t.id, { title: 'pwned' }),
      put(bob, t.id, { title: 'pwned' }),
      toggle(bob, t.id),
      remove(bob, t.id),
      patch(bob, t.id, { title: 'pwned' }, { 'If-Match': `"${t.updated_at}"` }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'Task not found' });
    }
    expect(await (await get(alice, t.id)).json()).toEqual(t);
  });

  it('answers 404 for unknown and malformed ids alike', async () => {
    for (const id of [crypto.randomUUID(), 'nope']) {
      const res = await get(alice, id);
      expect(res.status, id).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    // Raw: ids already percent-encoded, which must reach the router exactly as written.
    for (const id of ['1%27%20OR%201=1', '..%2F..%2Fetc']) {
      const res = await aliceRaw.get(`/api/v1/tasks/${id}`);
      expect(res.status, id).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });
});

describe('the rest of the surface', () => {
  it('answers unknown routes with the envelope', async () => {
    // Raw: a route that does not exist has no typed path.
    const res = await call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
  });

  it('answers a method a route does not take with 405, Allow and the envelope (not 404)', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/api/v1/tasks', 'GET, HEAD, POST'],
      ['POST', '/api/v1/auth/me', 'GET, HEAD'],
      ['GET', '/api/v1/chat', 'POST'],
    ] satisfies ['DELETE' | 'POST' | 'GET', string, string][]) {
      // Raw: methods these paths do not take have no typed call.
      const res = await { DELETE: aliceRaw.delete, POST: aliceRaw.post, GET: aliceRaw.get }[method](path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow')).toBe(allow);
      expect(await errorOf(res)).toMatchObject({
        code: 'method_not_allowed',
        message: `${method} is not allowed here; use ${allow}`,
      });
    }
  });

  it('sends security headers and no CORS headers to unlisted origins', async () => {
    const res = await api().api.health.$get(undefined, { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
