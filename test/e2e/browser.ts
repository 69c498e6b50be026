// Shared e2e helpers: headless Chromium from the system, a fresh user per
// test file, and checks every page gets (no CSP violations, no page errors).
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
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
  page.locator('li.task').filter({ has: page.locator('.task-title', { hasText: new RegExp(`^${escape(title)}$`) }) });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the locator is visible (fails the test after `timeout` ms). */
export const shown = (locator: Locator, timeout = 5000) => locator.first().waitFor({ state: 'visible', timeout });
export const gone = (locator: Locator, timeout = 5000) => locator.first().waitFor({ state: 'detached', timeout });
