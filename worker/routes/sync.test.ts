import { describe, expect, it } from 'vitest';
import type { SyncResult, Task } from '../tasks/types';
import { client, errorOf, signup } from '../test/helpers';

const sync = async (c: ReturnType<typeof client>, query = '') => {
  const res = await c.get(`/api/v1/sync${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SyncResult;
};

describe('GET /api/v1/sync', () => {
  it('answers the whole list without since, then only what changed after a version', async () => {
    const user = client((await signup('syncer')).token);
    const a = (await (await user.post('/api/v1/tasks', { title: 'a' })).json()) as Task;
    const b = (await (await user.post('/api/v1/tasks', { title: 'b' })).json()) as Task;
    const first = await sync(user);
    expect(first).toMatchObject({ full: true, deleted: [], version: 2 });
    expect(first.tasks.map((t) => t.title).sort()).toEqual(['a', 'b']);

    await user.patch(`/api/v1/tasks/${a.id}/toggle`);
    await user.delete(`/api/v1/tasks/${b.id}`);
    const c = (await (await user.post('/api/v1/tasks', { title: 'c' })).json()) as Task;
    const delta = await sync(user, `?since=${first.version}`);
    expect(delta).toMatchObject({ full: false, version: 5, deleted: [b.id] });
    expect(delta.tasks.map((t) => [t.id, t.completed]).sort()).toEqual([[a.id, true], [c.id, false]].sort());
    expect(await sync(user, `?since=${delta.version}`)).toEqual({ version: 5, tasks: [], deleted: [], full: false });
    // A version the log cannot answer from (ahead of the user's): the whole list.
    expect((await sync(user, '?since=999')).full).toBe(true);
  });

  it("sees only the user's own changes", async () => {
    const [alice, bob] = [client((await signup('sync-a')).token), client((await signup('sync-b')).token)];
    await alice.post('/api/v1/tasks', { title: 'private' });
    expect(await sync(bob, '?since=0')).toEqual({ version: 0, tasks: [], deleted: [], full: false });
  });

  it('refuses a since that is not a non-negative whole number', async () => {
    const user = client((await signup('sync-bad')).token);
    for (const q of ['?since=-1', '?since=1.5', '?since=abc', '?since=', '?since=1&since=2', '?since=1e3']) {
      const res = await user.get(`/api/v1/sync${q}`);
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path, q).toBe('since');
    }
  });
});
