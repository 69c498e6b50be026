// npm run bench: start the app as `npm start` does (throwaway state), seed it,
// drive it with autocannon at fixed concurrency, and compare every route with
// the floor (GET /api/health) measured in the same run. Loopback only, bounded.
// Beside it runs the app as it was before the change log (bench/baseline.mjs),
// so a write with its event and its push is compared with the same write
// without them, in the same run; and a 10,000-task list (bench/big-list.mjs)
// shows what /sync costs for one change beside fetching every page.
//
//   BENCH_SECONDS=8 BENCH_CONNECTIONS=10 npm run bench
//   BENCH_DB=d1|postgres|both (default: both when PostgreSQL is reachable)
//   BENCH_BASELINE=<rev>|off, BENCH_BASELINE_PORT (default BENCH_PORT + 2),
//   BENCH_BIG_LIST (default 10000), BENCH_LIST_ROUNDS (default 3)
//
// Results are data, not prose: every run is appended to
// bench-results/<date>-<db>.json (one file per database per UTC day) and, as
// the tables it prints, to bench-results/<date>.md, with the commit and the
// machine it ran on. Commit those files; docs/performance.md reads them.
import './check-node.mjs';
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { baselineCommit, checkoutBaseline } from './bench/baseline.mjs';
import { measureSync, seedBigList } from './bench/big-list.mjs';
import { createDatabase } from './bench/pg-db.mjs';
import { kb, routeTable, syncTable, targetTable, verdicts, writeTable } from './bench/report.mjs';
import { createOptions, openLiveSocket, prepareWriter, updateOptions } from './bench/writes.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8870);
// The baseline app (before the change log) runs beside today's on this port and the next.
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? PORT + 2);
const BIG_LIST = Number(process.env.BENCH_BIG_LIST ?? 10_000);
const LIST_ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 3);
// A route measured on both apps runs in this many alternating slices.
const SLICES = 4;

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

/**
 * Starts the app in `cwd` as `npm start` / `npm run start:pg` do, on `port`
 * (its inspector on the next one), with a throwaway state directory and, on
 * Postgres, a throwaway database named after `label`.
 */
async function startApp(dialect, { cwd = '.', port = PORT, label = 'app' } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), `tasks-bench-${label}-`));
  const db = dialect === 'postgres' ? createDatabase(`bench_${process.pid}_${label}`) : null;
  const script = dialect === 'postgres' ? 'scripts/start-pg.mjs' : 'scripts/start.mjs';
  const child = spawn(process.execPath, [script], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      STATE_DIR: stateDir,
      INSPECTOR_PORT: String(port + 1),
      RATE_LIMITS: 'off',
      OPENAI_API_KEY: '',
      ...(db ? { DATABASE_URL: db.url } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {}
    for (let i = 0; i < 50 && (await portOpen(port)); i++) await sleep(100);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    rmSync(stateDir, { recursive: true, force: true });
    db?.drop();
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const body = await fetch(`${base}/api/health`)
      .then((res) => (res.ok ? res.json() : null))
      .catch(() => null);
    if (body && body.database !== dialect) {
      await stop();
      throw new Error(`expected ${dialect}, the app on :${port} reports ${body.database}`);
    }
    if (body) return { base, dialect, cwd, stateDir, database: db && `bench_${process.pid}_${label}`, stop };
    await sleep(300);
  }
  await stop();
  throw new Error(`the app did not start (${dialect}, ${cwd}):\n${log.slice(-3000)}`);
}

async function api(base, method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { res, body: text ? JSON.parse(text) : null };
}

