import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshUser, launch, logIn, newContext, newPage, shown, signUp, taskItem, watch } from './browser';

const realClocks = new WeakSet<Page>();

/**
 * Starts watching the page for a task whose title is `title` (and, with `done`,
 * that is marked done); resolves in the page with the wall-clock ms it appeared.
 * The time comes from this process: under CLOCK_AT the page's own Date and
 * performance timeline are faked, and delays must be measured in real time.
 */
async function startWatch(page: Page, title: string, done = false) {
  if (!realClocks.has(page)) {
    await page.exposeFunction('__realNow', () => Date.now());
    realClocks.add(page);
  }
  await page.evaluate(
    ({ title, done }) => {
      const w = window as unknown as { __seen?: Promise<number>; __broadcasts: number; __realNow: () => Promise<number> };
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
const seenAt = (page: Page, ms: number) =>
  Promise.race([
    page.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen),
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`not seen within ${ms} ms`)), ms)),
  ]);

/**
 * Records when each response a page receives has fully arrived, in wall-clock
 * ms from the browser's network timing (which no page clock fakes).
 */
function trackResponses(page: Page) {
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

describe('sync between tabs (BroadcastChannel) and devices (polling)', () => {
  let browser: Browser;
  let tab1: Page;
  let tab2: Page;
  let device2: Page;
  let tab1Responses: ReturnType<typeof trackResponses>;
  let tab2Responses: ReturnType<typeof trackResponses>;
  const problems: string[] = [];
  const user = freshUser('sync');

  beforeAll(async () => {
    browser = await launch();
    const laptop = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    tab1 = await newPage(laptop);
    tab1Responses = trackResponses(tab1);
    problems.push(...watch(tab1));
    await signUp(tab1, user);
    tab2 = await newPage(laptop); // same browser: shares the session through localStorage
    tab2Responses = trackResponses(tab2);
    await shown(tab2.getByRole('button', { name: 'Chat', exact: true }));
    const phone = await newContext(browser, { viewport: { width: 375, height: 800 } });
    device2 = await newPage(phone);
    await logIn(device2, user);
    await shown(device2.getByText('No tasks yet'));
    await shown(tab2.getByText('No tasks yet'));
  });
  afterAll(() => browser?.close());

  it('a task added in the chat of one tab appears in the other tab at once and on the other device by polling', async () => {
    await startWatch(tab2, 'Call mom');
    await startWatch(device2, 'Call mom');

    await tab1.bringToFront(); // the user works in tab 1; tab 2 waits in the background
    await tab1.getByRole('button', { name: 'Chat', exact: true }).click();
    await tab1.getByLabel('Message', { exact: true }).fill('add a high priority task to call mom tomorrow');
    await tab1.getByRole('button', { name: 'Send', exact: true }).click();
    const action = tab1.getByRole('button', { name: 'Added “Call mom”' });
    await shown(action);
    const replied = await tab1Responses('/api/v1/chat');

    const tabDelay = (await seenAt(tab2, 2000)) - replied;
    const deviceDelay = (await seenAt(device2, 6000)) - replied;
    console.log(`sync: chat -> other tab ${Math.round(tabDelay)} ms (BroadcastChannel); chat -> other device ${Math.round(deviceDelay)} ms (3 s poll)`);
    // Targets: within 1 s in the same browser; within one poll (3 s) plus one request elsewhere.
    expect(tabDelay).toBeLessThan(1000);
    expect(await tab2.evaluate(() => (window as unknown as { __broadcasts: number }).__broadcasts)).toBeGreaterThan(0);
    expect(deviceDelay).toBeLessThan(6000);
    expect(await taskItem(device2, 'Call mom').locator('.badge').textContent()).toBe('high');
    expect(await taskItem(device2, 'Call mom').textContent()).toContain('Tomorrow');
  });

  it("the chat's action links to the task: clicking it scrolls to it and highlights it", async () => {
    await tab1.getByRole('button', { name: 'Added “Call mom”' }).click();
    const item = taskItem(tab1, 'Call mom');
    await shown(item.and(tab1.locator('.highlight')));
    await expect.poll(() => item.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('a toggle in one tab reflects in the other tab and on the other device', async () => {
    await startWatch(tab1, 'Call mom', true);
    await startWatch(device2, 'Call mom', true);
    await tab2.bringToFront();
    // Listen before clicking: the answer can arrive before click() returns.
    const answered = tab2.waitForResponse((r) => r.url().includes('/toggle') && r.ok());
    await tab2.getByRole('checkbox', { name: 'Done: Call mom' }).click();
    await answered;
    const toggled = await tab2Responses('/toggle');

    const tabDelay = (await seenAt(tab1, 2000)) - toggled;
    const deviceDelay = (await seenAt(device2, 6000)) - toggled;
    console.log(`sync: toggle -> other tab ${Math.round(tabDelay)} ms (BroadcastChannel); toggle -> other device ${Math.round(deviceDelay)} ms (3 s poll)`);
    expect(tabDelay).toBeLessThan(1000);
    expect(deviceDelay).toBeLessThan(6000);
    expect(await tab1.getByRole('checkbox', { name: 'Done: Call mom' }).isChecked()).toBe(true);
  });

  it('a hidden tab does not poll, and catches up at once when shown again', async () => {
    await device2.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const polls: string[] = [];
    device2.on('request', (r) => r.url().includes('/api/v1/sync') && polls.push(r.url()));
    await device2.waitForTimeout(3500);
    expect(polls).toEqual([]);
    await device2.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await device2.waitForTimeout(300);
    expect(polls.length).toBe(1);
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
