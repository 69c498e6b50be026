import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { sessionLost, token } from './api';
import { drafts } from './drafts';
import { notices } from './notices';
import { listVersion, refresh, resetTasks, tasks } from './tasks';
import { createTask, deleteTask, toggleTask, undoEvent, undoOwn, updateTask } from './writes';

let server: ReturnType<typeof fakeApi>;
/** The list as the model holds it, sorted by title (its order is the views' business). */
const titles = () => tasks.value.map((t) => `${t.title}${t.completed ? ' ✓' : ''}`).sort();
const lastNotice = () => notices.value.at(-1);
const syncs = () => server.calls('/api/v1/sync').map((r) => new URL(r.url).searchParams.get('since'));

beforeEach(async () => {
  server = fakeApi();
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => server.fetch(input, init));
  token.value = 'a-token';
  sessionLost.value = false;
  drafts.newTask.value = '';
  notices.value = [];
  resetTasks();
});
afterEach(() => vi.unstubAllGlobals());

describe('sync', () => {
  it('loads the whole list once, then asks only for what changed after its version', async () => {
    const milk = server.add('Buy milk');
    const rent = server.add('Pay rent');
    await refresh();
    expect(titles()).toEqual(['Buy milk', 'Pay rent']);
    expect(listVersion.value).toBe(2);
    const held = tasks.value.find((t) => t.id === rent.id);

    server.change(milk.id, { title: 'Buy oat milk' });
    server.add('Call mom');
    await refresh();
    expect(titles()).toEqual(['Buy oat milk', 'Call mom', 'Pay rent']);
    // The untouched task is the same object: its row does not render again.
    expect(tasks.value.find((t) => t.id === rent.id)).toBe(held);

    server.remove(rent.id);
    await refresh();
    expect(titles()).toEqual(['Buy oat milk', 'Call mom']);
    expect(syncs()).toEqual([null, '2', '4']);
    expect(server.requests[0]!.headers.get('Authorization')).toBe('Bearer a-token');
  });

  it('an unchanged version answers an empty delta and leaves the list as it was', async () => {
    server.add('Buy milk');
    await refresh();
    const before = tasks.value;
    await refresh();
    expect(tasks.value).toBe(before);
    expect(syncs()).toEqual([null, '1']);
  });

  it('replaces everything when the server answers with the full list', async () => {
    server.add('Buy milk');
    await refresh();
    // The server no longer knows this version (say, its database was reset): it sends everything.
    server.rows.clear();
    server.events.length = 0;
    server.add('Fresh start');
    server.intercept((req) =>
      req.url.includes('/sync')
        ? Response.json({ version: 1, tasks: server.live(), deleted: [], full: true })
        : undefined,
    );
    await refresh();
    expect(titles()).toEqual(['Fresh start']);
  });

  it('asks nothing for a pushed version it already has, and once for a newer one', async () => {
    server.add('Buy milk');
    await refresh();
    await refresh(1);
    expect(syncs()).toEqual([null]);
    server.add('Call mom');
    await refresh(2);
    expect(syncs()).toEqual([null, '1']);
    expect(titles()).toEqual(['Buy milk', 'Call mom']);
  });

  it('folds pushes that arrive during a sync into one follow-up, and none when the answer covered them', async () => {
    server.add('Buy milk');
    await refresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.intercept((req) => (req.url.includes('/sync') ? gate.then(() => server.handle(req)) : undefined));
    server.add('One');
    const first = refresh(2);
    server.add('Two');
    void refresh(3);
    void refresh(3);
    release();
    await first;
    server.intercept(undefined);
    // The first answer was written after both changes: it covers version 3, so no second request.
    expect(syncs()).toEqual([null, '1']);
    expect(titles()).toEqual(['Buy milk', 'One', 'Two']);

    // A push lands while a sync is out, after the server wrote that sync's answer: one follow-up fetches it.
    let hold!: () => void;
    const gate2 = new Promise<void>((r) => (hold = r));
    server.intercept((req) => {
      if (!req.url.includes('/sync')) return undefined;
      const answer = server.handle(req); // the answer as of now, sent later
      return gate2.then(() => answer);
    });
    const second = refresh();
    await vi.waitFor(() => expect(syncs()).toHaveLength(3));
    server.add('Three');
    void refresh(4);
    hold();
    await second;
    expect(syncs()).toEqual([null, '1', '3', '3']);
    expect(titles()).toContain('Three');
  });

  it('drops a sync that answers while a write is on its way, then shows both', async () => {
    const t = server.add('Buy milk');
    await refresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.intercept((req) => (req.url.endsWith('/toggle') ? gate.then(() => server.handle(req)) : undefined));
    const done = toggleTask(t.id);
    server.add('Call mom'); // the list changed, so a sync now brings a (stale for Buy milk) delta
    await refresh();
    expect(titles()).toEqual(['Buy milk ✓']);
    release();
    await done;
    await refresh();
    expect(titles()).toEqual(['Buy milk ✓', 'Call mom']);
  });

  it('a 401 ends the session but keeps the draft', async () => {
    drafts.newTask.value = 'Half-typed';
    server.intercept(
      () => new Response('{"error":{"code":"unauthorized","message":"Token expired"}}', { status: 401 }),
    );
    await refresh();
    expect(token.value).toBeNull();
    expect(sessionLost.value).toBe(true);
    expect(drafts.newTask.value).toBe('Half-typed');
    expect(sessionStorage.getItem('draft.newTask')).toBe('"Half-typed"');
  });

  it('forgets the list on logout, and drops an answer meant for the previous user', async () => {
    server.add('Secret');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.intercept((req) => gate.then(() => server.handle(req)));
    const late = refresh();
    resetTasks();
    release();
    await late;
    expect(tasks.value).toEqual([]);
    expect(listVersion.value).toBeNull();
  });
});

