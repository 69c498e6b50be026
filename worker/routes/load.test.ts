import { describe, expect, it } from 'vitest';
import { outputOf } from '../tools';
import { api, jsonOf, peek, signup, type Api } from '../test/helpers';

/**
 * Bounded load from many users at once through the Worker's fetch handler
 * (no network): nothing lost, nothing crossed, no 5xx, and concurrent writes
 * to one task end in the state of the last accepted write.
 */

const create = (c: Api, title: string) => c.api.v1.tasks.$post({ json: { title } });
const listAll = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: { limit: '500' } }), 200);
const tagOf = async (c: Api) => (await c.api.v1.tasks.$get({ query: {} })).headers.get('ETag');
const task = (c: Api) => c.api.v1.tasks[':id'];

const USERS = 8;
const CREATES_PER_USER = 25;

// Hundreds of requests: more time than the project's 30 s default.
describe('load: many users at once', { timeout: 60_000 }, () => {
  const creates = `${USERS} users x ${CREATES_PER_USER} parallel creates`;
  it(`${creates} give exactly that many tasks, each visible only to its owner`, async () => {
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signup(`load${i}`)));
    const responses = await Promise.all(
      users.flatMap((u, i) => Array.from({ length: CREATES_PER_USER }, (_, j) => create(api(u.token), `u${i}-t${j}`))),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);

    for (const [i, u] of users.entries()) {
      const list = await listAll(api(u.token));
      expect(list).toHaveLength(CREATES_PER_USER);
      const titles = Array.from({ length: CREATES_PER_USER }, (_, j) => `u${i}-t${j}`);
      expect(new Set(list.map((t) => t.title))).toEqual(new Set(titles));
      expect(list.every((t) => t.user_id === u.user.id)).toBe(true);
    }
  });

  it('parallel toggles of one task lose none: an odd count ends completed, and each got its own version', async () => {
    const u = api((await signup('toggler')).token);
    const param = { id: (await jsonOf(create(u, 'flip me'), 201)).id };
    const before = await tagOf(u);
    const results = await Promise.all(Array.from({ length: 31 }, () => task(u).toggle.$patch({ param })));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const stamps = await Promise.all(results.map(async (r) => (await r.json()).updated_at));
    expect(new Set(stamps).size).toBe(31);
    const final = await jsonOf(task(u).$get({ param }), 200);
    expect(final.completed).toBe(true);
    expect(final.updated_at).toBe([...stamps].sort().at(-1));
    expect(await tagOf(u)).not.toBe(before);
  });

  it('two users creating and toggling at once: exact counts, no crossing, each toggle counted once', async () => {
    const CREATES = 20;
    const TOGGLES = [7, 10];
    const users = await Promise.all([signup('pair-a'), signup('pair-b')]);
    const clients = users.map((u) => api(u.token));
    const flips = await Promise.all(clients.map((c) => jsonOf(create(c, 'flip'), 201)));
    const before = await Promise.all(clients.map(tagOf));
    const versionsBefore = await peek((repos) => Promise.all(users.map((u) => repos.tasks.version(u.user.id))));

    // Everything at once, the two users' creates and toggles interleaved.
    const results = await Promise.all(
      clients.flatMap((c, i) => [
        ...Array.from({ length: CREATES }, (_, j) => create(c, `pair${i}-t${j}`)),
        ...Array.from({ length: TOGGLES[i]! }, () => task(c).toggle.$patch({ param: { id: flips[i]!.id } })),
      ]),
    );
    expect(results.map((r) => r.status).filter((st) => st !== 201 && st !== 200)).toEqual([]);

    for (const [i, c] of clients.entries()) {
      const list = await listAll(c);
      expect(list).toHaveLength(CREATES + 1);
      expect(list.every((t) => t.user_id === users[i]!.user.id)).toBe(true);
      expect(list.filter((t) => t.title.startsWith(`pair${1 - i}-`))).toEqual([]);
      expect(new Set(list.map((t) => t.title)).size).toBe(CREATES + 1);
      // An odd number of toggles ends completed, an even one open.
      expect(list.find((t) => t.id === flips[i]!.id)!.completed).toBe(TOGGLES[i]! % 2 === 1);
      expect(list.filter((t) => t.completed)).toHaveLength(TOGGLES[i]! % 2);
      expect(await tagOf(c)).not.toBe(before[i]);
      // The other user's flip task is not this user's: 404, not a toggle.
      expect((await task(c).toggle.$patch({ param: { id: flips[1 - i]!.id } })).status).toBe(404);
    }
    // Each write moved its own user's version exactly once, and no other's.
    const versionsAfter = await peek((repos) => Promise.all(users.map((u) => repos.tasks.version(u.user.id))));
    expect(versionsAfter).toEqual(versionsBefore.map((v, i) => v + CREATES + TOGGLES[i]!));
  });

  it('parallel edits from REST and the chat end in the last accepted write for each field', async () => {
    const s = await signup('mixed');
    const u = api(s.token);
    const param = { id: (await jsonOf(create(u, 'Shared task'), 201)).id };
    // The chat's "it" is the task it last acted on: start the conversation on this task.
    const start = await jsonOf(u.api.v1.chat.$post({ json: { message: 'show shared task' } }), 200);
    const chat = (message: string) =>
      u.api.v1.chat.$post({ json: { message, conversation_id: start.conversation_id } });
    const writes = await Promise.all([
      ...Array.from({ length: 10 }, async (_, i) => {
        const r = await task(u).$patch({ param, json: { priority: i % 2 ? 'high' : 'low' } });
        return { kind: 'priority', status: r.status, found: true, task: await r.json() };
      }),
      ...Array.from({ length: 6 }, async (_, i) => {
        const r = await chat(`rename shared task to Shared task v${i}`);
        const update = (await r.json()).actions.find((a) => a.tool === 'update_task');
        const found = update !== undefined;
        return { kind: 'title', status: r.status, found, task: update && outputOf(update, 'update_task') };
      }),
    ]);
    expect(writes.map((w) => w.status).filter((st) => st !== 200)).toEqual([]);
    const final = await jsonOf(task(u).$get({ param }), 200);
    const last = (kind: string) =>
      writes
        .filter((w) => w.kind === kind && w.task && 'updated_at' in w.task)
        .map((w) => w.task!)
        .sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        .at(-1)!;
    expect(final.priority).toBe(last('priority').priority);
    // Every rename finds the task by its title words, which all versions keep.
    expect(writes.filter((w) => w.kind === 'title' && w.found)).toHaveLength(6);
    expect(final.title).toBe(last('title').title);
    expect(final.updated_at >= last('priority').updated_at).toBe(true);
  });

  it('with If-Match, exactly one of many concurrent edits wins and the rest get 412', async () => {
    const u = api((await signup('ifmatch')).token);
    const contended = await jsonOf(create(u, 'contended'), 201);
    const param = { id: contended.id };
    const headers = { 'If-Match': `"${contended.updated_at}"` };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => task(u).$patch({ param, json: { title: `writer ${i}` } }, { headers })),
    );
    // Typed, a PATCH answers only 200; the 412s come from onError, outside the route's types.
    const statuses = results.map((r): number => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(11);
    const winner = await results.find((r) => r.status === 200)!.json();
    expect((await jsonOf(task(u).$get({ param }), 200)).title).toBe(winner.title);
  });
});
