// The "Tokens & connected apps" page at #/tokens: a token created there works
// on the API at once, its MCP configuration holds it, and Revoke stops it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  accessibilityProblems,
  baseUrl,
  freshUser,
  launch,
  logIn,
  newContext,
  newPage,
  screenshot,
  shown,
  signUpApi,
  watch,
} from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const tasksWith = (token: string) =>
  fetch(`${baseUrl()}/api/v1/tasks`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

it('creates a token shown once with ready MCP configuration, lists it, and revokes it', async () => {
  const user = freshUser('tokens');
  await signUpApi(user);
  const context = await newContext(browser, { viewport: { width: 375, height: 800 } });
  const page = await newPage(context);
  const problems = watch(page);
  await logIn(page, user);
  await page.goto(`${baseUrl()}/#/tokens`);
  await shown(page.getByRole('heading', { name: 'Tokens & connected apps' }));
  await shown(page.getByText('No apps connected'));

  await page.getByLabel('Token name').fill('Claude Code');
  await page.getByLabel('Expires after').selectOption({ label: '30 days' });
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByLabel('New token');
  await shown(secret);
  const token = await secret.inputValue();
  expect(token).toMatch(/^utk_pat_/);
  expect(await page.locator('pre').allTextContents()).toEqual([
    expect.stringContaining(`"Authorization": "Bearer ${token}"`),
    expect.stringContaining(`claude mcp add --transport http tasks "${baseUrl()}/mcp"`),
    expect.stringContaining(`--header "Authorization: Bearer ${token}" --method tools/list`),
  ]);
  expect(await tasksWith(token)).toBe(200);
  await screenshot(page, 'tokens-created-375');
  expect(await accessibilityProblems(page)).toEqual([]);
  const noSideways = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noSideways).toBe(true);

  // Back to the tasks and here again: the secret is gone, the token is listed without it.
  await page.getByRole('link', { name: '← Tasks' }).click();
  await shown(page.getByRole('button', { name: 'Chat', exact: true }));
  await page.goto(`${baseUrl()}/#/tokens`);
  await shown(page.getByText('Claude Code', { exact: true }));
  expect(await page.getByLabel('New token').count()).toBe(0);
  expect(await page.content()).not.toContain(token);

  await page.getByRole('button', { name: 'Revoke Claude Code' }).click();
  await shown(page.getByText('No tokens yet.'));
  expect(await tasksWith(token)).toBe(401);
  expect(problems).toEqual([]);
  await context.close();
});
