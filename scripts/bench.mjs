// npm run bench: start the app as `npm start` does (throwaway state), seed it,
// drive it with autocannon at fixed concurrency, and compare every route with
// the floor (GET /api/health) measured in the same run. Loopback only, bounded.
//
//   BENCH_SECONDS=8 BENCH_CONNECTIONS=10 npm run bench
//   BENCH_DB=d1|postgres|both (default: both when PostgreSQL is reachable)
import './check-node.mjs';
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8870);
const TARGETS = {
  idlePollThroughput: 0.7, // 304 rps >= 70% of the floor's
  listP99: 4, // 100-task list p99 < 4x the floor's
  chatAddP99: 5, // built-in chat "add" p99 < 5x the floor's
  uiGzipBytes: 30 * 1024,
  workerGzipBytes: 1024 * 1024,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = connect({ port, host }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function startApp(dialect) {
  const state = mkdtempSync(join(tmpdir(), 'tasks-bench-'));
  const script = dialect === 'postgres' ? 'scripts/start-pg.mjs' : 'scripts/start.mjs';
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(PORT), STATE_DIR: state, INSPECTOR_PORT: String(PORT + 1), RATE_LIMITS: 'off', OPENAI_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (res.ok) {
        const body = await res.json();
        if (body.database !== dialect) throw new Error(`expected ${dialect}, app reports ${body.database}`);
        return {
          base: `http://127.0.0.1:${PORT}`,
          async stop() {
            try {
              process.kill(-child.pid, 'SIGINT');
            } catch {}
            for (let i = 0; i < 50 && (await portOpen(PORT)); i++) await sleep(100);
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {}
            rmSync(state, { recursive: true, force: true });
          },
        };
      }
    } catch (err) {
      if (String(err.message).startsWith('expected')) throw err;
    }
    if (child.exitCode !== null) break;
    await sleep(300);
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
  throw new Error(`the app did not start (${dialect}):\n${log.slice(-3000)}`);
}

async function api(base, method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { res, body: text ? JSON.parse(text) : null };
}

async function seed(base) {
  const signup = async (tag) =>
    (await api(base, 'POST', '/api/v1/auth/signup', null, { email: `${tag}-${Date.now()}@bench.test`, password: 'bench password' })).body.token;
  const reader = await signup('reader');
  const writer = await signup('writer');
  for (let i = 0; i < 100; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        api(base, 'POST', '/api/v1/tasks', reader, { title: `Seeded task ${i + j}`, description: 'Some notes to make the rows realistic', priority: ['low', 'medium', 'high'][(i + j) % 3], due_date: new Date(Date.now() + (i + j) * 3600_000).toISOString() }),
      ),
    );
  }
  const list = await api(base, 'GET', '/api/v1/tasks', reader);
  if (list.body.length !== 100) throw new Error(`seeded ${list.body.length} tasks, expected 100`);
  const etag = list.res.headers.get('etag');
  const task = (await api(base, 'POST', '/api/v1/tasks', writer, { title: 'Toggle me' })).body;
  const chat = (await api(base, 'POST', '/api/v1/chat', writer, { message: 'hello' })).body;
  return { reader, writer, etag, taskId: task.id, conversationId: chat.conversation_id };
}