describe('writes', () => {
  it('toggles at once, sends If-Match with the version it saw and X-Source, then keeps the server copy', async () => {
    const t = server.add('Buy milk');
    await refresh();
    const done = toggleTask(t.id);
    expect(titles()).toEqual(['Buy milk ✓']); // before the server answers
    expect(await done).toBe(true);
    const [toggle] = server.calls(`/api/v1/tasks/${t.id}/toggle`, 'PATCH');
    expect(toggle!.headers.get('If-Match')).toBe(`"${t.updated_at}"`);
    expect(tasks.value[0]!.updated_at).toBe(server.rows.get(t.id)!.updated_at);
    expect(server.events.at(-1)).toMatchObject({ action: 'completed', source: 'dashboard' });
  });

  it('says X-Source: dashboard on every write', async () => {
    await refresh();
    const created = await createTask({ title: 'Buy milk' });
    await toggleTask(created!.id);
    await updateTask(created!.id, { title: 'Buy oat milk' });
    await deleteTask(created!.id);
    const writes = server.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH', 'DELETE']);
    expect(writes.every((r) => r.headers.get('X-Source') === 'dashboard')).toBe(true);
    expect(server.events.map((e) => e.source)).toEqual(['dashboard', 'dashboard', 'dashboard', 'dashboard']);
  });

  it('on 412 rolls back, says why, and shows the version another client wrote', async () => {
    const t = server.add('Buy milk');
    await refresh();
    server.change(t.id, { title: 'Buy oat milk' });
    expect(await toggleTask(t.id)).toBe(false);
    await refresh();
    expect(titles()).toEqual(['Buy oat milk']);
    expect(server.rows.get(t.id)!.completed).toBe(false);
    expect(lastNotice()?.text).toContain('was changed somewhere else');
  });

  it('rolls a failed delete back into the list and says so', async () => {
    const t = server.add('Buy milk');
    await refresh();
    server.intercept((req) =>
      req.method === 'DELETE'
        ? new Response('{"error":{"code":"internal_error","message":"Boom"}}', { status: 500 })
        : undefined,
    );
    const gone = deleteTask(t.id);
    expect(titles()).toEqual([]);
    expect(await gone).toBe(false);
    expect(titles()).toEqual(['Buy milk']);
    expect(lastNotice()?.text).toMatch(/Could not delete “Buy milk”: Boom/);
  });

  it('removes a task whose creation failed and gives its title back to the field', async () => {
    await refresh();
    server.intercept((req) => (req.method === 'POST' ? new Response('nope', { status: 503 }) : undefined));
    const created = createTask({ title: 'Water plants' });
    expect(titles()).toEqual(['Water plants']);
    expect(tasks.value[0]!.id).toMatch(/^pending-/);
    expect(await created).toBeNull();
    expect(titles()).toEqual([]);
    expect(drafts.newTask.value).toBe('Water plants');
    expect(lastNotice()?.text).toContain('Could not add “Water plants”');
  });

  it('announces every successful change to other tabs, and nothing else', async () => {
    const heard: unknown[] = [];
    const other = new BroadcastChannel('tasks');
    other.onmessage = (e) => heard.push(e.data);
    try {
      const t = server.add('Buy milk');
      await refresh();
      await toggleTask(t.id);
      server.change(t.id, { title: 'Elsewhere' });
      await toggleTask(t.id); // 412: not a change
      await vi.waitFor(() => expect(heard).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([expect.objectContaining({ type: 'tasks-changed' })]);
    } finally {
      other.close();
    }
  });
});

describe('undo through the change log', () => {
  const undo = () => lastNotice()!.action!.run();
  const undoCalls = () => server.calls(/^\/api\/v1\/activity\/.+\/undo$/, 'POST');

  it('undoes a delete: the same task comes back with its id', async () => {
    const t = server.add('Walk the dog', { priority: 'high', completed: true });
    await refresh();
    await deleteTask(t.id);
    expect(titles()).toEqual([]);
    expect(lastNotice()).toMatchObject({ text: 'Deleted “Walk the dog”.', action: { label: 'Undo' } });
    const before = server.requests.length;
    undo();
    await vi.waitFor(() => expect(titles()).toEqual(['Walk the dog ✓']));
    expect(tasks.value[0]!.id).toBe(t.id);
    expect(tasks.value[0]!.priority).toBe('high');
    // One small read finds the delete's event, one call undoes it; no task is created.
    const after = server.requests.slice(before).filter((r) => !r.path.endsWith('/sync'));
    expect(
      after.map((r) => `${r.method} ${r.path.replace(t.id, ':id').replace(/activity\/[^/]+/, 'activity/:event')}`),
    ).toEqual(['GET /api/v1/tasks/:id/activity', 'POST /api/v1/activity/:event/undo']);
    expect(server.events.at(-1)).toMatchObject({ action: 'restored', source: 'dashboard', task_id: t.id });
    expect(lastNotice()?.text).toBe('Restored “Walk the dog”.');
  });

  it('undoes an add: the new task goes again', async () => {
    await refresh();
    await createTask({ title: 'Added by mistake' });
    expect(lastNotice()).toMatchObject({ text: 'Added “Added by mistake”.', action: { label: 'Undo' } });
    undo();
    await vi.waitFor(() => expect(titles()).toEqual([]));
    expect(server.events.at(-1)).toMatchObject({ action: 'deleted', source: 'dashboard' });
  });

  it('undoes a toggle and an edit', async () => {
    const t = server.add('Buy milk');
    await refresh();
    await toggleTask(t.id);
    expect(lastNotice()?.text).toBe('Completed “Buy milk”.');
    undo();
    await vi.waitFor(() => expect(titles()).toEqual(['Buy milk']));
    await updateTask(t.id, { title: 'Buy oat milk', priority: 'high' });
    expect(lastNotice()?.text).toBe('Saved “Buy oat milk”.');
    undo();
    await vi.waitFor(() => expect(titles()).toEqual(['Buy milk']));
    expect(server.rows.get(t.id)).toMatchObject({ title: 'Buy milk', priority: 'medium', completed: false });
    expect(undoCalls()).toHaveLength(2);
  });

  it('leaves a task alone that changed elsewhere after the write, and says so', async () => {
    const t = server.add('Buy milk');
    await refresh();
    await toggleTask(t.id);
    server.change(t.id, { title: 'Buy oat milk' }, 'chat');
    expect(
      await undoOwn({ taskId: t.id, title: 'Buy milk', action: 'completed', updatedAt: tasks.value[0]!.updated_at }),
    ).toBe(false);
    expect(undoCalls()).toHaveLength(0);
    expect(lastNotice()).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('changed somewhere else after that'),
    });
    expect(server.rows.get(t.id)).toMatchObject({ title: 'Buy oat milk', completed: true });
  });

  it('a 412 from the server (a change landed in between) leaves it alone too', async () => {
    const t = server.add('Buy milk');
    await refresh();
    const [created] = server.events;
    server.intercept((req) =>
      req.url.includes('/undo')
        ? new Response('{"error":{"code":"precondition_failed","message":"x"}}', { status: 412 })
        : undefined,
    );
    expect(await undoEvent(created!)).toBe(false);
    expect(titles()).toEqual(['Buy milk']);
    expect(lastNotice()?.text).toContain('changed somewhere else after that');
    expect(t.id).toBe(created!.task_id);
  });

  it('offers no undo for an edit that changed nothing', async () => {
    const t = server.add('Buy milk');
    await refresh();
    await updateTask(t.id, { title: 'Buy milk' });
    expect(lastNotice()?.action).toBeUndefined();
  });
});
