import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api } from '../test/helpers';

describe('GET /api/health', () => {
  // DATABASE_URL is set only in the worker-pg project.
  const database = env.DATABASE_URL ? 'postgres' : 'd1';

  it(`answers ok after a query against ${database}`, async () => {
    const res = await api().api.health.$get();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database });
  });
});
