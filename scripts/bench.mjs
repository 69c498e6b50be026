// npm run bench: start the app as `npm start` does (throwaway state), seed it,
// drive it with autocannon at fixed concurrency, and compare every route with
// the floor (GET /api/health) measured in the same run. Loopback only, bounded.
//
//   BENCH_SECONDS=8 BENCH_CONNECTIONS=10 npm run bench
//   BENCH_DB=d1|postgres|both (default: both when PostgreSQL is reachable)
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
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8870);
const TARGETS = {
  idlePollThroughput: 0.7, // 304 rps >= 70% of the floor's
  listP99: 4, // 100-task list p99 < 4x the floor's
  chatAddP99: 5, // built-in chat "add" p99 < 5x the floor's
  uiGzipBytes: 35 * 1024, // issue 15 raised it from 30 KB for sections, quick-add and dark mode
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
    env: {
      ...process.env,
      PORT: String(PORT),
      STATE_DIR: state,
      INSPECTOR_PORT: String(PORT + 1),
      RATE_LIMITS: 'off',
      OPENAI_API_KEY: '',
    },
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
      [
        'GET /api/v1/tasks, If-None-Match (304)',
        { url: `${app.base}/api/v1/tasks`, headers: { ...auth(s.reader), 'If-None-Match': s.etag } },
        304,
      ],
      [
        'POST /api/v1/tasks',
        {
          url: `${app.base}/api/v1/tasks`,
          method: 'POST',
          headers: { ...auth(s.writer), ...json },
          body: JSON.stringify({ title: 'Bench task', priority: 'high' }),
        },
        201,
      ],
      [
        'PATCH /api/v1/tasks/:id/toggle',
        { url: `${app.base}/api/v1/tasks/${s.taskId}/toggle`, method: 'PATCH', headers: auth(s.writer) },
        200,
      ],
      [
        'POST /api/v1/chat "add …" (built-in)',
        {
          url: `${app.base}/api/v1/chat`,
          method: 'POST',
          headers: { ...auth(s.writer), ...json },
          body: JSON.stringify({
            message: 'add bench task tomorrow, high priority',
            conversation_id: s.conversationId,
          }),
        },
        200,
      ],
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

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** One database's route table, as Markdown lines: printed, and written to the day's .md. */
function routeTable(dialect, rows) {
  const lines = [
    `${dialect} — ${CONNECTIONS} connections, ${SECONDS} s each`,
    '',
    '| route | req/s | p50 ms | p99 ms | req/s vs floor | p99 vs floor | non-expected |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const odd =
      Object.keys(r.unexpected).length || r.errors ? JSON.stringify({ ...r.unexpected, errors: r.errors }) : '';
    lines.push(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.throughputVsFloor} | ${r.p99VsFloor} | ${odd} |`);
  }
  return lines;
}

/** One database's targets, as Markdown lines. */
function targetTable(rows, size) {
  const lines = ['| target | measured | met |', '| --- | --- | --- |'];
  for (const [name, measured, ok] of verdicts(rows, size))
    lines.push(`| ${name} | ${measured} | ${ok ? 'yes' : 'NO'} |`);
  return lines;
}

function verdicts(rows, size) {
  const by = (prefix) => rows.find((r) => r.name.startsWith(prefix));
  const poll = rows.find((r) => r.name.includes('304'));
  const list = rows.find((r) => r.name.includes('100 tasks'));
  const chat = by('POST /api/v1/chat');
  return [
    [
      'idle 304 poll throughput >= 70% of floor',
      `${Math.round(poll.throughputVsFloor * 100)}%`,
      poll.throughputVsFloor >= TARGETS.idlePollThroughput,
    ],
    ['100-task list p99 < 4x floor p99', `${list.p99VsFloor}x`, list.p99VsFloor < TARGETS.listP99],
    ['built-in chat "add" p99 < 5x floor p99', `${chat.p99VsFloor}x`, chat.p99VsFloor < TARGETS.chatAddP99],
    ['UI JS + CSS <= 35 KB gzipped', kb(size.uiGzipBytes), size.uiGzipBytes <= TARGETS.uiGzipBytes],
    ['Worker bundle <= 1 MB gzipped', kb(size.workerGzipBytes), size.workerGzipBytes <= TARGETS.workerGzipBytes],
  ];
}

async function main() {
  const started = new Date();
  const wanted = process.env.BENCH_DB ?? 'both';
  const pgUp = await portOpen(5432);
  const dialects = wanted === 'both' ? ['d1', ...(pgUp ? ['postgres'] : [])] : [wanted];
  if (wanted === 'both' && !pgUp) console.log('PostgreSQL is not reachable on 127.0.0.1:5432: benchmarking D1 only.');

  const size = sizes();
  const sizeLine = `Sizes: UI JS+CSS ${kb(size.uiGzipBytes)} gzipped; Worker ${kb(size.workerGzipBytes)} gzipped (${kb(size.workerRawBytes)} raw)`;
  console.log(`\n${sizeLine}`);

  const results = {};
  for (const d of dialects) {
    try {
      results[d] = await benchDialect(d);
    } catch (err) {
      console.error(`\n${d}: ${err.message}`);
      if (d === 'd1') throw err;
    }
  }

  const tables = [];
  for (const [d, rows] of Object.entries(results))
    tables.push('', ...routeTable(d, rows), '', ...targetTable(rows, size));
  console.log(tables.join('\n'));

  const info = {
    at: started.toISOString(),
    commit: commit(),
    machine: machine(),
    node: process.version,
    connections: CONNECTIONS,
    seconds: SECONDS,
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
  for (const [db, rows] of Object.entries(results)) {
    const file = join(dir, `${day}-${db}.json`);
    const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { date: day, db, runs: [] };
    const targets = verdicts(rows, size).map(([name, measured, met]) => ({ name, measured, met }));
    doc.runs.push({ ...info, results: rows, targets });
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    written.push(file);
  }
  const md = join(dir, `${day}.md`);
  const m = info.machine;
  const about =
    `\`npm run bench\` on ${Object.keys(results).join(' and ')}, ${info.connections} connections, ${info.seconds} s per route; ` +
    `${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, ${m.os}; Node ${info.node}; loopback, \`wrangler dev\`.`;
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
