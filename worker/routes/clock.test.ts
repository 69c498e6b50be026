import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonOf, world } from '../test/helpers';

const Claims = z.object({ iat: z.number(), exp: z.number() });

describe("the app's clock (CLOCK_AT)", () => {
  it('stamps tasks and issues tokens at the time it is set to, and checks expiry against it', async () => {
    const then = world('2031-05-05T12:00:00Z');
    const { token } = await then.signup('clock');
    const created = await jsonOf(then.api(token).api.v1.tasks.$post({ json: { title: 'Then' } }), 201);
    expect(created.created_at.slice(0, 13)).toBe('2031-05-05T12');
    const claims = Claims.parse(JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))));
    expect(new Date(claims.iat * 1000).toISOString().slice(0, 13)).toBe('2031-05-05T12');
    // Seven days later the token has expired for the app, whatever the real date is.
    const weekLater = world('2031-05-12T12:00:01Z');
    const res = await weekLater.api(token).api.v1.tasks.$get({ query: {} });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { message: 'Token expired; log in again' } });
    // And a token from before the clock's "now" is refused as not yet issued.
    const early = await world('2031-05-05T11:00:00Z').api(token).api.v1.tasks.$get({ query: {} });
    expect(early.status).toBe(401);
  });
});
