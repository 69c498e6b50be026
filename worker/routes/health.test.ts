import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /api/health', () => {
  it('answers ok after a query against D1', async () => {
    const res = await exports.default.fetch('http://app.test/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'd1' });
  });
});
