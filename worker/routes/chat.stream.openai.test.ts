import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatReply } from '../chat/service';
import type { Task } from '../tasks/types';
import type { Step } from '../../test/support/fake-openai';
import { client, signup } from '../test/helpers';
import { readEvents } from '../test/sse';

// The real `openai` SDK in workerd, streaming (`stream: true`) from the scripted server on loopback.
const fake = env.FAKE_OPENAI_URL!;
const script = async (...steps: Step[]) => {
  expect((await fetch(`${fake}/__script`, { method: 'POST', body: JSON.stringify({ steps }) })).status).toBe(200);
};
const recorded = async () => (await (await fetch(`${fake}/__requests`)).json()) as { body: { stream?: boolean } }[];
const call = (name: string, args: unknown) => ({ name, arguments: args });
const streamed = { Accept: 'text/event-stream' };
type Client = ReturnType<typeof client>;
const say = (c: Client, message: string, conversation_id?: string) =>
  c.post('/api/v1/chat', { message, ...(conversation_id ? { conversation_id } : {}) }, streamed);

describe('streamed chat through an OpenAI-compatible model', () => {
  it('runs tool calls assembled from streamed pieces, then streams the reply token by token', async () => {
    const me = client((await signup('oas')).token);
    const reply = 'Added “Buy oat milk” for tomorrow, high priority.';
    await script(
      {
        message: {
          tool_calls: [call('add_task', { title: 'Buy oat milk', priority: 'high', due_date: '2026-11-24' })],
        },
      },
      { message: { content: reply }, chunk_delay_ms: 15 },
    );
    const events = await readEvents(await say(me, 'buy oat milk tomorrow, high priority'));
    expect((await recorded()).every((r) => r.body.stream === true)).toBe(true);

    const kinds = events.map((e) => e.event);
    expect(kinds[0]).toBe('action');
    expect(kinds.at(-1)).toBe('done');
    expect(kinds.slice(1, -1).every((k) => k === 'delta')).toBe(true);
    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(reply);
    const done = events.at(-1)!.data as ChatReply;
    expect(done.reply).toBe(reply);
    expect(done.actions).toEqual([events[0]!.data]);
    expect(done.actions[0]!.output).toMatchObject({ title: 'Buy oat milk', priority: 'high', due_date: '2026-11-24' });
    const first = events.find((e) => e.event === 'delta')!.at;
    console.log(
      `stream: first reply text after ${Math.round(first)} ms, whole reply after ${Math.round(events.at(-1)!.at)} ms`,
    );
  });

  it('ends with an error event carrying the actions that ran when the model dies mid-stream, and keeps them', async () => {
    const me = client((await signup('oas-cut')).token);
    await script(
      { message: { tool_calls: [call('add_task', { title: 'Ran before the failure' })] } },
      { message: { content: 'This answer never finishes arriving' }, cut_after_chunks: 3 },
      { message: { content: 'Nor does the retry' }, cut_after_chunks: 3 },
    );
    const events = await readEvents(await say(me, 'add ran before the failure'));
    expect(events.map((e) => e.event).filter((k) => k !== 'delta')).toEqual(['action', 'error']);
    const error = (
      events.at(-1)!.data as { error: { code: string; actions: { tool: string }[]; conversation_id: string } }
    ).error;
    // The connection dropped mid-answer: the model became unreachable.
    expect(error.code).toBe('upstream_unreachable');
    expect(error.actions.map((a) => a.tool)).toEqual(['add_task']);
    const tasks = (await (await me.get('/api/v1/tasks')).json()) as Task[];
    expect(tasks.map((t) => t.title)).toEqual(['Ran before the failure']);
    const stored = (await (await me.get(`/api/v1/conversations/${error.conversation_id}/messages`)).json()) as {
      role: string;
    }[];
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('finishes and stores the turn when the client leaves mid-stream', async () => {
    const me = client((await signup('oas-gone')).token);
    await script({ message: { content: 'First.' } });
    const conversation = ((await readEvents(await say(me, 'hello'))).at(-1)!.data as ChatReply).conversation_id;
    const reply = 'A long answer that keeps coming after the client has gone away, and still gets stored.';
    await script(
      { message: { tool_calls: [call('add_task', { title: 'Added while nobody listened' })] } },
      { message: { content: reply }, chunk_delay_ms: 10 },
    );
    // Read up to the first piece of text, then hang up.
    const seen = await readEvents(await say(me, 'add something', conversation), (e) => e.event === 'delta');
    expect(seen.at(-1)!.event).toBe('delta');
    const messages = async () =>
      (await (await me.get(`/api/v1/conversations/${conversation}/messages`)).json()) as {
        role: string;
        content: string;
      }[];
    await expect.poll(async () => (await messages()).at(-1)?.content, { timeout: 5000, interval: 50 }).toBe(reply);
    expect((await messages()).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(((await (await me.get('/api/v1/tasks')).json()) as Task[]).map((t) => t.title)).toEqual([
      'Added while nobody listened',
    ]);
  });
});
