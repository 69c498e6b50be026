import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionLost, token, type Task } from './api';
import { drafts } from './drafts';
import { notices } from './notices';
import { createTask, deleteTask, PAGE_SIZE, refresh, resetTasks, tasks, toggleTask } from './tasks';

/** A small stand-in for the Worker's task routes, with ETags and If-Match as the API has them. */
function fakeApi() {
  const rows = new Map<string, Task>();
  const requests: { url: string; method: string; headers: Headers }[] = [];
  let version = 0;
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  const stamp = () => new Date((clock += 1000)).toISOString();
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const error = (status: number, code: string) => json(status, { error: { code, message: code } });
  let override: ((req: Request) => Response | Promise<Response> | undefined) | undefined;

  const api = {
    rows,
    requests,
    /** Answers the next matching requests itself (a failure, say) until cleared. */
    intercept(fn: typeof override) {
      override = fn;
    },
    add(title: string, over: Partial<Task> = {}) {
      const at = stamp();
      const t: Task = { id: crypto.randomUUID(), user_id: 'u1', title, description: null, completed: false, priority: 'medium', due_date: null, created_at: at, updated_at: at, ...over };
      rows.set(t.id, t);
      version++;
      return t;
    },
    /** Another client changes a task behind the page's back. */
    change(id: string, patch: Partial<Task>) {
      rows.set(id, { ...rows.get(id)!, ...patch, updated_at: stamp() });
      version++;
    },
    async fetch(input: string, init?: RequestInit): Promise<Response> {
      const req = new Request(new URL(input, 'http://app.test'), init);
      requests.push({ url: req.url, method: req.method, headers: req.headers });
      return override?.(req) ?? api.handle(req);
    },
    async handle(req: Request): Promise<Response> {
      const path = new URL(req.url).pathname;
      const m = /^\/api\/v1\/tasks(?:\/([^/]+))?(\/toggle)?$/.exec(path);
      if (!m) return error(404, 'not_found');
      const [, id, toggle] = m;
      if (!id) {
        if (req.method === 'GET') {
          const tag = `"v${version}"`;
          if (req.headers.get('If-None-Match') === tag) return new Response(null, { status: 304, headers: { ETag: tag } });
          const q = new URL(req.url).searchParams;
          const offset = Number(q.get('offset') ?? 0);
          const limit = Number(q.get('limit') ?? 100);
          return json(200, [...rows.values()].reverse().slice(offset, offset + limit), { ETag: tag });
        }
        return json(201, api.add(((await req.json()) as { title: string }).title));
      }
      const row = rows.get(id);
      if (!row) return error(404, 'not_found');
      const ifMatch = req.headers.get('If-Match');
      if (ifMatch && ifMatch !== `"${row.updated_at}"`) return error(412, 'precondition_failed');
      if (req.method === 'DELETE') {
        rows.delete(id);
        version++;
        return new Response(null, { status: 204 });
      }
      api.change(id, toggle ? { completed: !row.completed } : ((await req.json()) as Partial<Task>));
      return json(200, rows.get(id));
    },
  };
  return api;
}

let server: ReturnType<typeof fakeApi>;
const titles = () => tasks.value.map((t) => `${t.title}${t.completed ? ' ✓' : ''}`);
const lastNotice = () => notices.value.at(-1)?.text ?? '';

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

