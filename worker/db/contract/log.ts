import { beforeAll, describe, expect, it } from 'vitest';
import { visible } from '../../tasks/changes';
import { createTaskService, type TaskService } from '../../tasks/service';
import type { Task } from '../../tasks/types';
import { newUser, rejects, type ContractContext } from './context';

const ids = (tasks: Task[]) => tasks.map((t) => t.id).sort();

/** Every write and its event, together or not at all; soft delete; what changed since a version. */
export function changeLogContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: the change log`, () => {
    let svc: TaskService;
    const notified: [string, number][] = [];
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks, { source: 'mcp', notify: (u, v) => notified.push([u, v]) });
    });

    it('records every write as one event, in version order, with its source, changes and task', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'Log me', priority: 'high' });
      await svc.update(user, t.id, { title: 'Logged', description: 'notes' });
      await svc.toggle(user, t.id);
      await svc.as('dashboard').toggle(user, t.id);
      await svc.update(user, t.id, { title: 'Logged' }); // changes nothing: no event
      await svc.remove(user, t.id);
      const restored = await svc.restore(user, t.id);

      const events = await svc.activity(user, { limit: 50 });
      expect(events.map((e) => [e.version, e.action, e.source])).toEqual([
        [6, 'restored', 'mcp'],
        [5, 'deleted', 'mcp'],
        [4, 'reopened', 'dashboard'],
        [3, 'completed', 'mcp'],
        [2, 'updated', 'mcp'],
        [1, 'created', 'mcp'],
      ]);
      expect(await ctx.repos.tasks.version(user)).toBe(6);
      expect(events[4]!.changes).toEqual({
        title: { from: 'Log me', to: 'Logged' },
        description: { from: null, to: 'notes' },
      });
      expect(events[3]!.changes).toEqual({ completed: { from: false, to: true } });
      expect(events[5]!.changes).toMatchObject({
        title: { from: null, to: 'Log me' },
        priority: { from: null, to: 'high' },
      });
      // The task after each event; before it, for the delete.
      expect(events[0]!.task).toEqual(restored);
      expect(events[1]!.task).toMatchObject({ id: t.id, title: 'Logged', completed: false });
      expect(events[1]!.task.updated_at).toBe(events[2]!.task.updated_at);
      expect(events.every((e) => (e.task_id === t.id && e.at === e.task.updated_at) || e.action === 'deleted')).toBe(
        true,
      );
      expect(notified.filter(([u]) => u === user).map(([, v]) => v)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('writes nothing, event or task, when a write is refused or fails half-way', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'Guarded' });
      const [first] = await svc.activity(user, { limit: 1 });
      // An event whose id is taken fails after the task row was written in the same transaction.
      await expect(
        ctx.repos.tasks.change(user, t.id, (before) => ({
          next: {
            ...before,
            title: 'Half-written',
            updated_at: new Date(Date.parse(before.updated_at) + 5).toISOString(),
          },
          event: { ...first!, id: first!.id, action: 'updated', changes: {} },
        })),
      ).rejects.toThrow();
      // A write its decision refuses.
      await expect(
        ctx.repos.tasks.change(user, t.id, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await rejects(svc.update(user, t.id, { title: 'Stale' }, '2020-01-01T00:00:00.000Z'), 412);
      expect(await svc.get(user, t.id)).toEqual(t);
      expect(await ctx.repos.tasks.version(user)).toBe(1);
      expect((await svc.activity(user, { limit: 10 })).map((e) => e.version)).toEqual([1]);
    });

    it('keeps one event per write and loses none when writes to one task race', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'Raced' });
      await Promise.all(Array.from({ length: 9 }, () => svc.toggle(user, t.id)));
      const events = await svc.activity(user, { limit: 50 });
      expect(events.map((e) => e.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect((await svc.get(user, t.id)).completed).toBe(true);
      // Each toggle saw the one before it: actions alternate.
      expect(events.slice(0, 9).map((e) => e.action)).toEqual(
        Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? 'completed' : 'reopened')),
      );
    });
  });
}

/** Deleting is soft: a deleted task can come back until it is purged. */
export function softDeleteContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: soft delete`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });

    it('deletes softly: gone from every read, back with the same id, fields and created_at', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'Soft', description: 'kept', due_date: '2027-01-02T03:04:05.000Z' });
      const done = await svc.toggle(user, t.id);
      await svc.remove(user, t.id);
      await rejects(svc.get(user, t.id), 404);
      await rejects(svc.update(user, t.id, { title: 'x' }), 404);
      await rejects(svc.remove(user, t.id), 404);
      expect((await svc.list(user, { sort: 'created_at', order: 'desc', limit: 100, offset: 0 })).tasks).toEqual([]);
      expect((await ctx.repos.tasks.find(user, t.id))?.deleted_at).not.toBeNull();
      const back = await svc.restore(user, t.id);
      expect({ ...back, updated_at: done.updated_at }).toEqual(done);
      expect(back.updated_at > done.updated_at).toBe(true);
      expect(await svc.get(user, t.id)).toEqual(back);
      await rejects(svc.restore(user, t.id), 404);
      await rejects(svc.restore(newUser(), t.id), 404);
    });

    it('purges tasks deleted before a time, with their events, and nothing else', async () => {
      const user = newUser();
      const old = await svc.create(user, { title: 'old' });
      const recent = await svc.create(user, { title: 'recent' });
      const kept = await svc.create(user, { title: 'kept' });
      await svc.remove(user, old.id);
      const cutoff = new Date(Date.now() + 1000);
      // Deleted a moment after the cutoff, by a service whose clock says so.
      const later = createTaskService(ctx.repos.tasks, { clock: () => new Date(cutoff.getTime() + 1000) });
      await later.remove(user, recent.id);
      expect(await svc.purge(cutoff, 0)).toBeGreaterThanOrEqual(1);
      expect(await ctx.repos.tasks.find(user, old.id)).toBeNull();
      expect(await svc.taskActivity(user, recent.id, { limit: 10 })).toHaveLength(2);
      await rejects(svc.taskActivity(user, old.id, { limit: 10 }), 404);
      expect(visible((await ctx.repos.tasks.find(user, recent.id))!)).toMatchObject({ title: 'recent' });
      expect(await svc.get(user, kept.id)).toEqual(kept);
    });
  });
}

/** What changed after a version: the delta a dashboard asks for. */
export function syncContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: sync`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });

    it('answers what changed after a version, deleted ids included, or says it cannot', async () => {
      const user = newUser();
      const a = await svc.create(user, { title: 'a' });
      const b = await svc.create(user, { title: 'b' });
      const since = await ctx.repos.tasks.version(user);
      const c = await svc.create(user, { title: 'c' });
      await svc.update(user, a.id, { title: 'a2' });
      await svc.remove(user, b.id);
      const delta = await svc.sync(user, since);
      expect(delta).toMatchObject({ version: since + 3, full: false, deleted: [b.id] });
      expect(ids(delta.tasks)).toEqual(ids([c, a]));
      expect(delta.tasks.find((t) => t.id === a.id)?.title).toBe('a2');
      expect(await svc.sync(user, since + 3)).toEqual({ version: since + 3, tasks: [], deleted: [], full: false });
      // From the future, or from before the log began: the whole list.
      for (const v of [since + 4, undefined]) {
        const full = await svc.sync(user, v);
        expect(full.full).toBe(true);
        expect(ids(full.tasks)).toEqual(ids([a, c]));
      }
    });
  });
}
