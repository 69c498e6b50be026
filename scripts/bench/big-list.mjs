// The 10,000-task list of `npm run bench`: seeded straight into the database
// (10,000 POSTs would take minutes of the run), then one change through the
// API, so `/api/v1/sync?since=<v>` answers with that one change while the
// dashboard's old way, every page of the list, is measured beside it.
//
// The rows are what the app itself writes for a created task: the task, its
// 'created' event with the next version, and the user's version counter. The
// SQL holds only literals (no bound parameters, so D1's limit of 100 per
// statement never applies), 100 rows per statement (D1 caps a statement at
// 100 KB), and goes in beside the running app: straight into its local D1
// file (node:sqlite), through psql on Postgres.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runSql } from './pg-db.mjs';

const ROWS_PER_STATEMENT = 100;
const PRIORITIES = ['low', 'medium', 'high'];
/** The page size the dashboard fetched the whole list with before /sync (ui/src/state/tasks.ts then). */
export const PAGE_SIZE = 500;

const literal = (dialect) => (v) => {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return dialect === 'd1' ? (v ? '1' : '0') : String(v);
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return dialect === 'd1' ? String(v.getTime()) : `'${v.toISOString()}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
};

/** The task rows and their 'created' events, versions 1..count, created one second apart up to `now`. */
function rows(userId, count, now) {
  const tasks = [];
  const events = [];
  for (let i = 1; i <= count; i++) {
    const at = new Date(now - (count - i) * 1000);
    const due = new Date(Date.UTC(2027, 0, 1 + (i % 90), 17));
    const task = {
      id: randomUUID(),
      user_id: userId,
      title: `Seeded task ${i}`,
      description: 'Some notes to make the rows realistic',
      completed: i % 5 === 0,
      priority: PRIORITIES[i % 3],
      due_date: due.toISOString(),
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    tasks.push([task.id, userId, task.title, task.description, task.completed, task.priority, due, false, at, at]);
    tasks.at(-1).push(task.title.toLowerCase(), task.description.toLowerCase(), null);
    const changes = {};
    for (const f of ['title', 'description', 'priority', 'due_date', 'completed'])
      changes[f] = { from: null, to: task[f] };
    events.push([
      randomUUID(),
      userId,
      i,
      task.id,
      'created',
      'api',
      JSON.stringify(changes),
      JSON.stringify(task),
      at,
    ]);
  }
  return { tasks, events };
}

const TASK_COLUMNS =
  'id, user_id, title, description, completed, priority, due_date, due_all_day, created_at, updated_at, search_title, search_description, deleted_at';
const EVENT_COLUMNS = 'id, user_id, version, task_id, action, source, changes, task, at';

export function seedSql(dialect, userId, count, now = Date.now()) {
  const lit = literal(dialect);
  const { tasks, events } = rows(userId, count, now);
  const out = [];
  const insert = (table, columns, all) => {
    for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
      const values = all.slice(i, i + ROWS_PER_STATEMENT).map((r) => `(${r.map(lit).join(', ')})`);
      out.push(`INSERT INTO ${table} (${columns}) VALUES\n${values.join(',\n')};`);
    }
  };
  insert('tasks', TASK_COLUMNS, tasks);
  insert('task_events', EVENT_COLUMNS, events);
  out.push(
    `INSERT INTO task_versions (user_id, version) VALUES (${lit(userId)}, ${count})` +
      ` ON CONFLICT (user_id) DO UPDATE SET version = excluded.version;`,
  );
  // Postgres's autovacuum analyses tables after a bulk insert like this within a minute or so; a list that grew
  // over months would have statistics long since. Without them the planner reads all 10,000 tasks for one change.
  // SQLite (D1) gathers none unless asked, so D1 is measured as it runs.
  if (dialect === 'postgres') out.push('ANALYZE tasks;', 'ANALYZE task_events;');
  return out.join('\n');
}

/**
 * Runs SQL on the app's local D1 database file while the app runs: the file
 * is SQLite in WAL mode, which takes a second writer safely (wrangler d1
 * execute --local does the same from its own process, in 20-30 s for this
 * script against ~3 s here, so node:sqlite it is).
 */
async function execD1(stateDir, script) {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.join(', ') || 'none'}`);
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(dir, files[0]));
  try {
    db.exec('PRAGMA busy_timeout = 10000');
    db.exec(`BEGIN IMMEDIATE;\n${script}\nCOMMIT;`);
  } finally {
    db.close();
  }
  // That blocked the event loop: let it see any kept-alive socket the server closed meanwhile before fetching again.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Seeds `count` tasks for a new user of the app at `app.base`, then changes
 * one of them through the API. Returns `{token, since, taskCount}`: `since`
 * is the version just before that change.
 */
