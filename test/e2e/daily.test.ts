// The dashboard as a daily driver (issue 15): sections, counts that filter,
// quick-add chips, compact rows with a menu, the editor in place, light and
// dark with axe on every screen, touch targets, keyboard, title and icons.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  apiCall,
  baseUrl,
  freshUser,
  gone,
  launch,
  newContext,
  newPage,
  screenshot,
  shown,
  signUpApi,
  taskItem,
  watch,
} from './browser';

// Days counted from the app's clock (CLOCK_AT moves it), in UTC: the pages run in UTC too.
const NOW = process.env.CLOCK_AT ? Date.parse(process.env.CLOCK_AT) : Date.now();
const day = (n: number) => new Date(NOW + n * 86_400_000).toISOString().slice(0, 10);

const TASKS = [
  { title: 'Pay rent', due_date: day(-2), priority: 'high' },
  { title: 'Reply to the landlord', due_date: day(-1) },
  { title: 'Buy milk', due_date: day(0), description: 'Oat, two cartons\nand bread' },
  { title: 'Dentist', due_date: day(3), priority: 'low' },
  { title: 'Plan the trip to Lisbon', due_date: day(12) },
  { title: 'Read a book' },
  { title: 'Fix the bike', description: 'Back tyre' },
];

let token: string;
const problems: string[] = [];

async function open(browser: Browser, width: number, scheme: 'light' | 'dark'): Promise<Page> {
  const context = await newContext(browser, {
    viewport: { width, height: 800 },
    colorScheme: scheme,
    hasTouch: width < 900,
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  await context.addInitScript((t) => localStorage.setItem('tasks.token', JSON.stringify(t)), token);
  const page = await newPage(context);
  problems.push(...watch(page));
  await shown(page.locator('li.task').first());
  return page;
}

async function clean(page: Page, what: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(client);
  expect(await accessibilityProblems(page), what).toEqual([]);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  token = await signUpApi(freshUser('daily'));
  for (const t of TASKS) await apiCall('/api/v1/tasks', token, { body: t });
  const done = await apiCall<{ id: string }>('/api/v1/tasks', token, {
    body: { title: 'File taxes', priority: 'high' },
  });
  await apiCall(`/api/v1/tasks/${done.id}/toggle`, token, { method: 'PATCH' });
});
afterAll(() => browser?.close());

const SETUPS = [375, 1440].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

for (const { width, scheme } of SETUPS) {
  describe(`daily driver at ${width} px, ${scheme}`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await open(browser, width, scheme);
    });
    const name = (what: string) => `daily-${what}-${width}-${scheme}`;

    it('opens on what needs attention, in sections, with Done collapsed and counted', async () => {
      expect(await page.locator('#task-list h2').allTextContents()).toEqual([
        'Overdue 2',
        'Today 1',
        'Upcoming 2',
        'No date 2',
        'Done 1',
      ]);
      expect(await page.locator('li.task .task-title').first().textContent()).toBe('Pay rent');
      expect(await page.getByRole('button', { name: 'Done 1', exact: true }).getAttribute('aria-expanded')).toBe(
        'false',
      );
      // Due dates in words, priority only when not medium, one line of notes.
      expect(await taskItem(page, 'Buy milk').locator('.due').textContent()).toBe('Today');
      expect(await taskItem(page, 'Buy milk').locator('.task-desc').textContent()).toBe('Oat, two cartons…');
      expect(await taskItem(page, 'Pay rent').locator('.badge').textContent()).toBe('high');
      expect(await taskItem(page, 'Plan the trip to Lisbon').locator('.badge').count()).toBe(0);
      expect(await page.title()).toBe('(3) Tasks');
      await screenshot(page, name('sections'));
      await clean(page, 'sections');
    });

    it('reads the new-task field as the chat does, with removable chips and quick picks', async () => {
      const field = page.getByLabel('New task', { exact: true });
      // A weekday three days ahead: never "Today" or "Tomorrow", whatever day the clock says.
      const ahead = new Date(NOW + 3 * 86_400_000);
      const weekday = (style: 'long' | 'short') =>
        ahead.toLocaleDateString('en-US', { weekday: style, timeZone: 'UTC' });
      await field.fill(`Pay rent ${weekday('long').toLowerCase()} !high`);
      const chips = page.getByRole('list', { name: 'Recognised' });
      await shown(chips.getByText('Priority: high'));
      await shown(chips.getByText(new RegExp(`^Due: ${weekday('short')}`)));
      await screenshot(page, name('quick-add'));
      await clean(page, 'quick-add');
      await page.getByRole('button', { name: /^Remove priority/ }).click();
      await gone(chips.getByText('Priority: high'));
      await page.getByRole('button', { name: 'Tomorrow', exact: true }).click();
      expect(await page.getByRole('button', { name: 'Tomorrow', exact: true }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await shown(chips.getByText('Due: Tomorrow'));
      await field.fill('');
      await gone(chips);
    });

    it('has row actions in a menu, and the editor opens in place from the title', async () => {
      await page.getByRole('button', { name: 'Actions for Dentist', exact: true }).click();
      await shown(page.getByRole('button', { name: 'Delete Dentist', exact: true }));
      await clean(page, 'menu');
      await page.keyboard.press('Escape');
      await gone(page.getByRole('button', { name: 'Delete Dentist', exact: true }));
      await page.getByRole('button', { name: 'Edit Dentist', exact: true }).click();
      await shown(page.getByRole('form', { name: 'Edit Dentist' }));
      await shown(page.getByRole('region', { name: 'History' }).getByRole('listitem'));
      await screenshot(page, name('editor'));
      await clean(page, 'editor');
      await page.getByRole('form', { name: 'Edit Dentist' }).getByLabel('Title').press('Escape');
      await gone(page.getByRole('form', { name: 'Edit Dentist' }));
    });

    it('lists its shortcuts behind "?"', async () => {
      await page.locator('h1').click();
      await page.keyboard.press('?');
      const help = page.getByRole('region', { name: 'Keyboard shortcuts' });
      await shown(help);
      await clean(page, 'shortcuts');
      await page.keyboard.press('Escape');
      await gone(help);
    });

    if (width < 900) {
      it('on a touch screen every check area, title, menu and button is at least 44 px', async () => {
        const small = await page.evaluate(() =>
          Array.from(
            document.querySelectorAll<HTMLElement>('.content button, .topbar button, .topbar a, .check, .more'),
          )
            .filter((el) => el.offsetParent !== null)
            .map((el) => ({ el: el.className || el.textContent, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ el, box }) => `${el} ${Math.round(box.width)}x${Math.round(box.height)}`),
        );
        expect(small).toEqual([]);
      });
    }
  });
}

