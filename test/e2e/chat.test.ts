import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  apiCall,
  freshUser,
  launch,
  newContext,
  newPage,
  screenshot,
  shown,
  signUp,
  taskItem,
  watch,
} from './browser';

/** The chat panel against the running app: a streamed reply, a held bulk action confirmed, a reopened conversation. */
describe('the chat panel', () => {
  let browser: Browser;
  let page: Page;
  let token: string;
  const problems: string[] = [];
  const user = freshUser('chat');

  const say = async (text: string) => {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  };
  const assistant = (text: string | RegExp) => page.locator('.msg-assistant', { hasText: text });

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await newPage(context);
    problems.push(...watch(page));
    await signUp(page, user);
    token = await page.evaluate(() => JSON.parse(localStorage.getItem('tasks.token') ?? 'null') as string);
    // Three open tasks, one of them long overdue (an all-day date, overdue in any zone and under CLOCK_AT).
    for (const body of [{ title: 'Water the ferns' }, { title: 'Pay the gas bill', due_date: '2001-02-03' }])
      await apiCall('/api/v1/tasks', token, { body });
    await shown(taskItem(page, 'Pay the gas bill'));
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
  });
  afterAll(() => browser?.close());

  it('sends a message and shows the streamed reply, its step and the date as the dashboard writes it', async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/chat'));
    await say('add book the dentist tomorrow');
    const res = await answered;
    expect(res.request().headers().accept).toBe('text/event-stream');
    expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(await res.text()).toMatch(/^event: action\n[\s\S]*event: delta\n[\s\S]*event: done\n/);
    await shown(assistant('Added “Book the dentist” — due tomorrow.'));
    await shown(page.getByRole('button', { name: 'Added “Book the dentist” — due tomorrow', exact: true }));
    await shown(taskItem(page, 'Book the dentist'));
  });

  it('a listing says what it shows, and its tasks link to the dashboard', async () => {
    await say("what's overdue?");
    await shown(assistant(/overdue \(1\)/));
    await shown(page.locator('.action', { hasText: 'Listed 1 of 3 open tasks' }));
    await page.locator('.msg-assistant').last().getByRole('button', { name: 'Pay the gas bill', exact: true }).click();
    const item = taskItem(page, 'Pay the gas bill');
    await shown(item.and(page.locator('.highlight')));
    await expect.poll(() => item.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('holds a change to many tasks until Confirm, then shows what ran', async () => {
    await say('mark everything as done');
    await shown(assistant(/Mark 3 tasks as done/));
    const confirm = page.getByRole('button', { name: 'Confirm', exact: true });
    await shown(confirm);
    await shown(page.getByRole('button', { name: 'Cancel', exact: true }));
    // Nothing ran yet.
    expect(await page.getByRole('checkbox', { name: 'Done: Water the ferns' }).isChecked()).toBe(false);
    await page.getByText('3 actions waiting for your confirmation').click();
    await shown(page.locator('.proposal li', { hasText: 'Complete “Water the ferns”' }));
    await screenshot(page, 'chat-proposal');
    expect(await accessibilityProblems(page)).toEqual([]);
    await confirm.click();
    await shown(page.locator('.msg-user', { hasText: 'Yes, go ahead.' }));
    await shown(assistant(/^Assistant:Done:/));
    await shown(page.getByRole('button', { name: 'Completed “Water the ferns”', exact: true }));
    expect(await page.getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
    // Done tasks move to the collapsed Done section: all three are there.
    await shown(page.getByRole('button', { name: 'Done 3', exact: true }));
    const tasks = await apiCall<{ completed: boolean }[]>('/api/v1/tasks', token);
    expect(tasks.map((t) => t.completed)).toEqual([true, true, true]);
  });

  it('reopens the conversation after a reload', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await shown(page.locator('.msg-user', { hasText: 'add book the dentist tomorrow' }));
    await shown(assistant(/^Assistant:Done:/));
    await shown(page.getByRole('button', { name: 'Completed “Water the ferns”', exact: true }));
    expect(await page.getByRole('combobox', { name: 'Conversation' }).inputValue()).not.toBe('');
    // The proposal is on record, answered: no buttons.
    expect(await page.getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
    await screenshot(page, 'chat-reopened');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