describe('the task model', () => {
  it('polls cheaply: sends the last ETag back and keeps the list on a 304', async () => {
    server.add('Buy milk');
    await refresh();
    expect(titles()).toEqual(['Buy milk']);
    await refresh();
    const [first, second] = server.requests;
    expect(first!.headers.get('If-None-Match')).toBeNull();
    expect(first!.headers.get('Authorization')).toBe('Bearer a-token');
    expect(second!.headers.get('If-None-Match')).toBe('"v1"');
    expect(titles()).toEqual(['Buy milk']);
    server.add('Call mom');
    await refresh();
    expect(titles()).toEqual(['Call mom', 'Buy milk']);
  });

  it('loads a list longer than one page, page after page, and polls only the first', async () => {
    for (let i = 0; i < PAGE_SIZE * 2 + 3; i++) server.add(`Task ${i}`);
    await refresh();
    expect(tasks.value).toHaveLength(PAGE_SIZE * 2 + 3);
    expect(new Set(tasks.value.map((t) => t.id)).size).toBe(PAGE_SIZE * 2 + 3);
    expect(titles().at(-1)).toBe('Task 0');
    expect(server.requests.map((r) => new URL(r.url).searchParams.get('offset'))).toEqual(['0', '500', '1000']);
    await refresh();
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3]!.headers.get('If-None-Match')).toBe(`"v${PAGE_SIZE * 2 + 3}"`);
  });

  it('toggles at once, sends If-Match with the version it saw, then keeps the server copy', async () => {
    const t = server.add('Buy milk');
    await refresh();
    const done = toggleTask(t.id);
    expect(titles()).toEqual(['Buy milk ✓']); // before the server answers
    expect(await done).toBe(true);
    const toggle = server.requests.find((r) => r.url.endsWith('/toggle'))!;
    expect(toggle.method).toBe('PATCH');
    expect(toggle.headers.get('If-Match')).toBe(`"${t.updated_at}"`);
    expect(tasks.value[0]!.updated_at).toBe(server.rows.get(t.id)!.updated_at);
  });

  it('says X-Source: dashboard on every request, so the change log credits the dashboard', async () => {
    const t = server.add('Buy milk');
    await refresh();
    await toggleTask(t.id);
    await deleteTask(t.id);
    await createTask({ title: 'Call mom' });
    expect(server.requests.map((r) => r.method)).toContain('DELETE');
    expect(server.requests.every((r) => r.headers.get('X-Source') === 'dashboard')).toBe(true);
  });

  it('on 412 rolls back, says why, and shows the version another client wrote', async () => {
    const t = server.add('Buy milk');
    await refresh();
    server.change(t.id, { title: 'Buy oat milk' });
    expect(await toggleTask(t.id)).toBe(false);
    await refresh();
    expect(titles()).toEqual(['Buy oat milk']);
    expect(server.rows.get(t.id)!.completed).toBe(false);
    expect(lastNotice()).toContain('was changed somewhere else');
  });

  it('ignores a poll that answers while a change is on its way, then shows the change', async () => {
    const t = server.add('Buy milk');
    await refresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.intercept((req) => (req.url.endsWith('/toggle') ? gate.then(() => server.handle(req)) : undefined));
    const done = toggleTask(t.id);
    server.add('Call mom'); // the list changed, so the poll gets a full (stale for Buy milk) answer
    await refresh();
    expect(titles()).toEqual(['Buy milk ✓']);
    release();
    await done;
    await refresh();
    expect(titles()).toEqual(['Call mom', 'Buy milk ✓']);
  });

  it('rolls a failed delete back into the list and says so', async () => {
    const t = server.add('Buy milk');
    await refresh();
    server.intercept((req) => (req.method === 'DELETE' ? new Response('{"error":{"code":"internal_error","message":"Boom"}}', { status: 500 }) : undefined));
    const gone = deleteTask(t.id);
    expect(titles()).toEqual([]);
    expect(await gone).toBe(false);
    expect(titles()).toEqual(['Buy milk']);
    expect(lastNotice()).toMatch(/Could not delete “Buy milk”: Boom/);
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
    expect(lastNotice()).toContain('Could not add “Water plants”');
  });

  it('a 401 ends the session but keeps the draft', async () => {
    drafts.newTask.value = 'Half-typed';
    server.intercept(() => new Response('{"error":{"code":"unauthorized","message":"Token expired"}}', { status: 401 }));
    await refresh();
    expect(token.value).toBeNull();
    expect(sessionLost.value).toBe(true);
    expect(drafts.newTask.value).toBe('Half-typed');
    expect(sessionStorage.getItem('draft.newTask')).toBe('"Half-typed"');
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
