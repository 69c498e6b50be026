import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../index';
import type { Task } from '../tasks/types';
import { randomIp, world } from '../test/helpers';

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
  const res = await w.call('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': randomIp() },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  return w.client(((await res.json()) as { token: string }).token);
}

describe('the daily purge (scheduled)', () => {
  it('keeps deleted tasks restorable for 30 days, then removes them and their history', async () => {
    const start = world('2032-01-01T12:00:00Z');
    const { user } = await start.signup('purge');
    const day1 = await on('2032-01-01', user.email);
    const create = async (title: string) => (await (await day1.post('/api/v1/tasks', { title })).json()) as Task;
    const [early, late, kept] = [await create('deleted on day 1'), await create('deleted on day 25'), await create('kept')];
    expect((await day1.delete(`/api/v1/tasks/${early.id}`)).status).toBe(204);
    expect((await (await on('2032-01-25', user.email)).delete(`/api/v1/tasks/${late.id}`)).status).toBe(204);

    // 30 days after the first delete, less an hour: nothing goes yet.
    await cronAt('2032-01-31T11:00:00Z');
    const day31 = await on('2032-01-31', user.email);
    expect((await day31.get(`/api/v1/tasks/${early.id}/activity`)).status).toBe(200);

    // Over 30 days after it: the first is gone, history and all; the later one can still come back.
    await cronAt('2032-02-01T12:00:00Z');
    const day32 = await on('2032-02-01', user.email);
    expect((await day32.post(`/api/v1/tasks/${early.id}/restore`)).status).toBe(404);
    expect((await day32.get(`/api/v1/tasks/${early.id}/activity`)).status).toBe(404);
    expect((await day32.post(`/api/v1/tasks/${late.id}/restore`)).status).toBe(200);
    expect((await day32.get(`/api/v1/tasks/${kept.id}`)).status).toBe(200);
  });
});
