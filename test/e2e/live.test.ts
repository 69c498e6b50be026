// Live push between two browser contexts (two devices, not two tabs of one
// browser), the fallback poll while the socket is down, and what an idle
// dashboard costs. Delays are measured in real time from this process and the
// browser's network timing, as in sync.test.ts, so pages may live at CLOCK_AT.
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTask,
  apiCall,
  freshUser,
  launch,
  liveUp,
  logIn,
  mcpTool,
  newContext,
  newPage,
  percentiles,
  seenAt,
  shown,
  signUpApi,
  startWatch,
  watch,
} from './browser';

const CHANGES = 20;

describe('live push between two browser contexts', () => {
  let browser: Browser;
  let laptop: Page;
  let phone: Page;
  /** The phone's live socket as Playwright routes it, so a test can cut it. */
  let phoneSocket: WebSocketRoute | null = null;
  let token: string;
  const problems: string[] = [];
  const user = freshUser('live');

  beforeAll(async () => {
    browser = await launch();
    token = await signUpApi(user);
    laptop = await newPage(await newContext(browser, { viewport: { width: 1280, height: 900 } }));
    problems.push(...watch(laptop));
    await logIn(laptop, user);

    const phoneContext = await newContext(browser, { viewport: { width: 375, height: 800 } });
    // Every socket the phone opens goes through here to the server, untouched, until a test closes it.
    await phoneContext.routeWebSocket(/\/api\/v1\/live/, (ws) => {
      ws.connectToServer();
      phoneSocket = ws;
    });
    phone = await newPage(phoneContext);
    problems.push(...watch(phone));
    await logIn(phone, user);
    await liveUp(laptop);
    await liveUp(phone);
  });
  afterAll(() => browser?.close());

  /** Makes `change` happen `CHANGES` times and returns how long each took to show on `page`. */
  async function measure(
    page: Page,
    title: (i: number) => string,
    change: (i: number) => Promise<number>,
    within: number,
  ) {
    const delays: number[] = [];
    for (let i = 1; i <= CHANGES; i++) {
      await startWatch(page, title(i));
      const done = await change(i);
      delays.push((await seenAt(page, within)) - done);
    }
    return percentiles(delays);
  }

  const report = (what: string, p: ReturnType<typeof percentiles>) =>
    console.log(`sync: ${what}: p50 ${p.p50} ms, p95 ${p.p95} ms, max ${p.max} ms over ${p.n} changes`);

  it(`a change from the chat shows on the other context within 1 s (${CHANGES} changes)`, async () => {
    const p = await measure(
      laptop,
      (i) => `Chat change ${String.fromCharCode(96 + i)}`,
      async (i) => {
        const reply = await apiCall<{ actions: { output: { title: string } }[] }>('/api/v1/chat', token, {
          body: { message: `add chat change ${String.fromCharCode(96 + i)}` },
        });
        expect(reply.actions[0]?.output.title).toBe(`Chat change ${String.fromCharCode(96 + i)}`);
        return Date.now();
      },
      3000,
    );
    report('chat (API) -> dashboard, live push', p);
    expect(p.p95).toBeLessThan(1000);
  });

  it(`a change over MCP shows on the other context within 1 s (${CHANGES} changes)`, async () => {
    const p = await measure(
      laptop,
      (i) => `MCP change ${i}`,
      async (i) => {
        await mcpTool(token, 'add_task', { title: `MCP change ${i}` });
        return Date.now();
      },
      3000,
    );
    report('MCP (POST /mcp) -> dashboard, live push', p);
    expect(p.p95).toBeLessThan(1000);
  });

  it(`a change on one dashboard shows on the other context within 1 s (${CHANGES} changes)`, async () => {
    const p = await measure(
      laptop,
      (i) => `Phone change ${i}`,
      async (i) => {
        const posted = phone.waitForResponse(
          (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
        );
        await addTask(phone, `Phone change ${i}`);
        const res = await posted;
        await res.finished();
        const t = res.request().timing();
        return t.startTime + t.responseEnd;
      },
      3000,
    );
    report('other browser context -> dashboard, live push', p);
    expect(p.p95).toBeLessThan(1000);
  });

  it('with the socket down, the fallback poll delivers within 3 s plus one request', async () => {
    // New sockets get no ticket, and the open one is cut: the phone falls back to polling /sync.
    await phone.route('**/api/v1/live/ticket', (route) => route.abort());
    await phoneSocket!.close({ code: 1011, reason: 'test cuts the socket' });
    await shown(phone.locator('.live[data-state="down"]'));
    let longestSync = 0;
    phone.on('requestfinished', (r) => {
      if (r.url().includes('/api/v1/sync')) longestSync = Math.max(longestSync, r.timing().responseEnd);
    });
    const delays: number[] = [];
    for (let i = 1; i <= 10; i++) {
      await startWatch(phone, `Polled change ${i}`);
      await mcpTool(token, 'add_task', { title: `Polled change ${i}` });
      const done = Date.now();
      delays.push((await seenAt(phone, 6000)) - done);
    }
    const p = percentiles(delays);
    report(`socket down, fallback poll every 3 s -> dashboard (longest /sync ${Math.round(longestSync)} ms)`, p);
    // One poll interval plus one request, plus a little for rendering and for this measurement's own round trip.
    expect(p.max).toBeLessThan(3000 + longestSync + 250);

    // The socket comes back on the next reconnect attempt; polling stops.
    await phone.unroute('**/api/v1/live/ticket');
    await liveUp(phone, 35_000);
  }, 60_000);

  it('an idle dashboard with the socket up makes at most one request a minute', async () => {
    // A third context whose clock Playwright drives: the minute runs fast, in two halves, each
    // ending with the keep-alive ping the page sends then and the pong the server answers.
    const context = await newContext(browser);
    await context.clock.install(process.env.CLOCK_AT ? { time: new Date(process.env.CLOCK_AT) } : undefined);
    const page = await newPage(context);
    problems.push(...watch(page));
    const pongs: number[] = [];
    const pings: number[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => f.payload === 'ping' && pings.push(1));
      ws.on('framereceived', (f) => f.payload === 'pong' && pongs.push(1));
    });
    await logIn(page, user);
    await liveUp(page);
    await shown(page.locator('li.task').first());
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    for (const half of [1, 2]) {
      await page.clock.runFor(30_000);
      await expect.poll(() => pongs.length, { timeout: 5000 }).toBe(half);
    }
    console.log(
      `sync: idle dashboard, socket up: ${requests.length} HTTP requests and ${pings.length} pings in one minute (page.clock)`,
    );
    expect(pings).toHaveLength(2);
    expect(requests.length).toBeLessThanOrEqual(1);
    expect(await page.locator('.live').getAttribute('data-state')).toBe('up');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
