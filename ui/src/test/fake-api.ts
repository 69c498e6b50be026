import type { Task, TaskEvent } from '../state/api';

type Stored = Task & { deleted_at: string | null };
type Action = TaskEvent['action'];
type Changes = TaskEvent['changes'];

const FIELDS = ['title', 'description', 'priority', 'due_date', 'completed'] as const;

/**
 * A small stand-in for the Worker's task routes, as the UI uses them: writes
 * with ETags and If-Match, a change log with sources and versions, /sync
 * deltas, undo, and live tickets. Every request is recorded.
 */
export function fakeApi() {
  const rows = new Map<string, Stored>();
  const events: TaskEvent[] = [];
  const requests: { url: string; path: string; method: string; headers: Headers }[] = [];
  let version = 0;
  let tickets = 0;
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  const stamp = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const error = (status: number, code: string) => json(status, { error: { code, message: code } });
  const visible = ({ deleted_at: _, ...t }: Stored): Task => t;
  let override: ((req: Request) => Response | Promise<Response> | undefined) | undefined;

  function record(
    action: Action,
    row: Stored,
    source: TaskEvent['source'],
    changes: Changes = {},
    shown: Task = visible(row),
  ) {
    version++;
    const e: TaskEvent = {
      id: crypto.randomUUID(),
      version,
      task_id: row.id,
      action,
      source,
      changes,
      task: shown,
      at: row.updated_at,
    };
    events.push(e);
    return e;
  }

  function write(id: string, patch: Partial<Task>, source: TaskEvent['source']) {
    const before = rows.get(id)!;
    const changes: Changes = {};
    for (const f of FIELDS) {
      if (f in patch && patch[f] !== before[f])
        (changes as Record<string, unknown>)[f] = { from: before[f], to: patch[f] };
    }
    if (!Object.keys(changes).length) return null;
    const next = { ...before, ...patch, updated_at: stamp() };
    rows.set(id, next);
    const action: Action = 'completed' in changes ? (next.completed ? 'completed' : 'reopened') : 'updated';
    return record(action, next, source, changes);
  }

  function remove(id: string, source: TaskEvent['source']) {
    const before = rows.get(id)!;
    const next = { ...before, deleted_at: stamp(), updated_at: stamp() };
    rows.set(id, next);
    return record('deleted', next, source, {}, visible(before));
  }

  function restore(id: string, source: TaskEvent['source']) {
    const next = { ...rows.get(id)!, deleted_at: null, updated_at: stamp() };
    rows.set(id, next);
    return record('restored', next, source);
  }

  const api = {
    rows,
    events,
    requests,
    get version() {
      return version;
    },
    /** Answers matching requests itself (a failure, a delay) until cleared. */
    intercept(fn: typeof override) {
      override = fn;
    },
    /** Another interface adds a task. */
    add(title: string, over: Partial<Task> = {}, source: TaskEvent['source'] = 'chat') {
      const at = stamp();
      const t: Stored = {
        id: crypto.randomUUID(),
        user_id: 'u1',
        title,
        description: null,
        completed: false,
        priority: 'medium',
        due_date: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
        ...over,
      };
      rows.set(t.id, t);
      record('created', t, source);
      return visible(t);
    },
    /** Another interface changes a task behind the page's back. */
    change: (id: string, patch: Partial<Task>, source: TaskEvent['source'] = 'mcp') => write(id, patch, source),
    remove: (id: string, source: TaskEvent['source'] = 'mcp') => remove(id, source),
    live: () => [...rows.values()].filter((t) => !t.deleted_at),
    /** Requests whose path (no query) is `path`, optionally of one method. */
    calls: (path: string | RegExp, method?: string) =>
      requests.filter(
        (r) => (typeof path === 'string' ? r.path === path : path.test(r.path)) && (!method || r.method === method),
      ),
    async fetch(input: string, init?: RequestInit): Promise<Response> {
      const req = new Request(new URL(input, 'http://app.test'), init);
      const url = new URL(req.url);
      requests.push({ url: req.url, path: url.pathname, method: req.method, headers: req.headers });
      return (await override?.(req)) ?? api.handle(req);
    },
    async handle(req: Request): Promise<Response> {
      const url = new URL(req.url);
      const path = url.pathname;
      const source = req.headers.get('X-Source') === 'dashboard' ? 'dashboard' : 'api';
      if (path === '/api/v1/sync') {
        const since = url.searchParams.get('since');
        if (since === null || Number(since) > version) {
          return json(200, { version, tasks: api.live().map(visible), deleted: [], full: true });
        }
        const touched = new Set(events.filter((e) => e.version > Number(since)).map((e) => e.task_id));
        const changed = [...touched].map((id) => rows.get(id)!);
        return json(200, {
          version,
          tasks: changed.filter((t) => !t.deleted_at).map(visible),
          deleted: changed.filter((t) => t.deleted_at).map((t) => t.id),
          full: false,
        });
      }
      if (path === '/api/v1/live/ticket' && req.method === 'POST') return json(200, { ticket: `ticket-${++tickets}` });
      const undo = /^\/api\/v1\/activity\/([^/]+)\/undo$/.exec(path);
      if (undo && req.method === 'POST') {
        const e = events.find((x) => x.id === undo[1]);
        if (!e) return error(404, 'not_found');
        const latest = events.filter((x) => x.task_id === e.task_id).at(-1)!;
        if (latest.id !== e.id) return error(412, 'precondition_failed');
        let event: TaskEvent | null;
        if (e.action === 'deleted') event = restore(e.task_id, source);
        else if (e.action === 'created' || e.action === 'restored') event = remove(e.task_id, source);
        else {
          const back = Object.fromEntries(Object.entries(e.changes).map(([f, c]) => [f, c!.from]));
          event = write(e.task_id, back as Partial<Task>, source);
        }
        return json(200, { undone: e, event });
      }
      const m = /^\/api\/v1\/tasks(?:\/([^/]+))?(\/toggle|\/activity)?$/.exec(path);
      if (!m) return error(404, 'not_found');
      const [, id, sub] = m;
      if (!id) {
        if (req.method === 'POST') {
          const body = (await req.json()) as Partial<Task> & { title: string };
          const at = stamp();
          const t: Stored = {
            id: crypto.randomUUID(),
            user_id: 'u1',
            description: null,
            completed: false,
            priority: 'medium',
            due_date: null,
            ...body,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          };
          rows.set(t.id, t);
          record('created', t, source);
          return json(201, visible(t));
        }
        return error(405, 'method_not_allowed');
      }
      const row = rows.get(id);
      if (sub === '/activity') {
        if (!row) return error(404, 'not_found');
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return json(
          200,
          events
            .filter((e) => e.task_id === id)
            .reverse()
            .slice(0, limit),
        );
      }
      if (!row || row.deleted_at) return error(404, 'not_found');
      const ifMatch = req.headers.get('If-Match');
      if (ifMatch && ifMatch !== `"${row.updated_at}"`) return error(412, 'precondition_failed');
      if (req.method === 'DELETE') {
        remove(id, source);
        return new Response(null, { status: 204 });
      }
      write(id, sub === '/toggle' ? { completed: !row.completed } : ((await req.json()) as Partial<Task>), source);
      return json(200, visible(rows.get(id)!));
    },
  };
  return api;
}

export type FakeApi = ReturnType<typeof fakeApi>;

/** A WebSocket stand-in the test drives: open it, push versions, close it. */
export class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  sent: string[] = [];
  closed: { code?: number; reason?: string } | null = null;
  /** Whether the "server" answers pings. */
  answersPings = true;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.closed) throw new Error('closed');
    this.sent.push(data);
    if (data === 'ping' && this.answersPings) queueMicrotask(() => this.receive('pong'));
  }
  close(code?: number, reason?: string) {
    this.closed ??= { code, reason };
  }
  /** The server accepts the socket and greets it with the version. */
  accept(version?: number) {
    this.onopen?.(new Event('open'));
    if (version !== undefined) this.push(version);
  }
  push(version: number) {
    this.receive(JSON.stringify({ version }));
  }
  receive(data: string) {
    if (!this.closed) this.onmessage?.(new MessageEvent('message', { data }));
  }
  /** The connection ends from the server's side. */
  drop() {
    this.closed ??= { code: 1006 };
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
  static get last() {
    return FakeSocket.all.at(-1);
  }
  static get open() {
    return FakeSocket.all.filter((s) => !s.closed);
  }
}
