// The API reference as `npm start` serves it: the OpenAPI document, and the
// reference page reaching the Worker (not the SPA fallback) and running its
// scripts under its own CSP in Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, newContext, watch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the API reference on the running app', () => {
  it('serves the OpenAPI 3.1 document', async () => {
    const res = await fetch(`${baseUrl()}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tasks', '/api/v1/tasks/{id}', '/mcp']));
  });

  it('runs the reference page’s scripts under its CSP, pointed at the document', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watch(page);
    // No network here: stand in for Scalar's CDN bundle with a script that shows what it was asked to render.
    await page.route('https://cdn.jsdelivr.net/**', (route) =>
      route.fulfill({
        contentType: 'application/javascript',
        body:
          'window.Scalar = { createApiReference(at, config) {' +
          " document.querySelector(at).textContent = 'reference of ' + config.url; } };",
      }),
    );
    const res = await page.goto(`${baseUrl()}/api/v1/docs`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[0-9a-f]+'/);
    await expect.poll(() => page.locator('#app').textContent()).toBe('reference of /api/v1/openapi.json');
    expect(problems).toEqual([]);
    await context.close();
  });
});
