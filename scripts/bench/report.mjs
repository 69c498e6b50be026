// What `npm run bench` prints and records for one database: the route table,
// the single-client /sync table, the write-cost table (today beside the
// baseline) and the targets, each as Markdown lines.

export const TARGETS = {
  idlePollThroughput: 0.7, // 304 rps >= 70% of the floor's
  listP99: 4, // 100-task list p99 < 4x the floor's
  chatAddP99: 5, // built-in chat "add" p99 < 5x the floor's
  uiGzipBytes: 35 * 1024, // issue 15 raised it from 30 KB for sections, quick-add and dark mode
  workerGzipBytes: 1024 * 1024,
  syncBytes: 2 * 1024, // /sync for one change of 10,000 tasks
  syncVsFloor: 1.5, // its p50 and p99 within 1.5x the floor's
  writeVsBefore: 1.5, // create/update p99 within 1.5x of the same write before the change log
};

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (a, b) => +(a / Math.max(b, 1)).toFixed(2);

export function routeTable(dialect, { rows }, { connections, seconds }) {
  const lines = [
    `${dialect} — ${connections} connections, ${seconds} s each; "before" rows: the app before the change log, running beside today's and measured alternately with it (a warm-up, then 4 slices each, every request answered); percentiles over every response`,
    '',
    '| route | req/s | p50 ms | p99 ms | req/s vs floor | p50 vs floor | p99 vs floor | non-expected |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const odd =
      Object.keys(r.unexpected).length || r.errors ? JSON.stringify({ ...r.unexpected, errors: r.errors }) : '';
    lines.push(
      `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.throughputVsFloor} | ${r.p50VsFloor} | ${r.p99VsFloor} | ${odd} |`,
    );
  }
  return lines;
}

/** One client, one request at a time: what a dashboard pays to catch up on one change, then and now. */
export function syncTable({ sync }) {
  const l = sync.list;
  return [
    `${sync.taskCount} tasks, one change; one client, sequential requests (p50 of 30; whole list: p50 and max of ${l.rounds} rounds)`,
    '',
    '| request | p50 ms | vs floor p50 | requests | body | gzipped |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| GET /api/health (floor) | ${sync.floorP50} | 1 | 1 | | |`,
    `| GET /api/v1/sync?since=v (now) | ${sync.syncP50} | ${ratio(sync.syncP50, sync.floorP50)} | 1 | ${sync.syncBytes} B | ${sync.syncGzipBytes} B |`,
    `| every page of GET /api/v1/tasks?limit=500 (before /sync), max ${l.max} ms | ${l.p50} | ${ratio(l.p50, sync.floorP50)} | ${l.pages} | ${kb(l.raw)} | ${kb(l.gz)} |`,
  ];
}

function writePairs(rows) {
  const before = rows.filter((r) => r.app === 'before' && !r.name.endsWith('(floor)'));
  return before.map((b) => [rows.find((r) => r.app === 'now' && b.name.endsWith(r.name)), b]);
}

/** Each write today (its event, its push to an open socket) beside the same write before the change log. */
export function writeTable(result) {
  if (!result.baseline?.commit || result.baseline.error) {
    return [`No baseline: ${result.baseline?.error ?? 'BENCH_BASELINE=off'}`];
  }
  const lines = [
    `Writes, today beside ${result.baseline.commit} (${result.baseline.why}); ${result.pushes} versions pushed to the open socket`,
    '',
    '| write | now p50 / p99 ms | before p50 / p99 ms | p99 now / before | p99 vs own floor, now / before |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const [now, was] of writePairs(result.rows)) {
    lines.push(
      `| ${now.name} | ${now.p50} / ${now.p99} | ${was.p50} / ${was.p99} | ${ratio(now.p99, was.p99)} | ${now.p99VsFloor} / ${was.p99VsFloor} |`,
    );
  }
  return lines;
}

export function targetTable(result, size) {
  const lines = ['| target | measured | met |', '| --- | --- | --- |'];
  for (const [name, measured, ok] of verdicts(result, size))
    lines.push(`| ${name} | ${measured} | ${ok ? 'yes' : 'NO'} |`);
  return lines;
}

function syncVerdicts({ rows, sync }) {
  const row = rows.find((r) => r.name.startsWith('GET /api/v1/sync'));
  return [
    [
      `/sync, 1 change of ${sync.taskCount} tasks: body < 2 KB`,
      `${sync.syncBytes} B (${sync.syncGzipBytes} B gzipped)`,
      sync.syncBytes < TARGETS.syncBytes,
    ],
    ['/sync p50 within 1.5x floor p50', `${row.p50VsFloor}x`, row.p50VsFloor <= TARGETS.syncVsFloor],
    ['/sync p99 within 1.5x floor p99', `${row.p99VsFloor}x`, row.p99VsFloor <= TARGETS.syncVsFloor],
  ];
}

function writeVerdicts(result) {
  if (!result.baseline?.commit || result.baseline.error) return [];
  return writePairs(result.rows).map(([now, was]) => [
    `${now.name} p99 within 1.5x of before the change log`,
    `${ratio(now.p99, was.p99)}x`,
    ratio(now.p99, was.p99) <= TARGETS.writeVsBefore,
  ]);
}

export function verdicts(result, size) {
  const { rows } = result;
  const poll = rows.find((r) => r.name.includes('304'));
  const list = rows.find((r) => r.name.includes('100 tasks'));
  const chat = rows.find((r) => r.name.startsWith('POST /api/v1/chat'));
  return [
    [
      'idle 304 poll throughput >= 70% of floor',
      `${Math.round(poll.throughputVsFloor * 100)}%`,
      poll.throughputVsFloor >= TARGETS.idlePollThroughput,
    ],
    ['100-task list p99 < 4x floor p99', `${list.p99VsFloor}x`, list.p99VsFloor < TARGETS.listP99],
    ['built-in chat "add" p99 < 5x floor p99', `${chat.p99VsFloor}x`, chat.p99VsFloor < TARGETS.chatAddP99],
    ...syncVerdicts(result),
    ...writeVerdicts(result),
    ['UI JS + CSS <= 35 KB gzipped', kb(size.uiGzipBytes), size.uiGzipBytes <= TARGETS.uiGzipBytes],
    ['Worker bundle <= 1 MB gzipped', kb(size.workerGzipBytes), size.workerGzipBytes <= TARGETS.workerGzipBytes],
  ];
}
