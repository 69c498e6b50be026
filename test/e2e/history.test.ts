// The change log on the dashboard: a task's history in its editor, the recent
// activity view with each change's source, and undo through the log.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addTask,
  apiCall,
  deleteTask,
  freshUser,
  gone,
  launch,
  liveUp,
  logIn,
  mcpTool,
  newContext,
  newPage,
  openDone,
  screenshot,
  shown,
  signUpApi,
  taskItem,
  watch,
} from './browser';

interface Task {
  id: string;
  title: string;
  completed: boolean;
}

describe('history, activity and undo', () => {
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let token: string;
  let problems: string[];
  const user = freshUser('history');

  beforeAll(async () => {
    browser = await launch();
    token = await signUpApi(user);
    page = await newPage(await newContext(browser, { viewport: { width: 1280, height: 900 } }));
    problems = watch(page);
    await logIn(page, user);
    phone = await newPage(await newContext(browser, { viewport: { width: 375, height: 800 } }));
    await logIn(phone, user);
    await liveUp(page);
    await liveUp(phone);
  });
  afterAll(() => browser?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
  });

  it("the editor shows the task's history with each change's source, in words", async () => {
    // Created from the chat, completed over MCP, renamed on the other dashboard.
    const reply = await apiCall<{ actions: { output: Task }[] }>('/api/v1/chat', token, {
      body: { message: 'add water the ferns' },
    });
    const task = reply.actions[0]!.output;
    await mcpTool(token, 'complete_task', { task_id: task.id });
    await shown(phone.locator('.section-done'));
    await openDone(phone);
    await shown(taskItem(phone, task.title).and(phone.locator('.done')));
    await phone.getByRole('button', { name: `Edit ${task.title}` }).click();
    await phone
      .getByRole('form', { name: `Edit ${task.title}` })
      .getByLabel('Title')
      .fill('Water the big ferns');
    await phone.getByRole('button', { name: 'Save' }).click();

    await openDone(page);
    await shown(taskItem(page, 'Water the big ferns'));
    await page.getByRole('button', { name: 'Edit Water the big ferns' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await shown(history.getByRole('listitem').nth(2));
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      'Title changed on the dashboard, now',
      'Completed via MCP, now',
      'Created from the chat, now',
    ]);
    // The exact moment is there for machines and on hover.
    expect(await history.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the Activity view lists the latest changes with their source and an Undo on each', async () => {
    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Recent activity' });
    await shown(panel.getByRole('listitem').first());
    const rows = await panel.getByRole('listitem').allTextContents();
    expect(rows.slice(0, 3)).toEqual([
      expect.stringMatching(/^Water the big ferns\s*Title changed on the dashboard, now\s*Undo$/),
      expect.stringMatching(/^Water the ferns\s*Completed via MCP, now$/), // not the task's latest: no Undo
      expect.stringMatching(/^Water the ferns\s*Created from the chat, now$/),
    ]);

    // A change elsewhere shows up in the open view by itself.
    await mcpTool(token, 'add_task', { title: 'Sent by an MCP client' });
    await shown(
      panel.getByRole('listitem').filter({ hasText: 'Sent by an MCP client' }).filter({ hasText: 'Created via MCP' }),
    );

    // Undo on the rename puts the old title back (recorded as the dashboard's).
    await panel.getByRole('button', { name: 'Undo “Water the big ferns”: Title changed on the dashboard' }).click();
    await shown(taskItem(page, 'Water the ferns'));
    await shown(taskItem(phone, 'Water the ferns'));
    await shown(
      panel
        .getByRole('listitem')
        .first()
        .filter({ hasText: 'Title changed on the dashboard' })
        .filter({ hasText: 'Water the ferns' }),
    );
    await page.keyboard.press('Escape');
    await gone(panel);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Activity');
  });

  it('undo of a delete on the dashboard brings back the same task, same id', async () => {
    await addTask(page, 'Keep this one');
    const id = (await taskItem(page, 'Keep this one').getAttribute('id'))!.replace('task-', '');
    await deleteTask(page, 'Keep this one');
    await gone(taskItem(page, 'Keep this one'));
    await gone(taskItem(phone, 'Keep this one'));
    await page
      .locator('.notice', { hasText: 'Deleted “Keep this one”.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await shown(page.locator(`li#task-${id}`));
    await shown(phone.locator(`li#task-${id}`));
    expect(await apiCall<Task>(`/api/v1/tasks/${id}`, token)).toMatchObject({ id, title: 'Keep this one' });
    const [latest] = await apiCall<{ action: string; source: string }[]>(`/api/v1/tasks/${id}/activity?limit=1`, token);
    expect(latest).toMatchObject({ action: 'restored', source: 'dashboard' });
  });

  it('an undo after someone else changed the task leaves it alone and says so', async () => {
    await addTask(page, 'Contested');
    const id = (await taskItem(page, 'Contested').getAttribute('id'))!.replace('task-', '');
    await page.getByRole('checkbox', { name: 'Done: Contested' }).click();
    const notice = page.locator('.notice', { hasText: 'Completed “Contested”.' });
    await shown(notice);
    await mcpTool(token, 'update_task', { task_id: id, title: 'Contested, renamed over MCP' });
    await shown(taskItem(page, 'Contested, renamed over MCP'));
    await notice.getByRole('button', { name: 'Undo' }).click();
    await shown(page.getByText('was changed somewhere else after that, so it was left as it is'));
    expect(await apiCall<Task>(`/api/v1/tasks/${id}`, token)).toMatchObject({
      title: 'Contested, renamed over MCP',
      completed: true,
    });
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
