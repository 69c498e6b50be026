import { describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types';
import { client, peek, signup } from '../test/helpers';

/**
 * Bounded load from many users at once through the Worker's fetch handler
 * (no network): nothing lost, nothing crossed, no 5xx, and concurrent writes
 * to one task end in the state of the last accepted write.
 */

const USERS = 8;
const CREATES_PER_USER = 25;

// Hundreds of requests: more time than the project's 30 s default.
describe('load: many users at once', { timeout: 60_000 }, () => {
  it(`${USERS} users x ${CREATES_PER_USER} parallel creates give exactly that many tasks, each visible only to its owner`, async () => {
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signup(`load${i}`)));
    const responses = await Promise.all(
      users.flatMap((u, i) =>
        Array.from({ length: CREATES_PER_USER }, (_, j) => client(u.token).post('/api/v1/tasks', { title: `u${i}-t${j}` })),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);

    for (const [i, u] of users.entries()) {
      const list = (await (await client(u.token).get('/api/v1/tasks?limit=500')).json()) as Task[];
      expect(list).toHaveLength(CREATES_PER_USER);
      expect(new Set(list.map((t) => t.title))).toEqual(new Set(Array.from({ length: CREATES_PER_USER }, (_, j) => `u${i}-t${j}`)));
      expect(list.every((t) => t.user_id === u.user.id)).toBe(true);
    }
  });

  it('parallel toggles of one task lose none: an odd count ends completed, and each got its own version', async () => {
    const u = client((await signup('toggler')).token);
    const task = (await (await u.post('/api/v1/tasks', { title: 'flip me' })).json()) as Task;
    const before = (await u.get('/api/v1/tasks')).headers.get('ETag');
    const results = await Promise.all(Array.from({ length: 31 }, () => u.patch(`/api/v1/tasks/${task.id}/toggle`)));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const stamps = await Promise.all(results.map(async (r) => ((await r.json()) as Task).updated_at));
    expect(new Set(stamps).size).toBe(31);
    const final = (await (await u.get(`/api/v1/tasks/${task.id}`)).json()) as Task;
    expect(final.completed).toBe(true);
    expect(final.updated_at).toBe([...stamps].sort().at(-1));
    expect((await u.get('/api/v1/tasks')).headers.get('ETag')).not.toBe(before);
  });

  it('two users creating and toggling at once: exact counts, no crossing, each toggle counted once', async () => {
    const CREATES = 20;
    const TOGGLES = [7, 10];
    const users = await Promise.all([signup('pair-a'), signup('pair-b')]);
    const clients = users.map((u) => client(u.token));
    const flips = await Promise.all(clients.map(async (c) => (await (await c.post('/api/v1/tasks', { title: 'flip' })).json()) as Task));
    const before = await Promise.all(clients.map(async (c) => (await c.get('/api/v1/tasks')).headers.get('ETag')));
    const versionsBefore = await peek((repos) => Promise.all(users.map((u) => repos.tasks.version(u.user.id))));

    // Everything at once, the two users' creates and toggles interleaved.
    const results = await Promise.all(
      clients.flatMap((c, i) => [
        ...Array.from({ length: CREATES }, (_, j) => c.post('/api/v1/tasks', { title: `pair${i}-t${j}` })),
        ...Array.from({ length: TOGGLES[i]! }, () => c.patch(`/api/v1/tasks/${flips[i]!.id}/toggle`)),
      ]),
    );
    expect(results.map((r) => r.status).filter((st) => st !== 201 && st !== 200)).toEqual([]);

    for (const [i, c] of clients.entries()) {
      const list = (await (await c.get('/api/v1/tasks?limit=500')).json()) as Task[];
      expect(list).toHaveLength(CREATES + 1);
      expect(list.every((t) => t.user_id === users[i]!.user.id)).toBe(true);
      expect(list.filter((t) => t.title.startsWith(`pair${1 - i}-`))).toEqual([]);
      expect(new Set(list.map((t) => t.title)).size).toBe(CREATES + 1);
      // An odd number of toggles ends completed, an even one open.
      expect(list.find((t) => t.id === flips[i]!.id)!.completed).toBe(TOGGLES[i]! % 2 === 1);
      expect(list.filter((t) => t.completed)).toHaveLength(TOGGLES[i]! % 2);
      expect((await c.get('/api/v1/tasks')).headers.get('ETag')).not.toBe(before[i]);
      // The other user's flip task is not this user's: 404, not a toggle.
      expect((await c.patch(`/api/v1/tasks/${flips[1 - i]!.id}/toggle`)).status).toBe(404);
    }
    // Each write moved its own user's version exactly once, and no other's.
    const versionsAfter = await peek((repos) => Promise.all(users.map((u) => repos.tasks.version(u.user.id))));
    expect(versionsAfter).toEqual(versionsBefore.map((v, i) => v + CREATES + TOGGLES[i]!));
  });

  it('parallel edits from REST and the chat end in the last accepted write for each field', async () => {
    const s = await signup('mixed');
    const u = client(s.token);
    const task = (await (await u.post('/api/v1/tasks', { title: 'Shared task' })).json()) as Task;
    // The chat's "it" is the task it last acted on: start the conversation on this task.
    const start = (await (await u.post('/api/v1/chat', { message: 'show shared task' })).json()) as { conversation_id: string };
    const writes = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => u.patch(`/api/v1/tasks/${task.id}`, { priority: i % 2 ? 'high' : 'low' }).then(async (r) => ({ kind: 'priority', status: r.status, task: (await r.json()) as Task }))),
      ...Array.from({ length: 6 }, (_, i) =>
        u.post('/api/v1/chat', { message: `rename shared task to Shared task v${i}`, conversation_id: start.conversation_id }).then(async (r) => {
          const body = (await r.json()) as { actions: { tool: string; output: Task }[] };
          const update = body.actions.find((a) => a.tool === 'update_task');
          return { kind: 'title', status: r.status, task: update?.output };
        }),
      ),
    ]);
    expect(writes.map((w) => w.status).filter((st) => st !== 200)).toEqual([]);
    const final = (await (await u.get(`/api/v1/tasks/${task.id}`)).json()) as Task;
    const last = (kind: string) =>
      writes
        .filter((w) => w.kind === kind && w.task && 'updated_at' in w.task)
        .map((w) => w.task!)
        .sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        .at(-1)!;
    expect(final.priority).toBe(last('priority').priority);
    // Every rename finds the task by its title words, which all versions keep.
    expect(writes.filter((w) => w.kind === 'title' && w.task)).toHaveLength(6);
    expect(final.title).toBe(last('title').title);
    expect(final.updated_at >= last('priority').updated_at).toBe(true);
  });

  it('with If-Match, exactly one of many concurrent edits wins and the rest get 412', async () => {
    const u = client((await signup('ifmatch')).token);
    const task = (await (await u.post('/api/v1/tasks', { title: 'contended' })).json()) as Task;
    const tag = `"${task.updated_at}"`;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => u.patch(`/api/v1/tasks/${task.id}`, { title: `writer ${i}` }, { 'If-Match': tag })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(11);
    const winner = (await results.find((r) => r.status === 200)!.json()) as Task;
    expect(((await (await u.get(`/api/v1/tasks/${task.id}`)).json()) as Task).title).toBe(winner.title);
  });
});