export async function seedBigList(app, api, count) {
  const email = `big-${Date.now()}@bench.test`;
  const { body } = await api(app.base, 'POST', '/api/v1/auth/signup', null, { email, password: 'bench password' });
  const token = body.token;
  const userId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
  const started = Date.now();
  const sql = seedSql(app.dialect, userId, count);
  if (app.dialect === 'd1') {
    await execD1(app.stateDir, sql);
  } else {
    await runSql(app.database, sql);
  }
  const seeded = await api(app.base, 'GET', `/api/v1/sync?since=${count}`, token);
  if (seeded.body.version !== count || seeded.body.full) throw new Error(`seeding: ${JSON.stringify(seeded.body)}`);
  const [first] = (await api(app.base, 'GET', '/api/v1/tasks?limit=1', token)).body;
  await api(app.base, 'PATCH', `/api/v1/tasks/${first.id}`, token, { title: 'The one change' });
  console.log(`   seeded ${count} tasks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { token, since: count, taskCount: count };
}

const bytes = (text) => Buffer.byteLength(text);
const gzipBytes = (text) => gzipSync(text).length;

async function timedGet(url, token) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 200)}`);
  return { ms: performance.now() - t0, text };
}

/** Every page of the list, one after another until a short page, as the dashboard fetched it before /sync. */
async function wholeList(base, token) {
  const t0 = performance.now();
  let offset = 0;
  let pages = 0;
  let tasks = 0;
  let raw = 0;
  let gz = 0;
  for (;;) {
    const { text } = await timedGet(`${base}/api/v1/tasks?limit=${PAGE_SIZE}&offset=${offset}`, token);
    const page = JSON.parse(text);
    pages++;
    tasks += page.length;
    raw += bytes(text);
    gz += gzipBytes(text);
    if (page.length < PAGE_SIZE) break;
    offset += PAGE_SIZE;
  }
  return { ms: performance.now() - t0, pages, tasks, raw, gz };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n) => Math.round(n * 10) / 10;

/**
 * One client, one request at a time: the floor, `/sync` for the one change,
 * and the whole list (`rounds` times). Sizes are the JSON bodies, raw and
 * gzipped here (wrangler dev sends them uncompressed; Cloudflare would gzip).
 */
export async function measureSync(base, big, { requests = 30, rounds = 3 } = {}) {
  const url = `${base}/api/v1/sync?since=${big.since}`;
  const one = await timedGet(url, big.token);
  const delta = JSON.parse(one.text);
  if (delta.full || delta.tasks.length !== 1) throw new Error(`/sync answered ${one.text.slice(0, 300)}`);
  const floor = [];
  const sync = [];
  for (let i = 0; i < requests; i++) {
    floor.push((await timedGet(`${base}/api/health`)).ms);
    sync.push((await timedGet(url, big.token)).ms);
  }
  const lists = [];
  for (let i = 0; i < rounds; i++) lists.push(await wholeList(base, big.token));
  if (lists[0].tasks !== big.taskCount) throw new Error(`the whole list has ${lists[0].tasks} tasks`);
  return {
    taskCount: big.taskCount,
    syncBytes: bytes(one.text),
    syncGzipBytes: gzipBytes(one.text),
    floorP50: round(median(floor)),
    syncP50: round(median(sync)),
    list: {
      ...lists[0],
      ms: undefined,
      p50: round(median(lists.map((l) => l.ms))),
      max: round(Math.max(...lists.map((l) => l.ms))),
      rounds,
    },
  };
}