async function seed(base) {
  const signup = async (tag) =>
    (
      await api(base, 'POST', '/api/v1/auth/signup', null, {
        email: `${tag}-${Date.now()}@bench.test`,
        password: 'bench password',
      })
    ).body.token;
  const reader = await signup('reader');
  const writer = await signup('writer');
  for (let i = 0; i < 100; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        api(base, 'POST', '/api/v1/tasks', reader, {
          title: `Seeded task ${i + j}`,
          description: 'Some notes to make the rows realistic',
          priority: ['low', 'medium', 'high'][(i + j) % 3],
          due_date: new Date(Date.now() + (i + j) * 3600_000).toISOString(),
        }),
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

/** Nearest-rank percentile of sorted latencies, in whole ms as autocannon reports them. */
const percentile = (sorted, p) => Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0);

/**
 * One autocannon run, for `seconds` or, given `amount`, for that many
 * requests (every one answered: a run cut by time drops the requests still in
 * flight, the slowest first). Keeps every response's latency and status, so
 * runs can be pooled.
 */
function load(opts, seconds, amount) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const statuses = {};
    const latencies = [];
    const limit = amount ? { amount } : { duration: seconds };
    const instance = autocannon({ connections: CONNECTIONS, ...limit, ...opts }, (err, result) => {
      if (err) return reject(err);
      const elapsed = amount ? (performance.now() - started) / 1000 : seconds;
      resolve({ statuses, latencies, seconds: elapsed, errors: result.errors + result.timeouts });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      latencies.push(ms);
    });
  });
}

/** One route's row from one or more runs of it. */
function summarise(name, app, expectStatus, runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const statuses = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const unexpected = Object.entries(statuses).filter(([k]) => Number(k) !== expectStatus);
  return {
    name,
    app,
    rps: Math.round(latencies.length / seconds),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    unexpected: Object.fromEntries(unexpected),
  };
}

/**
 * Two apps' versions of a route, alternately, in SLICES runs each that
 * together last about SECONDS, pooled: whatever else loads the machine
 * meanwhile loads both alike, which one run after the other would not promise.
 * A timed warm-up run of each (not counted) gives its rate; each slice then
 * makes as many requests as that rate fills, all answered.
 */
async function alternate(pair) {
  const slice = SECONDS / SLICES;
  const rates = [];
  for (const [, , opts] of pair) rates.push((await load(opts, slice)).latencies.length / slice);
  const runs = pair.map(() => []);
  for (let i = 0; i < SLICES; i++) {
    for (const [k, [, , opts]] of pair.entries()) {
      const r = await load(opts, slice, Math.max(CONNECTIONS, Math.round(rates[k] * slice)));
      rates[k] = r.latencies.length / r.seconds;
      runs[k].push(r);
    }
  }
  return pair.map(([name, app, , status], k) => summarise(name, app, status, runs[k]));
}

/**
 * The routes measured on one database, in order: [name, app ('now' | 'before'),
 * autocannon options, status], or a pair of them (today's and the baseline's
 * version of a route) to run alternately.
 */
function scenarios({ app, s, big, writer }, before) {
  const auth = (t) => ({ Authorization: `Bearer ${t}` });
  const json = { 'Content-Type': 'application/json' };
  const both = (name, now, was, status) =>
    before
      ? [
          [name, 'now', now, status],
          [`before (${before.commit}): ${name}`, 'before', was, status],
        ]
      : [name, 'now', now, status];
  return [
    both('GET /api/health (floor)', { url: `${app.base}/api/health` }, { url: `${before?.app.base}/api/health` }, 200),
    ['GET /api/v1/tasks, 100 tasks', 'now', { url: `${app.base}/api/v1/tasks`, headers: auth(s.reader) }, 200],
    [
      'GET /api/v1/tasks, If-None-Match (304)',
      'now',
      { url: `${app.base}/api/v1/tasks`, headers: { ...auth(s.reader), 'If-None-Match': s.etag } },
      304,
    ],
    [
      `GET /api/v1/sync?since=v, 1 change of ${big.taskCount} tasks`,
      'now',
      { url: `${app.base}/api/v1/sync?since=${big.since}`, headers: auth(big.token) },
      200,
    ],
    both(
      'POST /api/v1/tasks',
      createOptions(app.base, writer.token),
      before && createOptions(before.app.base, before.writer.token),
      201,
    ),
    both(
      'PATCH /api/v1/tasks/:id (new title)',
      updateOptions(app.base, writer),
      before && updateOptions(before.app.base, before.writer),
      200,
    ),
    [
      'PATCH /api/v1/tasks/:id/toggle',
      'now',
      { url: `${app.base}/api/v1/tasks/${s.taskId}/toggle`, method: 'PATCH', headers: auth(s.writer) },
      200,
    ],
    [
      'POST /api/v1/chat "add …" (built-in)',
      'now',
      {
        url: `${app.base}/api/v1/chat`,
        method: 'POST',
        headers: { ...auth(s.writer), ...json },
        body: JSON.stringify({ message: 'add bench task tomorrow, high priority', conversation_id: s.conversationId }),
      },
      200,
    ],
  ];
}

