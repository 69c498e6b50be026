import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTask, baseUrl, freshUser, launch, newPage, shown, signUp, taskItem, watch, newContext } from './browser';

const SCRIPTS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
];

describe('security headers', () => {
  for (const path of ['/', '/some/deep/link', '/index.html']) {
    it(`${path} carries a strict CSP, nosniff, a Referrer-Policy and HSTS`, async () => {
      const res = await fetch(baseUrl() + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
      // The built page needs no inline script: every <script> has a src.
      const html = await res.text();
      expect(html).toMatch(/<script [^>]*src="\/assets\//);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=/);
    });
  }
});

describe('static assets', () => {
  it('carry the same headers as the page, HSTS included', async () => {
    const html = await (await fetch(`${baseUrl()}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(baseUrl() + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('user text is inert', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    browser = await launch();
    page = await newPage(await newContext(browser));
    problems = watch(page);
    await signUp(page, freshUser('xss'));
  });
  afterAll(() => browser?.close());

  it('titles that look like markup render as literal text and run nothing', async () => {
    for (const title of SCRIPTS) await addTask(page, title);
    await page.reload();
    for (const title of SCRIPTS) await shown(taskItem(page, title));
    expect(await page.locator('li.task img, li.task script, li.task svg').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('the same in the chat: the message and the agent’s reply and action stay text', async () => {
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByLabel('Message', { exact: true }).fill(`add ${SCRIPTS[0]}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await shown(page.locator('.msg-assistant'));
    await shown(page.locator('.msg-user', { hasText: SCRIPTS[0] }));
    expect(await page.locator('.chat img').count()).toBe(0);
    // A reload brings the conversation back from the server, still as text.
    await page.reload();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const conv = page.getByRole('combobox', { name: 'Conversation' });
    await conv.locator('option', { hasText: 'onerror' }).waitFor({ state: 'attached' });
    await conv.selectOption({ index: 1 });
    await shown(page.locator('.msg-user', { hasText: SCRIPTS[0] }));
    expect(await page.locator('.chat img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
