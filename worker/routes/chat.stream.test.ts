import { describe, expect, it } from 'vitest';
import type { ChatReply } from '../chat/service';
import { readEvents } from '../test/sse';
import { client, errorOf, signup, world } from '../test/helpers';

const streamed = { Accept: 'text/event-stream' };

describe('POST /api/v1/chat, streamed (built-in agent)', () => {
  it('sends each action, then the reply, then one done with the usual answer', async () => {
    const app = world('2026-11-23T09:00:00Z');
    const me = app.client((await app.signup('stream')).token);
    const res = await me.post(
      '/api/v1/chat',
      { message: 'add buy milk tomorrow', timezone: 'Europe/Berlin' },
      streamed,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(res);
    expect(events.map((e) => e.event)).toEqual(['action', 'delta', 'done']);
    const done = events[2]!.data as ChatReply;
    expect(done.reply).toBe('Added “Buy milk” — due tomorrow.');
    expect(events[1]!.data).toEqual({ text: done.reply });
    expect(events[0]!.data).toEqual(done.actions[0]);
    expect(done.actions[0]).toMatchObject({ tool: 'add_task', input: { title: 'Buy milk', due_date: '2026-11-24' } });
    // The same turn is stored as any other.
    const stored = await me.get(`/api/v1/conversations/${done.conversation_id}/messages`);
    expect(((await stored.json()) as { content: string }[]).map((m) => m.content)).toEqual([
      'add buy milk tomorrow',
      done.reply,
    ]);
  });

  it('lists several actions in order, each before the reply', async () => {
    const me = client((await signup('stream-bulk')).token);
    await me.post('/api/v1/chat', { message: 'add one' });
    await me.post('/api/v1/chat', { message: 'add two' });
    const events = await readEvents(await me.post('/api/v1/chat', { message: 'list' }, streamed));
    expect(events.map((e) => e.event)).toEqual(['action', 'delta', 'done']);
    expect((events[2]!.data as ChatReply).reply).toMatch(/^Your tasks \(2\)/);
  });

  it('ends with one error event in the envelope when the turn fails, and nothing else after it', async () => {
    const me = client((await signup('stream-err')).token);
    const res = await me.post('/api/v1/chat', { message: 'hi', conversation_id: crypto.randomUUID() }, streamed);
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    expect(events.map((e) => e.event)).toEqual(['error']);
    expect(events[0]!.data).toEqual({ error: { code: 'not_found', message: 'Conversation not found' } });
  });

  it('still refuses bad input, no token and too many messages before any stream starts', async () => {
    const me = client((await signup('stream-bad')).token);
    const bad = await me.post('/api/v1/chat', { message: '' }, streamed);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('validation_error');
    expect((await client('nope').post('/api/v1/chat', { message: 'hi' }, streamed)).status).toBe(401);
  });

  it('answers JSON as before without the Accept header', async () => {
    const me = client((await signup('stream-json')).token);
    const res = await me.post('/api/v1/chat', { message: 'add tea' });
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(((await res.json()) as ChatReply).reply).toBe('Added “Tea”.');
  });
});