/** Runs each scenario in turn (a pair alternately); every row is compared with the floor of its own app. */
async function runScenarios(list) {
  const rows = [];
  for (const item of list) {
    const pair = typeof item[0] === 'string' ? [item] : item;
    // Requests still queued from the last route (a contended toggle retries) finish before this one starts.
    await sleep(1000);
    process.stdout.write(`   ${pair.map(([name]) => name).join(' | ')} … `);
    const [[name, app, opts, status]] = pair;
    const got = pair.length > 1 ? await alternate(pair) : [summarise(name, app, status, [await load(opts, SECONDS)])];
    console.log(got.map((r) => `${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`).join(' | '));
    rows.push(...got);
  }
  for (const r of rows) {
    const floor = rows.find((f) => f.app === r.app && f.name.endsWith('(floor)'));
    r.throughputVsFloor = +(r.rps / floor.rps).toFixed(2);
    r.p50VsFloor = +(r.p50 / Math.max(floor.p50, 1)).toFixed(2);
    r.p99VsFloor = +(r.p99 / Math.max(floor.p99, 1)).toFixed(2);
  }
  return rows;
}

/** Today's app and, beside it on BASELINE_PORT, the baseline's (null, with the reason, when it cannot start). */
async function startApps(dialect, baseline) {
  console.log(
    `\n== ${dialect}: starting the app on :${PORT}${baseline ? ` and ${baseline.commit} on :${BASELINE_PORT}` : ''}`,
  );
  const [now, before] = await Promise.allSettled([
    startApp(dialect),
    baseline && startApp(dialect, { cwd: baseline.dir, port: BASELINE_PORT, label: 'base' }),
  ]);
  if (now.status === 'rejected') {
    await before.value?.stop();
    throw now.reason;
  }
  if (before.status === 'rejected') console.error(`The baseline did not start: ${before.reason.message}`);
  return { app: now.value, before: before.value ?? null, baselineError: before.reason?.message.slice(0, 300) };
}

