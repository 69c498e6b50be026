import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  addTask,
  freshUser,
  launch,
  newPage,
  screenshot,
  shown,
  signUp,
  watch,
  newContext,
} from './browser';

const noSideScroll = (page: Page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

const SETUPS = [375, 1440].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

for (const { width, scheme } of SETUPS) {
  describe(`layout at ${width} px, ${scheme}`, () => {
    let browser: Browser;
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      browser = await launch();
      // A phone is a touch screen (pointer: coarse), where targets grow to 44 px.
      const touch = width < 900;
      page = await newPage(
        await newContext(browser, { viewport: { width, height: 800 }, colorScheme: scheme, hasTouch: touch }),
      );
      problems = watch(page);
    });
    afterAll(() => browser?.close());

    async function check(name: string) {
      const { scroll, client } = await noSideScroll(page);
      await screenshot(page, `${name}-${width}-${scheme}`);
      expect(scroll, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(client);
      expect(await accessibilityProblems(page), `${name} at ${width} px, ${scheme}`).toEqual([]);
    }

    it('login', async () => {
      await shown(page.getByRole('button', { name: 'Log in', exact: true }));
      await check('login');
    });

    it('dashboard, with long unbroken text and a due date', async () => {
      await signUp(page, freshUser(`layout${width}${scheme}`));
      await addTask(page, 'Pay the electricity bill and the water bill, then file both receipts');
      await addTask(page, `A${'very'.repeat(40)}longwordwithoutanyspaces`);
      const field = page.getByLabel('New task', { exact: true });
      await field.fill('Due soon 2030-01-01');
      await shown(page.getByRole('list', { name: 'Recognised' }).getByText(/^Due: .*2030/));
      await field.press('Enter');
      await shown(page.locator('.due', { hasText: '2030' }));
      await check('dashboard');
    });

    it('the activity view and an open editor with its history', async () => {
      await page.getByRole('button', { name: 'Activity', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Recent activity' });
      await shown(panel.getByRole('button', { name: /^Undo/ }));
      await page.getByRole('button', { name: 'Edit Due soon' }).click();
      await shown(page.getByRole('region', { name: 'History' }).getByRole('listitem'));
      await check('activity');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Close activity' }).click();
    });

    it('open chat (full screen when narrow, a side panel when wide)', async () => {
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      await page.getByLabel('Message', { exact: true }).fill('add a low priority task to water the plants on friday');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await shown(page.getByRole('button', { name: /Added “Water the plants”/i }));
      const panel = await page.locator('#chat-panel').boundingBox();
      if (width < 900) expect(panel?.width).toBe(width);
      else expect(panel!.width).toBeLessThan(width / 2);
      await check('chat');
    });

    it('ran without page errors or CSP violations', () => {
      expect(problems).toEqual([]);
    });
  });
}
