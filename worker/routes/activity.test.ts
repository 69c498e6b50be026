import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, BASE, client, errorOf, jsonOf, signup, type Answer, type Api } from '../test/helpers';

type ActivityQuery = InferRequestType<Api['api']['v1']['activity']['$get']>['query'];
type NewTask = InferRequestType<Api['api']['v1']['tasks']['$post']>['json'];

const activity = (c: Api, query: ActivityQuery = {}) => jsonOf(c.api.v1.activity.$get({ query }), 200);
const create = (c: Api, json: NewTask) => jsonOf(c.api.v1.tasks.$post({ json }), 201);
const task = (c: Api) => c.api.v1.tasks[':id'];

let me: Api;
let token: string;
beforeAll(async () => {
  token = (await signup('log')).token;
  me = api(token);
});

describe('the change log over every interface', () => {
  it('names the interface each change came from: dashboard, api, chat and mcp', async () => {
    const created = await create(me, { title: 'From REST' });
    const param = { id: created.id };
    await task(me).toggle.$patch({ param }, { headers: { 'X-Source': 'dashboard' } });
    await task(me).$patch({ param, json: { title: 'Renamed' } }, { headers: { 'X-Source': 'something else' } });
    await jsonOf(me.api.v1.chat.$post({ json: { message: 'add water the plants' } }), 200);
    const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      fetch: (url, init) => exports.default.fetch(url, init),
    });
    const mcp = new Client({ name: 'log-test', version: '1.0.0' });
    await mcp.connect(transport);
    await mcp.callTool({ name: 'update_task', arguments: { task_id: created.id, priority: 'high' } });
    await mcp.close();

    const events = await activity(me);
    expect(events.map((e) => [e.action, e.source])).toEqual([
      ['updated', 'mcp'],
      ['created', 'chat'],
      ['updated', 'api'],
      ['completed', 'dashboard'],
      ['created', 'api'],
    ]);
    expect(events[0]!.changes).toEqual({ priority: { from: 'medium', to: 'high' } });
    expect(events[1]!.task.title).toBe('Water the plants');
    const versions = events.map((e) => e.version);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
  });

  it('pages back through the log with limit and before, and refuses bad paging', async () => {
    const userToken = (await signup('pager')).token;
    const user = api(userToken);
    for (const title of ['a', 'b', 'c', 'd', 'e']) await user.api.v1.tasks.$post({ json: { title } });
    const first = await activity(user, { limit: '2' });
    expect(first.map((e) => e.task.title)).toEqual(['e', 'd']);
    const next = await activity(user, { limit: '2', before: String(first.at(-1)!.version) });
    expect(next.map((e) => e.task.title)).toEqual(['c', 'b']);
    expect((await activity(user)).length).toBe(5);
    const bad: [ActivityQuery, string][] = [
      [{ limit: '0' }, '?limit=0'],
      [{ limit: '201' }, '?limit=201'],
      [{ limit: 'x' }, '?limit=x'],
      [{ before: '-1' }, '?before=-1'],
      [{ before: '0' }, '?before=0'],
      [{ before: '1.5' }, '?before=1.5'],
    ];
    const expectRefused = async (res: Answer, query: string) => {
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).code, query).toBe('validation_error');
    };
    for (const [query, text] of bad) await expectRefused(await user.api.v1.activity.$get({ query }), text);
    // Raw: a parameter given twice, which the typed client refuses to send.
    await expectRefused(await client(userToken).get('/api/v1/activity?limit=2&limit=3'), '?limit=2&limit=3');
  });

  it("shows one task's history, also after it was deleted, and never another user's", async () => {
    const created = await create(me, { title: 'History' });
    const param = { id: created.id };
    await task(me).$patch({ param, json: { description: 'more' } });
    expect((await task(me).$delete({ param })).status).toBe(204);
    const history = await jsonOf(task(me).activity.$get({ param, query: {} }), 200);
    expect(history.map((e) => e.action)).toEqual(['deleted', 'updated', 'created']);
    const other = api((await signup('nosy')).token);
    for (const id of [created.id, crypto.randomUUID(), 'not-an-id']) {
      expect((await task(other).activity.$get({ param: { id }, query: {} })).status, id).toBe(404);
    }
    expect(await activity(other)).toEqual([]);
  });
});

