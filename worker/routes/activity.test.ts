import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task, TaskEvent } from '../tasks/types';
import { BASE, client, errorOf, signup } from '../test/helpers';

type Client_ = ReturnType<typeof client>;
const json = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const activity = (c: Client_, query = '') => c.get(`/api/v1/activity${query}`).then((r) => json<TaskEvent[]>(r));

let me: Client_;
let token: string;
beforeAll(async () => {
  token = (await signup('log')).token;
  me = client(token);
});

describe('the change log over every interface', () => {
  it('names the interface each change came from: dashboard, api, chat and mcp', async () => {
    const task = await json<Task>(await me.post('/api/v1/tasks', { title: 'From REST' }), 201);
    await me.patch(`/api/v1/tasks/${task.id}/toggle`, undefined, { 'X-Source': 'dashboard' });
    await me.patch(`/api/v1/tasks/${task.id}`, { title: 'Renamed' }, { 'X-Source': 'something else' });
    await json(await me.post('/api/v1/chat', { message: 'add water the plants' }));
    const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      fetch: (url, init) => exports.default.fetch(url, init),
    });
    const mcp = new Client({ name: 'log-test', version: '1.0.0' });
    await mcp.connect(transport);
    await mcp.callTool({ name: 'update_task', arguments: { task_id: task.id, priority: 'high' } });
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
    const user = client((await signup('pager')).token);
    for (const title of ['a', 'b', 'c', 'd', 'e']) await user.post('/api/v1/tasks', { title });
    const first = await activity(user, '?limit=2');
    expect(first.map((e) => e.task.title)).toEqual(['e', 'd']);
    const next = await activity(user, `?limit=2&before=${first.at(-1)!.version}`);
    expect(next.map((e) => e.task.title)).toEqual(['c', 'b']);
    expect((await activity(user)).length).toBe(5);
    for (const query of ['?limit=0', '?limit=201', '?limit=x', '?before=-1', '?before=0', '?before=1.5', '?limit=2&limit=3']) {
      const res = await user.get(`/api/v1/activity${query}`);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).code, query).toBe('validation_error');
    }
  });

  it("shows one task's history, also after it was deleted, and never another user's", async () => {
    const task = await json<Task>(await me.post('/api/v1/tasks', { title: 'History' }), 201);
    await me.patch(`/api/v1/tasks/${task.id}`, { description: 'more' });
    expect((await me.delete(`/api/v1/tasks/${task.id}`)).status).toBe(204);
    const history = await json<TaskEvent[]>(await me.get(`/api/v1/tasks/${task.id}/activity`));
    expect(history.map((e) => e.action)).toEqual(['deleted', 'updated', 'created']);
    const other = client((await signup('nosy')).token);
    for (const id of [task.id, crypto.randomUUID(), 'not-an-id']) {
      expect((await other.get(`/api/v1/tasks/${id}/activity`)).status, id).toBe(404);
    }
    expect(await activity(other)).toEqual([]);
  });
});

describe('restore', () => {
  it('brings a deleted task back with its id, fields and created_at; 404 otherwise', async () => {
    const task = await json<Task>(await me.post('/api/v1/tasks', { title: 'Keep', description: 'this', priority: 'low' }), 201);
    expect((await me.delete(`/api/v1/tasks/${task.id}`)).status).toBe(204);
    expect((await me.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await json<Task[]>(await me.get('/api/v1/tasks'))).map((t) => t.id)).not.toContain(task.id);
    const other = client((await signup('thief')).token);
    expect((await other.post(`/api/v1/tasks/${task.id}/restore`)).status).toBe(404);
    const back = await json<Task>(await me.post(`/api/v1/tasks/${task.id}/restore`));
    expect({ ...back, updated_at: task.updated_at }).toEqual(task);
    expect((await me.post(`/api/v1/tasks/${task.id}/restore`)).status).toBe(404);
    expect((await me.post(`/api/v1/tasks/${crypto.randomUUID()}/restore`)).status).toBe(404);
  });
});

describe('undo', () => {
  const undo = (c: Client_, id: string) => c.post(`/api/v1/activity/${id}/undo`);

  it('reverses each kind of event, keeping ids, and records the reversal', async () => {
    const user = client((await signup('undoer')).token);
    const task = await json<Task>(await user.post('/api/v1/tasks', { title: 'Original', priority: 'low' }), 201);
    await user.patch(`/api/v1/tasks/${task.id}`, { title: 'Edited', priority: 'high', due_date: '2027-05-01T10:00:00Z' });
    let [latest] = await activity(user);
    let r = await json<{ undone: TaskEvent; event: TaskEvent }>(await undo(user, latest!.id));
    expect(r.undone.id).toBe(latest!.id);
    expect(r.event).toMatchObject({ action: 'updated', source: 'api', task: { id: task.id, title: 'Original', priority: 'low', due_date: null } });

    await user.patch(`/api/v1/tasks/${task.id}/toggle`, undefined, { 'X-Source': 'dashboard' });
    [latest] = await activity(user);
    r = await json(await undo(user, latest!.id));
    expect(r.event).toMatchObject({ action: 'reopened', task: { completed: false } });

    await user.delete(`/api/v1/tasks/${task.id}`);
    [latest] = await activity(user);
    r = await json(await undo(user, latest!.id));
    expect(r.event.action).toBe('restored');
    expect(await json<Task>(await user.get(`/api/v1/tasks/${task.id}`))).toMatchObject({ id: task.id, title: 'Original', created_at: task.created_at });

    // Undoing the undo: the restore is reversed by a delete.
    r = await json(await undo(user, r.event.id));
    expect(r.event.action).toBe('deleted');
    expect((await user.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);

    const fresh = await json<Task>(await user.post('/api/v1/tasks', { title: 'Oops' }), 201);
    [latest] = await activity(user);
    r = await json(await undo(user, latest!.id));
    expect(r.event.action).toBe('deleted');
    expect((await user.get(`/api/v1/tasks/${fresh.id}`)).status).toBe(404);
  });

  it('refuses (412) to undo an event when the task changed after it, from any interface', async () => {
    const user = client((await signup('careful')).token);
    const task = await json<Task>(await user.post('/api/v1/tasks', { title: 'Contested' }), 201);
    await user.patch(`/api/v1/tasks/${task.id}`, { title: 'First edit' });
    const [edit] = await activity(user);
    await json(await user.post('/api/v1/chat', { message: 'complete first edit' }));
    const res = await undo(user, edit!.id);
    expect(res.status).toBe(412);
    expect(await errorOf(res)).toMatchObject({ code: 'precondition_failed', message: expect.stringContaining('changed after') });
    expect(await json<Task>(await user.get(`/api/v1/tasks/${task.id}`))).toMatchObject({ title: 'First edit', completed: true });
  });

  it("answers 404 for unknown, malformed and other users' events, and runs nothing", async () => {
    const [events] = [await activity(me)];
    const other = client((await signup('stranger')).token);
    for (const id of [events[0]!.id, crypto.randomUUID(), 'nope', "1' or '1'='1"]) {
      const res = await undo(other, id);
      expect(res.status, id).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await activity(me))[0]!.id).toBe(events[0]!.id);
  });
});
