import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addTask,
  deleteTask,
  freshUser,
  gone,
  launch,
  logIn,
  newPage,
  screenshot,
  shown,
  signUp,
  taskItem,
  watch,
  newContext,
} from './browser';

describe('dashboard', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const user = freshUser('dash');

  beforeAll(async () => {
    browser = await launch();
    page = await newPage(await newContext(browser, { viewport: { width: 1280, height: 900 } }));
    problems = watch(page);
    await signUp(page, user);
  });
  afterAll(() => browser?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
  });

  const titles = async () => page.locator('li.task .task-title').allTextContents();
  const select = (label: string, value: string) =>
    page.getByRole('combobox', { name: label, exact: true }).selectOption(value);

  it('starts empty, then creates tasks with the new-task field (each with Undo)', async () => {
    await shown(page.getByText('No tasks yet'));
    await addTask(page, 'Undo me');
    await page.locator('.notice', { hasText: 'Added “Undo me”.' }).getByRole('button', { name: 'Undo' }).click();
    await gone(taskItem(page, 'Undo me'));
    await shown(page.getByText('No tasks yet'));
    await addTask(page, 'Buy milk');
    // The field reads a priority the way the chat does; the title keeps the rest.
    const field = page.getByLabel('New task', { exact: true });
    await field.fill('File taxes !high');
    await shown(page.getByRole('list', { name: 'Recognised' }).getByText('Priority: high'));
    await field.press('Enter');
    await shown(taskItem(page, 'File taxes').locator('.badge', { hasText: 'high' }));
    await addTask(page, 'Walk the dog');
    // All three in "No date", newest first; a medium task shows no priority at all.
    expect(await titles()).toEqual(['Walk the dog', 'File taxes', 'Buy milk']);
    expect(await taskItem(page, 'Walk the dog').locator('.badge').count()).toBe(0);
    expect(await page.locator('.counts').textContent()).toContain('3 open');
  });

  it('edits title, notes, priority and due date in place (clicking the title opens the editor)', async () => {
    await taskItem(page, 'Buy milk').getByRole('button', { name: 'Edit Buy milk' }).click();
    const form = page.getByRole('form', { name: 'Edit Buy milk' });
    await form.getByLabel('Title').fill('Buy oat milk');
    await form.getByLabel('Notes').fill('Two cartons\nand the receipt');
    await form.getByLabel('Priority').selectOption('low');
    // Yesterday: the task becomes overdue and must stand out.
    // (The page's clock, not this process's: under CLOCK_AT they differ.)
    const yesterday = await page.evaluate(() => {
      const d = new Date(Date.now() - 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    });
    await form.getByLabel('Due date').fill(yesterday);
    await form.getByLabel('Time (optional)').fill('09:30');
    await form.getByLabel('Title').press('Enter');

    const item = taskItem(page, 'Buy oat milk');
    // One line of notes, in the Overdue section, labelled for screen readers too.
    await shown(item.locator('.task-desc', { hasText: 'Two cartons…' }));
    await shown(page.getByRole('region', { name: /^Overdue/ }).locator('li.task', { hasText: 'Buy oat milk' }));
    expect(await item.locator('.due').textContent()).toMatch(/^Overdue: Yesterday /);
    expect(await item.getAttribute('class')).toContain('due-overdue');
    // The server has it, not just this page: a reload shows the same.
    await page.reload();
    await shown(taskItem(page, 'Buy oat milk').getByText('Two cartons…'));
    expect(await taskItem(page, 'Buy oat milk').locator('.badge').textContent()).toBe('low');
    expect(await page.locator('.counts').textContent()).toContain('1 overdue');
  });

  it('escape cancels an edit without saving', async () => {
    await page.getByRole('button', { name: 'Edit Walk the dog' }).click();
    const title = page.getByRole('form', { name: 'Edit Walk the dog' }).getByLabel('Title');
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await title.fill('Something else');
    await title.press('Escape');
    await shown(taskItem(page, 'Walk the dog'));
    expect(await titles()).not.toContain('Something else');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Edit Walk the dog');
  });

  it('switching to another task saves the open edit, never dropping it', async () => {
    await page.getByRole('button', { name: 'Edit Walk the dog' }).click();
    await page.getByRole('form', { name: 'Edit Walk the dog' }).getByLabel('Title').fill('Walk the dog twice');
    await page.getByRole('button', { name: 'Edit File taxes' }).click();
    await shown(page.getByRole('form', { name: 'Edit File taxes' }));
    await shown(taskItem(page, 'Walk the dog twice').and(page.locator(':not(.editing)')));
    await shown(page.locator('.notice', { hasText: 'Saved “Walk the dog twice”.' }));
    await page.getByRole('form', { name: 'Edit File taxes' }).getByLabel('Title').press('Escape');
    await page
      .locator('.notice', { hasText: 'Saved “Walk the dog twice”.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await shown(taskItem(page, 'Walk the dog'));
  });

  it('toggles a task done: it goes to the collapsed Done section, and survives a reload', async () => {
    const box = page.getByRole('checkbox', { name: 'Done: File taxes' });
    const answered = page.waitForResponse((r) => r.url().includes('/toggle') && r.ok());
    await box.click();
    await gone(taskItem(page, 'File taxes'));
    await answered;
    await page.reload();
    const toggle = page.getByRole('button', { name: 'Done 1', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await shown(taskItem(page, 'File taxes'));
    expect(await page.getByRole('checkbox', { name: 'Done: File taxes' }).isChecked()).toBe(true);
    // No priority marker on a done task, though it is high.
    expect(await taskItem(page, 'File taxes').locator('.badge').count()).toBe(0);
    expect(await page.locator('.counts').textContent()).toContain('1 done');
  });

  it('puts sections in order, filters by status, priority and the overdue count, searches and sorts', async () => {
    const sections = () => page.locator('#task-list h2').allTextContents();
    expect(await sections()).toEqual(['Overdue 1', 'No date 1', 'Done 1']);
    expect(await titles()).toEqual(['Buy oat milk', 'Walk the dog', 'File taxes']);
    await select('Status', 'done');
    expect(await titles()).toEqual(['File taxes']);
    await select('Status', 'open');
    expect(await titles()).toEqual(['Buy oat milk', 'Walk the dog']);
    await select('Priority', 'low');
    expect(await titles()).toEqual(['Buy oat milk']);
    await select('Status', 'all');
    await select('Priority', 'any');
    // The overdue count is a button: pressed, the list is what it counts; pressed again, everything.
    const overdue = page.getByRole('button', { name: '1 overdue' });
    await overdue.click();
    expect(await overdue.getAttribute('aria-pressed')).toBe('true');
    expect(await titles()).toEqual(['Buy oat milk']);
    await overdue.click();
    expect(await titles()).toHaveLength(3);
    await page.getByLabel('Search', { exact: true }).fill('CARTONS');
    expect(await titles()).toEqual(['Buy oat milk']);
    await page.getByLabel('Search', { exact: true }).fill('nothing like this');
    await shown(page.getByText('No tasks match these filters.'));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // Sorting applies inside each section.
    await page.getByLabel('New task', { exact: true }).fill('Read a book !low');
    await page.getByLabel('New task', { exact: true }).press('Enter');
    await shown(taskItem(page, 'Read a book').and(page.locator('li:not([id^="task-pending-"])')));
    expect(await titles()).toEqual(['Buy oat milk', 'Read a book', 'Walk the dog', 'File taxes']);
    await select('Sort by', 'priority');
    expect(await titles()).toEqual(['Buy oat milk', 'Walk the dog', 'Read a book', 'File taxes']);
    await select('Sort by', 'due_date');
  });

  it('deletes a task and can undo it', async () => {
    await deleteTask(page, 'Walk the dog');
    await gone(taskItem(page, 'Walk the dog'));
    await page.locator('.notice', { hasText: 'Deleted “Walk the dog”.' }).getByRole('button', { name: 'Undo' }).click();
    await shown(taskItem(page, 'Walk the dog').and(page.locator('li:not([id^="task-pending-"])')));
    await deleteTask(page, 'Walk the dog');
    await gone(taskItem(page, 'Walk the dog'));
    await page.reload();
    await shown(taskItem(page, 'Buy oat milk'));
    expect(await titles()).not.toContain('Walk the dog');
  });

  it('refuses a stale write with 412, rolls back and shows the latest version', async () => {
    // This page must miss the rename to hold a stale version: its syncs fail until the toggle is sent.
    await page.route('**/api/v1/sync**', (route) => route.abort());
    const renamed = await page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('tasks.token')!);
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const list = await (await fetch('/api/v1/tasks?q=oat', { headers })).json();
      const res = await fetch(`/api/v1/tasks/${list[0].id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ title: 'Buy soy milk' }),
      });
      return res.status;
    });
    expect(renamed).toBe(200);
    const refused = page.waitForResponse((r) => r.url().includes('/toggle'));
    await page.getByRole('checkbox', { name: 'Done: Buy oat milk' }).click();
    expect((await refused).status()).toBe(412);
    await shown(page.getByText(/was changed somewhere else/));
    await page.unroute('**/api/v1/sync**');
    // The next sync (the fallback poll retries a failed one within 3 s) shows the other client's version.
    await shown(taskItem(page, 'Buy soy milk'));
    expect(await page.getByRole('checkbox', { name: 'Done: Buy soy milk' }).isChecked()).toBe(false);
  });

  it('a lost session returns to log in and keeps what was typed', async () => {
    await page.getByLabel('New task', { exact: true }).fill('Half-typed idea');
    // The server stops accepting the token. With the socket up nothing is asked until something
    // happens: coming back to the tab syncs at once, and that sync gets the 401.
    await page.route('**/api/v1/**', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: '{"error":{"code":"unauthorized","message":"Token expired"}}',
      }),
    );
    for (const state of ['hidden', 'visible']) {
      await page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    }
    await shown(page.getByText('Your session ended'), 8000);
    await page.unroute('**/api/v1/**');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(user.email);
    await logIn(page, user);
    expect(await page.getByLabel('New task', { exact: true }).inputValue()).toBe('Half-typed idea');
  });

  it('is keyboard usable: Enter adds, Escape closes the chat and focus returns to its button', async () => {
    const field = page.getByLabel('New task', { exact: true });
    await field.fill('Typed with the keyboard');
    await field.press('Enter');
    await shown(taskItem(page, 'Typed with the keyboard'));
    await page.getByRole('button', { name: 'Chat', exact: true }).focus();
    await page.keyboard.press('Enter');
    await shown(page.getByLabel('Message', { exact: true }));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Ask the assistant…');
    await page.keyboard.press('Escape');
    await gone(page.getByLabel('Message', { exact: true }));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chat');
  });

  it('has shortcuts: "/" focuses search and "n" the new-task field, but not while typing', async () => {
    const active = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts') ?? document.activeElement?.tagName);
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await active()).toBe('/');
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('');
    await page.keyboard.type('n');
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('n');
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.locator('h1').click();
    await page.keyboard.press('n');
    expect(await active()).toBe('n');
    expect(await page.getByLabel('New task', { exact: true }).inputValue()).toBe('');
  });

  it('offers first questions in an empty chat, and one click asks it', async () => {
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('button', { name: 'What’s due today?', exact: true }).click();
    await shown(page.locator('.msg-user', { hasText: 'What’s due today?' }));
    await shown(page.locator('.msg-assistant', { hasText: /due today/ }));
    // Once the conversation has started, the suggestions make room for it.
    expect(await page.getByRole('button', { name: 'Show overdue tasks', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
