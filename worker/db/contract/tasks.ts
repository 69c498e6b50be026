import { beforeAll, describe, expect, it } from 'vitest';
import { createTaskService, type TaskService } from '../../tasks/service';
import type { TaskListQuery } from '../../tasks/types';
import { newUser, rejects, type ContractContext } from './context';

const all: TaskListQuery = { sort: 'created_at', order: 'desc', limit: 100, offset: 0 };

/** Creating a task and reading it back, and only its owner can. */
export function taskReadContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: tasks`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });
    const titles = async (user: string, q: Partial<TaskListQuery> = {}) =>
      (await svc.list(user, { ...all, ...q })).tasks.map((t) => t.title);

    it('creates with defaults and reads it back', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'Buy milk' });
      expect(t).toMatchObject({
        user_id: user,
        title: 'Buy milk',
        description: null,
        completed: false,
        priority: 'medium',
        due_date: null,
      });
      expect(t.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(t.updated_at).toBe(t.created_at);
      expect(await svc.get(user, t.id)).toEqual(t);
    });

    it('keeps every field as given, timestamps as ISO strings', async () => {
      const user = newUser();
      const t = await svc.create(user, {
        title: 'Dentist',
        description: 'Bring the form',
        priority: 'high',
        due_date: '2026-12-01T09:30:00.000Z',
      });
      expect(await svc.get(user, t.id)).toMatchObject({
        description: 'Bring the form',
        priority: 'high',
        due_date: '2026-12-01T09:30:00.000Z',
        completed: false,
      });
    });

    it("never shows or touches another user's task", async () => {
      const [alice, bob] = [newUser(), newUser()];
      const t = await svc.create(alice, { title: 'Private' });
      await rejects(svc.get(bob, t.id), 404);
      await rejects(svc.update(bob, t.id, { title: 'Hijacked' }), 404);
      await rejects(svc.toggle(bob, t.id), 404);
      await rejects(svc.remove(bob, t.id), 404);
      expect(await titles(bob)).toEqual([]);
      expect(await svc.get(alice, t.id)).toEqual(t);
    });

    it('answers 404 for ids that do not exist or cannot exist', async () => {
      const user = newUser();
      await rejects(svc.get(user, crypto.randomUUID()), 404);
      await rejects(svc.get(user, "1' or '1'='1"), 404);
      await rejects(svc.remove(user, 'not-a-uuid'), 404);
    });
  });
}

/** Listing: order, filters, search, sorts and pages. */
export function taskListContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: task lists`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });
    const titles = async (user: string, q: Partial<TaskListQuery> = {}) =>
      (await svc.list(user, { ...all, ...q })).tasks.map((t) => t.title);

    it('lists newest first, scoped to the user', async () => {
      const [user, other] = [newUser(), newUser()];
      for (const title of ['one', 'two', 'three']) await svc.create(user, { title });
      await svc.create(other, { title: 'not mine' });
      expect(await titles(user)).toEqual(['three', 'two', 'one']);
      expect(await titles(user, { order: 'asc' })).toEqual(['one', 'two', 'three']);
    });

    it('filters by completion and priority', async () => {
      const user = newUser();
      const a = await svc.create(user, { title: 'a', priority: 'high' });
      await svc.create(user, { title: 'b', priority: 'low' });
      await svc.create(user, { title: 'c', priority: 'high' });
      await svc.toggle(user, a.id);
      expect(await titles(user, { completed: true })).toEqual(['a']);
      expect(await titles(user, { completed: false })).toEqual(['c', 'b']);
      expect(await titles(user, { priority: 'high' })).toEqual(['c', 'a']);
      expect(await titles(user, { priority: 'high', completed: false })).toEqual(['c']);
    });

    it('searches title and description case-insensitively, beyond ASCII, with no wildcards', async () => {
      const user = newUser();
      await svc.create(user, { title: 'Call MOM' });
      await svc.create(user, { title: 'Groceries', description: 'Milk, Éclairs and bread' });
      await svc.create(user, { title: '100% done_ish' });
      await svc.create(user, { title: 'Straße fegen' });
      expect(await titles(user, { q: 'mom' })).toEqual(['Call MOM']);
      expect(await titles(user, { q: 'éclair' })).toEqual(['Groceries']);
      expect(await titles(user, { q: 'ÉCLAIRS' })).toEqual(['Groceries']);
      expect(await titles(user, { q: 'STRASSE' })).toEqual([]);
      expect(await titles(user, { q: 'straße' })).toEqual(['Straße fegen']);
      expect(await titles(user, { q: '%' })).toEqual(['100% done_ish']);
      expect(await titles(user, { q: '_' })).toEqual(['100% done_ish']);
      expect(await titles(user, { q: "' or 1=1 --" })).toEqual([]);
    });

    it('sorts by priority rank, due date (undated last) and updated_at', async () => {
      const user = newUser();
      const low = await svc.create(user, { title: 'low', priority: 'low', due_date: '2026-03-03T00:00:00.000Z' });
      await svc.create(user, { title: 'high', priority: 'high' });
      await svc.create(user, { title: 'medium', priority: 'medium', due_date: '2026-01-01T00:00:00.000Z' });
      expect(await titles(user, { sort: 'priority', order: 'desc' })).toEqual(['high', 'medium', 'low']);
      expect(await titles(user, { sort: 'priority', order: 'asc' })).toEqual(['low', 'medium', 'high']);
      expect(await titles(user, { sort: 'due_date', order: 'asc' })).toEqual(['medium', 'low', 'high']);
      expect(await titles(user, { sort: 'due_date', order: 'desc' })).toEqual(['low', 'medium', 'high']);
      await svc.update(user, low.id, { description: 'touched' });
      expect((await titles(user, { sort: 'updated_at', order: 'desc' }))[0]).toBe('low');
    });

    it('pages with limit and offset', async () => {
      const user = newUser();
      for (let i = 1; i <= 5; i++) await svc.create(user, { title: `t${i}` });
      expect(await titles(user, { limit: 2 })).toEqual(['t5', 't4']);
      expect(await titles(user, { limit: 2, offset: 2 })).toEqual(['t3', 't2']);
      expect(await titles(user, { limit: 2, offset: 4 })).toEqual(['t1']);
      expect(await titles(user, { offset: 10 })).toEqual([]);
    });
  });
}