describe('restore', () => {
  it('brings a deleted task back with its id, fields and created_at; 404 otherwise', async () => {
    const created = await create(me, { title: 'Keep', description: 'this', priority: 'low' });
    const param = { id: created.id };
    expect((await task(me).$delete({ param })).status).toBe(204);
    expect((await task(me).$get({ param })).status).toBe(404);
    expect((await jsonOf(me.api.v1.tasks.$get({ query: {} }), 200)).map((t) => t.id)).not.toContain(created.id);
    const other = api((await signup('thief')).token);
    expect((await task(other).restore.$post({ param })).status).toBe(404);
    const back = await jsonOf(task(me).restore.$post({ param }), 200);
    expect({ ...back, updated_at: created.updated_at }).toEqual(created);
    expect((await task(me).restore.$post({ param })).status).toBe(404);
    expect((await task(me).restore.$post({ param: { id: crypto.randomUUID() } })).status).toBe(404);
  });
});

describe('undo', () => {
  const undo = (c: Api, id: string) => c.api.v1.activity[':id'].undo.$post({ param: { id } });

  it('reverses each kind of event, keeping ids, and records the reversal', async () => {
    const user = api((await signup('undoer')).token);
    const created = await create(user, { title: 'Original', priority: 'low' });
    const param = { id: created.id };
    await task(user).$patch({ param, json: { title: 'Edited', priority: 'high', due_date: '2027-05-01T10:00:00Z' } });
    let [latest] = await activity(user);
    let r = await jsonOf(undo(user, latest!.id), 200);
    expect(r.undone.id).toBe(latest!.id);
    expect(r.event).toMatchObject({
      action: 'updated',
      source: 'api',
      task: { id: created.id, title: 'Original', priority: 'low', due_date: null },
    });

    await task(user).toggle.$patch({ param }, { headers: { 'X-Source': 'dashboard' } });
    [latest] = await activity(user);
    r = await jsonOf(undo(user, latest!.id), 200);
    expect(r.event).toMatchObject({ action: 'reopened', task: { completed: false } });

    await task(user).$delete({ param });
    [latest] = await activity(user);
    r = await jsonOf(undo(user, latest!.id), 200);
    expect(r.event.action).toBe('restored');
    expect(await jsonOf(task(user).$get({ param }), 200)).toMatchObject({
      id: created.id,
      title: 'Original',
      created_at: created.created_at,
    });

    // Undoing the undo: the restore is reversed by a delete.
    r = await jsonOf(undo(user, r.event.id), 200);
    expect(r.event.action).toBe('deleted');
    expect((await task(user).$get({ param })).status).toBe(404);

    const fresh = await create(user, { title: 'Oops' });
    [latest] = await activity(user);
    r = await jsonOf(undo(user, latest!.id), 200);
    expect(r.event.action).toBe('deleted');
    expect((await task(user).$get({ param: { id: fresh.id } })).status).toBe(404);
  });

  it('refuses (412) to undo an event when the task changed after it, from any interface', async () => {
    const user = api((await signup('careful')).token);
    const created = await create(user, { title: 'Contested' });
    const param = { id: created.id };
    await task(user).$patch({ param, json: { title: 'First edit' } });
    const [edit] = await activity(user);
    await jsonOf(user.api.v1.chat.$post({ json: { message: 'complete first edit' } }), 200);
    const res = await undo(user, edit!.id);
    expect(res.status).toBe(412);
    expect(await errorOf(res)).toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('changed after'),
    });
    expect(await jsonOf(task(user).$get({ param }), 200)).toMatchObject({ title: 'First edit', completed: true });
  });

  it("answers 404 for unknown, malformed and other users' events, and runs nothing", async () => {
    const [events] = [await activity(me)];
    const other = api((await signup('stranger')).token);
    for (const id of [events[0]!.id, crypto.randomUUID(), 'nope', "1' or '1'='1"]) {
      const res = await undo(other, id);
      expect(res.status, id).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await activity(me))[0]!.id).toBe(events[0]!.id);
  });
});