async function benchDialect(dialect, baseline) {
  const { app, before, baselineError } = await startApps(dialect, baseline);
  try {
    const s = await seed(app.base);
    const big = await seedBigList(app, api, BIG_LIST);
    const writer = await prepareWriter(app.base, api);
    const was = before && { app: before, commit: baseline.commit, writer: await prepareWriter(before.base, api) };
    const live = await openLiveSocket(app.base, api, writer.token);
    const rows = await runScenarios(scenarios({ app, s, big, writer }, was));
    const pushes = live.close();
    process.stdout.write('   /sync and the whole list, one client … ');
    const sync = await measureSync(app.base, big, { rounds: LIST_ROUNDS });
    console.log(`sync ${sync.syncBytes} B in ${sync.syncP50} ms; whole list ${sync.list.raw} B in ${sync.list.p50} ms`);
    return { rows, sync, pushes, baseline: baseline && { ...baseline, dir: undefined, error: baselineError } };
  } finally {
    await Promise.all([app.stop(), before?.stop()]);
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
  const r = spawnSync('wrangler', ['deploy', '--dry-run', '--outdir', out], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
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

/** The baseline's commit, checked out beside this one; null (with the reason printed) when it cannot be. */
function prepareBaseline() {
  try {
    const found = baselineCommit();
    if (!found) return null;
    const { dir, remove } = checkoutBaseline(found.commit);
    console.log(`Baseline: ${found.commit} (${found.why}), checked out in ${dir}`);
    return { ...found, dir, remove };
  } catch (err) {
    console.error(`No baseline: ${err.message}`);
    return { commit: null, why: null, error: err.message };
  }
}

async function main() {
  const started = new Date();
  const loadBefore = loadavg();
  const wanted = process.env.BENCH_DB ?? 'both';
  const pgUp = await portOpen(5432);
  const dialects = wanted === 'both' ? ['d1', ...(pgUp ? ['postgres'] : [])] : [wanted];
  if (wanted === 'both' && !pgUp) console.log('PostgreSQL is not reachable on 127.0.0.1:5432: benchmarking D1 only.');

  const size = sizes();
  const sizeLine = `Sizes: UI JS+CSS ${kb(size.uiGzipBytes)} gzipped; Worker ${kb(size.workerGzipBytes)} gzipped (${kb(size.workerRawBytes)} raw)`;
  console.log(`\n${sizeLine}`);

  const baseline = prepareBaseline();
  const results = {};
  try {
    for (const d of dialects) {
      try {
        results[d] = await benchDialect(d, baseline?.dir ? baseline : null);
        if (baseline && !baseline.dir) results[d].baseline = { error: baseline.error };
      } catch (err) {
        console.error(`\n${d}: ${err.message}`);
        if (d === 'd1') throw err;
      }
    }
  } finally {
    baseline?.remove?.();
  }

  const settings = { connections: CONNECTIONS, seconds: SECONDS };
  const tables = [];
  for (const [d, result] of Object.entries(results)) {
    tables.push('', ...routeTable(d, result, settings), '', ...syncTable(result), '', ...writeTable(result));
    tables.push('', ...targetTable(result, size));
  }
  console.log(tables.join('\n'));

  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const info = {
    at: started.toISOString(),
    commit: commit(),
    machine: machine(),
    node: process.version,
    ...settings,
    loadAverage: { before: load(loadBefore), after: load(loadavg()) },
    sizes: size,
  };
  const files = record(info, results, size, [sizeLine, ...tables]);
  console.log(`\nAppended this run to ${files.join(', ')}`);
}

/** The commit measured, with "+changes" when tracked files differ from it. */
function commit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim();
  return `${head.stdout.trim()}${dirty ? '+changes' : ''}`;
}

/** What the figures depend on: they compare only within one machine. */
function machine() {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model?.trim() || 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
  };
}

/**
 * Appends the run to bench-results/<day>-<db>.json for each database measured
 * and to bench-results/<day>.md, <day> being the UTC date the run started.
 * Earlier runs of the day stay: the spread between runs is part of the result.
 * Returns the files written.
 */
function record(info, results, size, tables) {
  const dir = 'bench-results';
  mkdirSync(dir, { recursive: true });
  const day = info.at.slice(0, 10);
  const written = [];
  for (const [db, result] of Object.entries(results)) {
    const file = join(dir, `${day}-${db}.json`);
    const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { date: day, db, runs: [] };
    const targets = verdicts(result, size).map(([name, measured, met]) => ({ name, measured, met }));
    const { rows, ...more } = result;
    doc.runs.push({ ...info, results: rows, ...more, targets });
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    written.push(file);
  }
  const md = join(dir, `${day}.md`);
  const m = info.machine;
  const about =
    `\`npm run bench\` on ${Object.keys(results).join(' and ')}, ${info.connections} connections, ${info.seconds} s per route; ` +
    `${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, ${m.os}; Node ${info.node}; loopback, \`wrangler dev\`; ` +
    `load average (1, 5, 15 min) ${info.loadAverage.before} at the start, ${info.loadAverage.after} at the end.`;
  if (!existsSync(md)) {
    writeFileSync(
      md,
      `# Benchmark runs, ${day}\n\nAppended by \`npm run bench\`, one section per run; how to read them: [docs/performance.md](../docs/performance.md).\n`,
    );
  }
  appendFileSync(md, `\n## ${info.at.slice(11, 16)} UTC, commit ${info.commit}\n\n${about}\n\n${tables.join('\n')}\n`);
  written.push(md);
  return written;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
