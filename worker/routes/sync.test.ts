import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { api, client, errorOf, jsonOf, signup, type Answer, type Api } from '../test/helpers';

type SyncQuery = InferRequestType<Api['api']['v1']['sync']['$get']>['query'];

const sync = (c: Api, query: SyncQuery = {}) => jsonOf(c.api.v1.sync.$get({ query }), 200);
const create = (c: Api, title: string) => jsonOf(c.api.v1.tasks.$post({ json: { title } }), 201);

describe('GET /api/v1/sync', () => {
  it('answers the whole list without since, then only what changed after a version', async () => {
    const user = api((await signup('syncer')).token);
    const a = await create(user, 'a');
    const b = await create(user, 'b');
    const first = await sync(user);
    expect(first).toMatchObject({ full: true, deleted: [], version: 2 });
    expect(first.tasks.map((t) => t.title).sort()).toEqual(['a', 'b']);

    await user.api.v1.tasks[':id'].toggle.$patch({ param: { id: a.id } });
    await user.api.v1.tasks[':id'].$delete({ param: { id: b.id } });
    const c = await create(user, 'c');
    const delta = await sync(user, { since: String(first.version) });
    expect(delta).toMatchObject({ full: false, version: 5, deleted: [b.id] });
    expect(delta.tasks.map((t) => [t.id, t.completed]).sort()).toEqual(
      [
        [a.id, true],
        [c.id, false],
      ].sort(),
    );
    expect(await sync(user, { since: String(delta.version) })).toEqual({
      version: 5,
      tasks: [],
      deleted: [],
      full: false,
    });
    // A version the log cannot answer from (ahead of the user's): the whole list.
    expect((await sync(user, { since: '999' })).full).toBe(true);
  });

  it("sees only the user's own changes", async () => {
    const [alice, bob] = [api((await signup('sync-a')).token), api((await signup('sync-b')).token)];
    await create(alice, 'private');
    expect(await sync(bob, { since: '0' })).toEqual({ version: 0, tasks: [], deleted: [], full: false });
  });

  it('refuses a since that is not a non-negative whole number', async () => {
    const { token } = await signup('sync-bad');
    const user = api(token);
    const expectRefused = async (res: Answer, q: string) => {
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path, q).toBe('since');
    };
    for (const since of ['-1', '1.5', 'abc', '', '1e3']) {
      await expectRefused(await user.api.v1.sync.$get({ query: { since } }), `?since=${since}`);
    }
    // Raw: since given twice, which the typed client refuses to send.
    await expectRefused(await client(token).get('/api/v1/sync?since=1&since=2'), '?since=1&since=2');
  });
});
