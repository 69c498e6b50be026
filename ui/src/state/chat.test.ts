import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { token } from './api';
import { chatError, conversationId, messages, resetChat, sendMessage } from './chat';
import { drafts } from './drafts';

const reply = {
  conversation_id: '7d3c1f7e-0000-4000-8000-000000000001',
  reply: 'Added “Call mom”.',
  actions: [{ tool: 'add_task', input: { title: 'Call mom' }, output: { id: 't1', title: 'Call mom' } }],
};

let sent: { url: string; body: Record<string, unknown> }[];
let answer: () => Response;

beforeEach(() => {
  sent = [];
  answer = () => Response.json(reply);
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (String(url).includes('/chat')) sent.push({ url, body: JSON.parse(String(init?.body)) });
    return String(url).includes('/chat') ? answer() : Response.json([]);
  });
  token.value = 'a-token';
  resetChat();
});
afterEach(() => vi.unstubAllGlobals());

describe('the chat model', () => {
  it("sends the message with the browser's IANA time zone, then continues the same conversation", async () => {
    drafts.chat.value = 'add a task to call mom tomorrow at 5pm';
    await sendMessage();
    expect(sent[0]!.body).toEqual({ message: 'add a task to call mom tomorrow at 5pm', timezone: 'America/New_York' });
    expect(drafts.chat.value).toBe('');
    expect(conversationId.value).toBe(reply.conversation_id);
    expect(messages.value.map((m) => [m.role, m.content, m.actions.length])).toEqual([
      ['user', 'add a task to call mom tomorrow at 5pm', 0],
      ['assistant', 'Added “Call mom”.', 1],
    ]);
    drafts.chat.value = 'done 1';
    await sendMessage();
    expect(sent[1]!.body.conversation_id).toBe(reply.conversation_id);
  });

  it('on failure keeps the message on screen as not sent and gives the text back to the field', async () => {
    answer = () =>
      new Response('{"error":{"code":"upstream_timeout","message":"The model took too long"}}', { status: 504 });
    drafts.chat.value = 'list my tasks';
    await sendMessage();
    expect(drafts.chat.value).toBe('list my tasks');
    expect(messages.value).toEqual([expect.objectContaining({ content: 'list my tasks', status: 'failed' })]);
    expect(chatError.value).toContain('The model took too long');
  });

  it('sends nothing for a blank message', async () => {
    drafts.chat.value = '   ';
    await sendMessage();
    expect(sent).toEqual([]);
  });
});
