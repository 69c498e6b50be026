import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../index';
import { jsonOf, randomIp, world, type Api } from '../test/helpers';

/** Runs the daily cron as Cloudflare would, with the app's clock at `at`. */
async function cronAt(at: string) {
  const ctx = createExecutionContext();
  const controller = createScheduledController({ scheduledTime: Date.parse(at), cron: '17 3 * * *' });
  await worker.scheduled(controller, { ...env, CLOCK_AT: at }, ctx);
  await waitOnExecutionContext(ctx);
}

/** The same user on another day: tokens last a week, so log in again there. */
async function on(day: string, email: string) {
  const w = world(`${day}T12:00:00Z`);
  const json = { email, password: 'correct horse battery' };
  const res = w.api().api.v1.auth.login.$post({ json }, { headers: { 'CF-Connecting-IP': randomIp() } });
  return w.api((await jsonOf(res, 200)).token);
}

describe('the daily purge (scheduled)', () => {
  it('keeps deleted tasks restorable for 30 days, then removes them and their history', async () => {
    const start = world('2032-01-01T12:00:00Z');
    const { user } = await start.signup('purge');
    const day1 = await on('2032-01-01', user.email);
    const create = (title: string) => jsonOf(day1.api.v1.tasks.$post({ json: { title } }), 201);
    const early = await create('deleted on day 1');
    const late = await create('deleted on day 25');
    const kept = await create('kept');
    expect((await day1.api.v1.tasks[':id'].$delete({ param: { id: early.id } })).status).toBe(204);
    const day25 = await on('2032-01-25', user.email);
    expect((await day25.api.v1.tasks[':id'].$delete({ param: { id: late.id } })).status).toBe(204);

    // 30 days after the first delete, less an hour: nothing goes yet.
    await cronAt('2032-01-31T11:00:00Z');
    const day31 = await on('2032-01-31', user.email);
    const history = (day: Api, id: string) => day.api.v1.tasks[':id'].activity.$get({ param: { id }, query: {} });
    expect((await history(day31, early.id)).status).toBe(200);

    // Over 30 days after it: the first is gone, history and all; the later one can still come back.
    await cronAt('2032-02-01T12:00:00Z');
    const day32 = await on('2032-02-01', user.email);
    const byId = day32.api.v1.tasks[':id'];
    expect((await byId.restore.$post({ param: { id: early.id } })).status).toBe(404);
    expect((await history(day32, early.id)).status).toBe(404);
    expect((await byId.restore.$post({ param: { id: late.id } })).status).toBe(200);
    expect((await byId.$get({ param: { id: kept.id } })).status).toBe(200);
  });
});
