import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTask, freshUser, launch, newPage, screenshot, shown, signUp, watch, newContext } from './browser';

/**
 * axe-core's WCAG 2 A and AA rules on the page as it stands. Evaluated
 * through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
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

const noSideScroll = (page: Page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

for (const width of [375, 1440]) {
  describe(`layout at ${width} px`, () => {
    let browser: Browser;
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      browser = await launch();
      page = await newPage(await newContext(browser, { viewport: { width, height: 800 } }));
      problems = watch(page);
    });
    afterAll(() => browser?.close());

    async function check(name: string) {
      const { scroll, client } = await noSideScroll(page);
      await screenshot(page, `${name}-${width}`);
      expect(scroll, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(client);
      expect(await accessibilityProblems(page), `${name} at ${width} px`).toEqual([]);
    }

    it('login', async () => {
      await shown(page.getByRole('button', { name: 'Log in', exact: true }));
      await check('login');
    });

    it('dashboard, with long unbroken text and a due date', async () => {
      await signUp(page, freshUser(`layout${width}`));
      await addTask(page, 'Pay the electricity bill before the end of the month');
      await addTask(page, `A${'very'.repeat(40)}longwordwithoutanyspaces`);
      const field = page.getByLabel('New task', { exact: true });
      await field.fill('Due soon');
      await page.getByLabel('Due date of the new task').fill('2030-01-01T09:00');
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