/** Updates, toggles and deletes, conditional ones included. */
export function taskWriteContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: task writes`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });
    const titles = async (user: string, q: Partial<TaskListQuery> = {}) =>
      (await svc.list(user, { ...all, ...q })).tasks.map((t) => t.title);

    it('updates only the given fields and can clear nullable ones', async () => {
      const user = newUser();
      const t = await svc.create(user, {
        title: 'Old',
        description: 'desc',
        priority: 'low',
        due_date: '2026-05-05T10:00:00.000Z',
      });
      const u = await svc.update(user, t.id, { title: 'New' });
      expect(u).toMatchObject({ title: 'New', description: 'desc', priority: 'low', due_date: t.due_date });
      expect(u.updated_at > t.updated_at).toBe(true);
      expect(u.created_at).toBe(t.created_at);
      const cleared = await svc.update(user, t.id, { description: null, due_date: null, completed: true });
      expect(cleared).toMatchObject({ title: 'New', description: null, due_date: null, completed: true });
      expect(await titles(user, { q: 'desc' })).toEqual([]);
      expect(await titles(user, { q: 'new' })).toEqual(['New']);
    });

    it('toggles and toggles back', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'flip' });
      expect((await svc.toggle(user, t.id)).completed).toBe(true);
      expect((await svc.toggle(user, t.id)).completed).toBe(false);
    });

    it('gives every write a later updated_at, even within one millisecond', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'fast' });
      const stamps = [t.updated_at];
      for (let i = 0; i < 5; i++) stamps.push((await svc.toggle(user, t.id)).updated_at);
      for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    });

    it('deletes, after which the task is gone', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'bye' });
      await svc.remove(user, t.id);
      await rejects(svc.get(user, t.id), 404);
      await rejects(svc.remove(user, t.id), 404);
      expect(await titles(user)).toEqual([]);
    });

    it('honours ifUpdatedAt: a stale write is refused and changes nothing', async () => {
      const user = newUser();
      const t = await svc.create(user, { title: 'v1' });
      const v2 = await svc.update(user, t.id, { title: 'v2' }, t.updated_at);
      await rejects(svc.update(user, t.id, { title: 'stale' }, t.updated_at), 412);
      await rejects(svc.toggle(user, t.id, t.updated_at), 412);
      await rejects(svc.remove(user, t.id, t.updated_at), 412);
      expect(await svc.get(user, t.id)).toEqual(v2);
      await rejects(svc.update(user, crypto.randomUUID(), { title: 'x' }, t.updated_at), 404);
      await svc.remove(user, t.id, v2.updated_at);
      await rejects(svc.get(user, t.id), 404);
    });
  });
}

/** The list's entity tag follows every change, and nothing else. */
export function listTagContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: list tag`, () => {
    let svc: TaskService;
    beforeAll(() => {
      svc = createTaskService(ctx.repos.tasks);
    });

    it('changes on create, update, toggle and delete, and only for the owner', async () => {
      const [user, other] = [newUser(), newUser()];
      const tags = [await svc.listTag(user, all)];
      const next = async () => {
        const tag = await svc.listTag(user, all);
        expect(tags).not.toContain(tag);
        tags.push(tag);
      };
      const t = await svc.create(user, { title: 'x' });
      await next();
      await svc.update(user, t.id, { priority: 'high' });
      await next();
      await svc.toggle(user, t.id);
      await next();
      const before = tags.at(-1);
      await svc.create(other, { title: 'theirs' });
      await rejects(svc.toggle(other, t.id), 404);
      await rejects(svc.remove(user, crypto.randomUUID()), 404);
      expect(await svc.listTag(user, all)).toBe(before);
      await svc.remove(user, t.id);
      await next();
    });

    it('matches the tag the list was read with, and differs per query and per user', async () => {
      const [user, other] = [newUser(), newUser()];
      await svc.create(user, { title: 'x' });
      const { tag } = await svc.list(user, all);
      expect(await svc.listTag(user, all)).toBe(tag);
      expect(await svc.listTag(user, { ...all, completed: true })).not.toBe(tag);
      expect(await svc.listTag(other, all)).not.toBe(await svc.listTag(newUser(), all));
    });
  });
}
