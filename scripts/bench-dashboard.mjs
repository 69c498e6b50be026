// The dashboard at scale (issue 15), in headless Chromium against a running app:
//
//   RATE_LIMITS=off PORT=8787 npm start          # in another shell
//   BENCH_URL=http://localhost:8787 BENCH_TASKS=10000 node scripts/bench-dashboard.mjs
//
// Signs up one new user with BENCH_REAL real tasks (overdue, so they head the
// list and the toggles hit them) and pads the browser's first /sync answer to
// BENCH_TASKS tasks (a mix of overdue, today, upcoming, undated and done):
// creating 10,000 tasks through the API takes minutes on a shared machine, and
// what is measured here is the page, which cannot tell the difference. Later
// syncs come from the server as they are. Measured in the page's own timeline: when the /sync answer starts and ends arriving, when the first row
// is in the DOM, every main-thread task over 50 ms (Long Tasks API) while
// loading and after each toggle, how long a toggle takes to paint, the DOM size
// and the JS heap. Prints a Markdown table; nothing here is asserted.
import { chromium } from 'playwright-core';

const BASE = process.env.BENCH_URL ?? 'http://localhost:8787';
const COUNT = Number(process.env.BENCH_TASKS ?? 10_000);
const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 10);
const REAL = Number(process.env.BENCH_REAL ?? 12);
const PROFILE = process.env.BENCH_PROFILE === '1';

async function call(path, token, body, method) {
  const res = await fetch(BASE + path, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path} -> ${res.status} ${await res.text()}`);
  return res.json();
}

const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Padding task i: a fifth each overdue, due today, upcoming, and two fifths undated; every seventh done. */
function pad(i) {
  const kind = i % 5;
  const due = kind === 0 ? day(-1 - (i % 30)) : kind === 1 ? day(0) : kind === 2 ? day(1 + (i % 60)) : null;
  const stamp = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    user_id: 'bench',
    title: `Task ${i} ${'lorem ipsum '.repeat(i % 3)}`.trim(),
    description: i % 4 ? null : `Notes for ${i}`,
    completed: i % 7 === 0,
    priority: ['low', 'medium', 'medium', 'high'][i % 4],
    due_date: due,
    created_at: stamp,
    updated_at: stamp,
  };
}

async function seedUser() {
  const email = `bench-ui-${Date.now()}@example.com`;
  const { token } = await call('/api/v1/auth/signup', null, {
    email,
    password: 'correct horse battery',
    name: 'Bench',
  });
  for (let i = 0; i < REAL; i++) await call('/api/v1/tasks', token, { title: `Real ${i}`, due_date: day(-60 - i) });
  return token;
}

/** The first, full /sync answer, padded to COUNT tasks. */
async function padFirstSync(page) {
  let padded = false;
  await page.route('**/api/v1/sync*', async (route) => {
    if (padded) return route.continue();
    padded = true;
    const res = await route.fetch();
    const body = await res.json();
    for (let i = body.tasks.length; i < COUNT; i++) body.tasks.push(pad(i));
    await route.fulfill({ response: res, json: body });
  });
}

/** Installed before the app: long tasks and the moment the first row appears, on the page's clock. */
function instrument() {
  const w = window;
  w.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const obs = new MutationObserver(() => {
    if (document.querySelector('li.task')) {
      w.__firstRow = performance.now();
      obs.disconnect();
    }
  });
  addEventListener('DOMContentLoaded', () => obs.observe(document.body, { childList: true, subtree: true }));
}

async function measure(browser, token) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((t) => localStorage.setItem('tasks.token', JSON.stringify(t)), token);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await padFirstSync(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (PROFILE) await startProfile(cdp);
  await page.goto(BASE);
  await page.locator('li.task').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500); // let the load settle: anything still running shows as a long task
  if (PROFILE) await printProfile(cdp);
  const load = await page.evaluate(() => {
    const sync = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/sync'));
    const w = window;
    return {
      syncStart: sync.responseStart,
      syncEnd: sync.responseEnd,
      syncBytes: sync.encodedBodySize,
      firstRow: w.__firstRow,
      long: w.__long.map((l) => l.duration),
      nodes: document.getElementsByTagName('*').length,
      rows: document.querySelectorAll('li.task').length,
    };
  });
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const toggles = [];
  for (let i = 0; i < TOGGLES; i++) toggles.push(await toggleOnce(page));
  const after = await page.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  return { load, metrics, toggles, after };
}

/** Ticks the first open row; paint = click to the frame after the handlers ran; long tasks over the next 1.5 s. */
async function toggleOnce(page) {
  const box = page.locator('li.task input[type="checkbox"]:not(:checked)').first();
  await page.evaluate(() => {
    const w = window;
    w.__mark = performance.now();
    w.__long.length = 0;
    document.addEventListener(
      'click',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => (w.__painted = performance.now() - t0)));
      },
      { capture: true, once: true },
    );
  });
  const answered = page.waitForResponse((r) => r.url().includes('/toggle'));
  await box.click();
  await answered;
  await page.waitForTimeout(1500);
  return page.evaluate(() => ({ painted: window.__painted, long: window.__long.map((l) => l.duration) }));
}

async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/** Self time per function while loading, top 20: where the main thread went. */
async function printProfile(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.error(top.map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
}

const ms = (n) => `${Math.round(n)} ms`;
const max = (a) => (a.length ? Math.max(...a) : 0);

const token = await seedUser();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const r = await measure(browser, token);
await browser.close();

const painted = r.toggles.map((t) => t.painted).sort((a, b) => a - b);
const toggleLong = r.toggles.flatMap((t) => t.long);
console.log(`| measure (${COUNT} tasks, headless Chromium, 1440x900) | value | target |`);
console.log('| --- | ---: | --- |');
console.log(
  `| /sync answer: first byte -> last byte | ${ms(r.load.syncEnd - r.load.syncStart)} (${(r.load.syncBytes / 1e6).toFixed(1)} MB) | |`,
);
console.log(`| first row, after the data starts arriving | ${ms(r.load.firstRow - r.load.syncStart)} | < 500 ms |`);
console.log(
  `| longest main-thread task while loading | ${ms(max(r.load.long))} (${r.load.long.length} over 50 ms) | < 100 ms |`,
);
console.log(
  `| toggle painted, median / max of ${painted.length} | ${ms(painted[painted.length >> 1])} / ${ms(max(painted))} | < 50 ms |`,
);
console.log(
  `| longest main-thread task after a toggle (incl. its /sync) | ${ms(max(toggleLong))} (${toggleLong.length} over 50 ms) | < 100 ms |`,
);
console.log(
  `| DOM elements after load / after the toggles | ${r.load.nodes} / ${r.after} (${r.load.rows} rows) | < 3,000 |`,
);
console.log(`| DOM nodes (CDP, all kinds) | ${r.metrics.Nodes} | |`);
console.log(`| JS heap used | ${(r.metrics.JSHeapUsedSize / 1e6).toFixed(1)} MB | |`);