function run(name, opts, expectStatus) {
  return new Promise((resolve, reject) => {
    const statuses = {};
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts }, (err, result) => {
      if (err) return reject(err);
      const unexpected = Object.entries(statuses).filter(([s]) => Number(s) !== expectStatus);
      resolve({
        name,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        unexpected: Object.fromEntries(unexpected),
      });
    });
    instance.on('response', (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function benchDialect(dialect) {
  console.log(`\n== ${dialect}: starting the app on :${PORT}`);
  const app = await startApp(dialect);
  try {
    const s = await seed(app.base);
    const auth = (t) => ({ Authorization: `Bearer ${t}` });
    const json = { 'Content-Type': 'application/json' };
    const scenarios = [
      ['GET /api/health (floor)', { url: `${app.base}/api/health` }, 200],
      ['GET /api/v1/tasks, 100 tasks', { url: `${app.base}/api/v1/tasks`, headers: auth(s.reader) }, 200],
      ['GET /api/v1/tasks, If-None-Match (304)', { url: `${app.base}/api/v1/tasks`, headers: { ...auth(s.reader), 'If-None-Match': s.etag } }, 304],
      ['POST /api/v1/tasks', { url: `${app.base}/api/v1/tasks`, method: 'POST', headers: { ...auth(s.writer), ...json }, body: JSON.stringify({ title: 'Bench task', priority: 'high' }) }, 201],
      ['PATCH /api/v1/tasks/:id/toggle', { url: `${app.base}/api/v1/tasks/${s.taskId}/toggle`, method: 'PATCH', headers: auth(s.writer) }, 200],
      ['POST /api/v1/chat "add …" (built-in)', { url: `${app.base}/api/v1/chat`, method: 'POST', headers: { ...auth(s.writer), ...json }, body: JSON.stringify({ message: 'add bench task tomorrow, high priority', conversation_id: s.conversationId }) }, 200],
    ];
    const rows = [];
    for (const [name, opts, status] of scenarios) {
      process.stdout.write(`   ${name} … `);
      const r = await run(name, opts, status);
      console.log(`${r.rps} req/s, p99 ${r.p99} ms`);
      rows.push(r);
    }
    const floor = rows[0];
    for (const r of rows) {
      r.throughputVsFloor = +(r.rps / floor.rps).toFixed(2);
      r.p99VsFloor = +(r.p99 / Math.max(floor.p99, 1)).toFixed(2);
    }
    return rows;
  } finally {
    await app.stop();
  }
}

function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function sizes() {
  spawnSync('vite', ['build', '--logLevel', 'error'], { stdio: 'inherit' });
  const assets = join('ui', 'dist', 'assets');
  let ui = 0;
  for (const f of readdirSync(assets)) if (/\.(js|css)$/.test(f)) ui += gzipSize(join(assets, f));
  const out = mkdtempSync(join(tmpdir(), 'tasks-worker-'));
  const r = spawnSync('wrangler', ['deploy', '--dry-run', '--outdir', out], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
  let worker = 0;
  let raw = 0;
  for (const f of readdirSync(out)) {
    if (!/\.(js|mjs|wasm)$/.test(f)) continue;
    raw += statSync(join(out, f)).size;
    worker += gzipSize(join(out, f));
  }
  rmSync(out, { recursive: true, force: true });
  return { uiGzipBytes: ui, workerGzipBytes: worker, workerRawBytes: raw };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function printTable(dialect, rows) {
  console.log(`\n${dialect} — ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log('| route | req/s | p50 ms | p99 ms | req/s vs floor | p99 vs floor | non-expected |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const odd = Object.keys(r.unexpected).length || r.errors ? JSON.stringify({ ...r.unexpected, errors: r.errors }) : '';
    console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.throughputVsFloor} | ${r.p99VsFloor} | ${odd} |`);
  }
}

function verdicts(rows, size) {
  const by = (prefix) => rows.find((r) => r.name.startsWith(prefix));
  const poll = rows.find((r) => r.name.includes('304'));
  const list = rows.find((r) => r.name.includes('100 tasks'));
  const chat = by('POST /api/v1/chat');
  return [
    ['idle 304 poll throughput >= 70% of floor', `${Math.round(poll.throughputVsFloor * 100)}%`, poll.throughputVsFloor >= TARGETS.idlePollThroughput],
    ['100-task list p99 < 4x floor p99', `${list.p99VsFloor}x`, list.p99VsFloor < TARGETS.listP99],
    ['built-in chat "add" p99 < 5x floor p99', `${chat.p99VsFloor}x`, chat.p99VsFloor < TARGETS.chatAddP99],
    ['UI JS + CSS <= 30 KB gzipped', kb(size.uiGzipBytes), size.uiGzipBytes <= TARGETS.uiGzipBytes],
    ['Worker bundle <= 1 MB gzipped', kb(size.workerGzipBytes), size.workerGzipBytes <= TARGETS.workerGzipBytes],
  ];
}

async function main() {
  const wanted = process.env.BENCH_DB ?? 'both';
  const pgUp = await portOpen(5432);
  const dialects = wanted === 'both' ? ['d1', ...(pgUp ? ['postgres'] : [])] : [wanted];
  if (wanted === 'both' && !pgUp) console.log('PostgreSQL is not reachable on 127.0.0.1:5432: benchmarking D1 only.');

  const size = sizes();
  console.log(`\nSizes: UI JS+CSS ${kb(size.uiGzipBytes)} gzipped; Worker ${kb(size.workerGzipBytes)} gzipped (${kb(size.workerRawBytes)} raw)`);

  const results = {};
  for (const d of dialects) {
    try {
      results[d] = await benchDialect(d);
    } catch (err) {
      console.error(`\n${d}: ${err.message}`);
      if (d === 'd1') throw err;
    }
  }

  for (const [d, rows] of Object.entries(results)) {
    printTable(d, rows);
    console.log('\n| target | measured | met |\n| --- | --- | --- |');
    for (const [name, measured, ok] of verdicts(rows, size)) console.log(`| ${name} | ${measured} | ${ok ? 'yes' : 'NO'} |`);
  }

  mkdirSync('bench-results', { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    connections: CONNECTIONS,
    seconds: SECONDS,
    sizes: size,
    results,
    targets: Object.fromEntries(Object.entries(results).map(([d, rows]) => [d, verdicts(rows, size).map(([name, measured, met]) => ({ name, measured, met }))])),
  };
  const file = join('bench-results', 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