describe('daily driver: counts, keyboard, title and icons', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(browser, 1280, 'light');
  });
  const titles = () => page.locator('li.task .task-title').allTextContents();

  it('the overdue and due-today counts filter the list to what they count', async () => {
    await page.getByRole('button', { name: '2 overdue', exact: true }).click();
    expect(await titles()).toEqual(['Pay rent', 'Reply to the landlord']);
    await page.getByRole('button', { name: '1 due today', exact: true }).click();
    expect(await titles()).toEqual(['Buy milk']);
    await page.getByRole('button', { name: '1 due today', exact: true }).click();
    expect(await titles()).toHaveLength(7);
  });

  it('arrow keys move between rows; the skip link goes to the list', async () => {
    await page.getByRole('button', { name: 'Edit Pay rent', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(await focused()).toBe('Edit Reply to the landlord');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Edit Buy milk');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('Edit Reply to the landlord');
    // The skip link is the first thing Tab reaches, and shows when focused.
    const first = await page.evaluate(() => document.querySelector('a[href], button, input')?.textContent);
    expect(first).toBe('Skip to the list');
    await page.getByRole('link', { name: 'Skip to the list' }).focus();
    expect((await page.getByRole('link', { name: 'Skip to the list' }).boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('task-list');
  });

  it('has an SVG favicon, a web app manifest, and a place for tokens', async () => {
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const res = await fetch(new URL(icon!, baseUrl()));
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const manifest = await (await fetch(`${baseUrl()}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'Tasks', display: 'standalone', start_url: '/' });
    expect(await page.getByRole('link', { name: 'Tokens & connected apps' }).getAttribute('href')).toBe('#/tokens');
  });

  it('never counts "0 open" while the list is loading or failed to load', async () => {
    await page.route('**/api/v1/sync**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"x","message":"Down"}}' }),
    );
    await page.reload();
    await shown(page.getByText('Could not load your tasks'));
    expect(await page.locator('.counts').textContent()).toBe('Counts unavailable until the list loads.');
    expect(await page.title()).toBe('Tasks');
    await page.unroute('**/api/v1/sync**');
  });

  it('renders what is on screen: 10,000 tasks stay under 3,000 DOM elements', async () => {
    // The first /sync answer padded to 10,000 tasks (seeding them through the API takes minutes).
    await page.route('**/api/v1/sync', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (let i = body.tasks.length; i < 10_000; i++) {
        const stamp = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
        body.tasks.push({
          ...body.tasks[0],
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          title: `Padding ${i}`,
          due_date: i % 2 ? null : day(5 + (i % 30)),
          completed: i % 7 === 0,
          created_at: stamp,
          updated_at: stamp,
        });
      }
      await route.fulfill({ response: res, json: body });
    });
    await page.reload();
    await shown(page.getByRole('button', { name: /^Show 50 more/ }).first());
    const { elements, rows } = await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      rows: document.querySelectorAll('li.task').length,
    }));
    expect(elements).toBeLessThan(3000);
    expect(rows).toBeLessThanOrEqual(4 * 30);
    const upcoming = page.getByRole('region', { name: /^Upcoming/ });
    await upcoming.getByRole('button', { name: /^Show 50 more/ }).click();
    expect(await upcoming.locator('li.task').count()).toBe(80);
    await page.unroute('**/api/v1/sync');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
