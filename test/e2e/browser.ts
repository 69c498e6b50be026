// Shared e2e helpers: headless Chromium from the system, a fresh user per
// test file, and checks every page gets (no CSP violations, no page errors).
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');
export const SCREENSHOTS = 'test-results/screenshots';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A browser context whose pages live at the app's time: with CLOCK_AT set
 * (the server runs on it too), their Date starts there and runs on, so
 * "today" and "overdue" mean the same on both sides.
 */
export async function newContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  if (process.env.CLOCK_AT) await context.clock.setSystemTime(new Date(process.env.CLOCK_AT));
  return context;
}

/** Problems a page reports: uncaught errors and CSP refusals. Tests assert the list stays empty. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return problems;
}

export async function newPage(context: BrowserContext, path = '/'): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(baseUrl() + path);
  return page;
}

export interface Credentials {
  email: string;
  password: string;
  name: string;
}

let users = 0;
export const freshUser = (label: string): Credentials => ({
  email: `${label}-${Date.now().toString(36)}-${++users}@example.com`,
  password: 'correct horse battery',
  name: `E2E ${label}`,
});

export async function signUp(page: Page, user: Credentials) {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Name', { exact: true }).fill(user.name);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await shown(page.getByRole('button', { name: 'Chat', exact: true }));
}

export async function logIn(page: Page, user: Credentials) {
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await shown(page.getByRole('button', { name: 'Chat', exact: true }));
}

export async function addTask(page: Page, title: string) {
  const field = page.getByLabel('New task', { exact: true });
  await field.fill(title);
  await field.press('Enter');
  // Optimistic first, then the server's copy with a real id.
  await shown(taskItem(page, title).and(page.locator('li:not([id^="task-pending-"])')));
}

/** The list item for a task, by its exact title. */
export const taskItem = (page: Page, title: string) =>
  page
    .locator('li.task')
    .filter({ has: page.locator('.task-title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });

/** Deletes a task through its row's menu (the "⋯" button, then Delete). */
export async function deleteTask(page: Page, title: string) {
  await page.getByRole('button', { name: `Actions for ${title}`, exact: true }).click();
  await page.getByRole('button', { name: `Delete ${title}`, exact: true }).click();
}

/** Opens the collapsed Done section (its button reads "Done 3"). */
export async function openDone(page: Page) {
  const toggle = page.locator('.section-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the locator is visible (fails the test after `timeout` ms). */
export const shown = (locator: Locator, timeout = 5000) => locator.first().waitFor({ state: 'visible', timeout });
export const gone = (locator: Locator, timeout = 5000) => locator.first().waitFor({ state: 'detached', timeout });

/** A call to the running app's API from this process, as another client would make it. */
export async function apiCall<T = unknown>(
  path: string,
  token: string | null,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(baseUrl() + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} -> ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Signs a user up through the API (no page needed) and returns their token. */
export const signUpApi = async (user: Credentials) =>
  (await apiCall<{ token: string }>('/api/v1/auth/signup', null, { body: user })).token;

let rpcIds = 0;
/** One MCP tool call, as an MCP client sends it: POST /mcp with the user's token. */
export async function mcpTool<T = Record<string, unknown>>(token: string, name: string, args: object): Promise<T> {
  const res = await fetch(`${baseUrl()}/mcp`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcIds, method: 'tools/call', params: { name, arguments: args } }),
  });
  const body = (await res.json()) as { result?: { structuredContent?: T; isError?: boolean }; error?: unknown };
  if (!res.ok || !body.result || body.result.isError)
    throw new Error(`MCP ${name} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.result.structuredContent as T;
}

const realClocks = new WeakSet<Page>();

/**
 * Starts watching the page for a task whose title is `title` (and, with `done`,
 * that is marked done); `seenAt` then gives the wall-clock ms it appeared.
 * The time comes from this process: under CLOCK_AT the page's own Date and
 * performance timeline are faked, and delays must be measured in real time.
 */
export async function startWatch(page: Page, title: string, done = false) {
  if (!realClocks.has(page)) {
    await page.exposeFunction('__realNow', () => Date.now());
    realClocks.add(page);
  }
  await page.evaluate(
    ({ title, done }) => {
      const w = window as unknown as {
        __seen?: Promise<number>;
        __broadcasts: number;
        __realNow: () => Promise<number>;
      };
      w.__broadcasts = 0;
      new BroadcastChannel('tasks').onmessage = () => w.__broadcasts++;
      const found = () =>
        Array.from(document.querySelectorAll('li.task')).some(
          (li) => li.querySelector('.task-title')?.textContent === title && (!done || li.classList.contains('done')),
        );
      w.__seen = new Promise<number>((resolve) => {
        const obs = new MutationObserver(() => {
          if (found()) {
            obs.disconnect();
            resolve(w.__realNow());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
    { title, done },
  );
}

/** When the page's watch saw the task (wall-clock ms), waiting at most `ms`. */
export const seenAt = (page: Page, ms: number) =>
  Promise.race([
    page.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen),
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`not seen within ${ms} ms`)), ms)),
  ]);

/**
 * Records when each response a page receives has fully arrived, in wall-clock
 * ms from the browser's network timing (which no page clock fakes).
 */
export function trackResponses(page: Page) {
  const ends: { url: string; end: number }[] = [];
  page.on('requestfinished', (request) => {
    const t = request.timing();
    ends.push({ url: request.url(), end: t.startTime + t.responseEnd });
  });
  /** When the last response to a request whose URL contains `part` finished arriving. */
  return async (part: string) => {
    for (let i = 0; i < 100; i++) {
      const last = ends.filter((e) => e.url.includes(part)).at(-1);
      if (last) return last.end;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no request to ${part}`);
  };
}

/** Waits until the page's live socket is up (the top bar says "Live"). */
export const liveUp = (page: Page, timeout = 10_000) => shown(page.locator('.live[data-state="up"]'), timeout);

/** p50, p95 and max of some delays, rounded to ms. */
export function percentiles(delays: number[]) {
  const sorted = [...delays].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { n: sorted.length, p50: at(50), p95: at(95), max: Math.round(sorted.at(-1)!) };
}

/**
 * axe-core's WCAG 2 A and AA rules on the page as it stands. Evaluated
 * through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations.map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
