import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { token } from './api';
import {
  cancelPending,
  chatError,
  chatState,
  confirmPending,
  conversationId,
  loadConversations,
  messages,
  openConversation,
  openPending,
  proposalState,
  resetChat,
  sendMessage,
} from './chat';
import { now } from './clock';
import { drafts } from './drafts';

const CONVERSATION = '7d3c1f7e-0000-4000-8000-000000000001';
const added = { tool: 'add_task', input: { title: 'Call mom' }, output: { id: 't1', title: 'Call mom' } };
const reply = { conversation_id: CONVERSATION, reply: 'Added “Call mom”.', actions: [added] };
const pending = {
  id: '0a0a0a0a-0000-4000-8000-000000000002',
  actions: [
    { tool: 'delete_task', input: { task_id: 'd1' }, summary: 'Delete “Old one”' },
    { tool: 'delete_task', input: { task_id: 'd2' }, summary: 'Delete “Old two”' },
  ],
  expires_at: '2026-03-01T10:10:00.000Z',
};

const block = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
/** A streamed answer with exactly these events. */
const sse = (...events: [string, unknown][]) =>
  new Response(events.map(([e, d]) => block(e, d)).join(''), { headers: { 'Content-Type': 'text/event-stream' } });

/** A streamed answer the test writes event by event. */
function liveStream() {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctl = c;
    },
  });
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => ctl.enqueue(new TextEncoder().encode(block(event, data))),
    end: () => ctl.close(),
  };
}

let sent: { body: Record<string, unknown>; accept: string | null }[];
let answer: (body: Record<string, unknown>) => Response;
let stored: { list: object[]; messages: Record<string, object[]> };

beforeEach(() => {
  sent = [];
  answer = () => sse(['action', added], ['delta', { text: reply.reply }], ['done', reply]);
  stored = { list: [], messages: {} };
  vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
    const req = new Request(new URL(String(input instanceof Request ? input.url : input), 'http://app.test'), init);
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/chat') {
      const body = (await req.json()) as Record<string, unknown>;
      sent.push({ body, accept: req.headers.get('Accept') });
      return answer(body);
    }
    if (path === '/api/v1/conversations') return Response.json(stored.list);
    const m = /^\/api\/v1\/conversations\/([^/]+)\/messages$/.exec(path);
    if (m) return Response.json(stored.messages[m[1]!] ?? []);
    return Response.json([]);
  });
  token.value = 'a-token';
  now.value = new Date('2026-03-01T10:00:00.000Z');
  resetChat();
});
afterEach(() => vi.unstubAllGlobals());

const say = async (text: string) => {
  drafts.chat.value = text;
  await sendMessage();
};
const shown = () => messages.value.map((m) => [m.role, m.content, m.actions.length, m.status]);

describe('the chat model', () => {
  it("streams the message with the browser's IANA time zone, then continues the same conversation", async () => {
    await say('add a task to call mom tomorrow at 5pm');
    expect(sent[0]).toEqual({
      body: { message: 'add a task to call mom tomorrow at 5pm', timezone: 'America/New_York' },
      accept: 'text/event-stream',
    });
    expect(drafts.chat.value).toBe('');
    expect(conversationId.value).toBe(CONVERSATION);
    expect(shown()).toEqual([
      ['user', 'add a task to call mom tomorrow at 5pm', 0, undefined],
      ['assistant', 'Added “Call mom”.', 1, undefined],
    ]);
    await say('done 1');
    expect(sent[1]!.body.conversation_id).toBe(CONVERSATION);
  });

  it('shows each step and the text as they arrive, then the final state from done', async () => {
    const s = liveStream();
    answer = () => s.response;
    const turn = say('clear completed and add tea');
    await vi.waitFor(() => expect(messages.value).toHaveLength(2));
    expect(messages.value[1]).toMatchObject({ role: 'assistant', content: '', actions: [], status: 'streaming' });
    s.send('action', added);
    await vi.waitFor(() => expect(messages.value[1]!.actions).toEqual([added]));
    s.send('delta', { text: 'Added “Call mom”' });
    s.send('delta', { text: ' and more' });
    await vi.waitFor(() => expect(messages.value[1]!.content).toBe('Added “Call mom” and more'));
    expect(chatState.value).toBe('sending');
    // done is the truth: its reply, actions and proposal replace what was assembled.
    s.send('done', { ...reply, reply: 'Added “Call mom”. Delete 2 completed tasks?', pending });
    s.end();
    await turn;
    expect(messages.value[1]).toMatchObject({
      content: 'Added “Call mom”. Delete 2 completed tasks?',
      actions: [added],
      pending,
      status: undefined,
    });
    expect(chatState.value).toBe('idle');
  });

  it('on an error event keeps the actions that ran, with the error, and the conversation', async () => {
    const error = {
      code: 'upstream_error',
      message: 'The model failed',
      conversation_id: CONVERSATION,
      actions: [added],
    };
    answer = () => sse(['action', added], ['error', { error }]);
    await say('add call mom then explode');
    expect(shown()).toEqual([
      ['user', 'add call mom then explode', 0, undefined],
      ['assistant', 'The model failed. These actions had already run.', 1, undefined],
    ]);
    expect(chatError.value).toBe('The message was not answered: The model failed');
    expect(conversationId.value).toBe(CONVERSATION);
    // Sending it again could add the task twice: the field stays empty.
    expect(drafts.chat.value).toBe('');
  });

  it('on failure with nothing run keeps the message on screen as not answered and gives the text back', async () => {
    answer = () =>
      new Response('{"error":{"code":"upstream_timeout","message":"The model took too long"}}', { status: 504 });
    await say('list my tasks');
    expect(drafts.chat.value).toBe('list my tasks');
    expect(shown()).toEqual([['user', 'list my tasks', 0, 'failed']]);
    expect(chatError.value).toContain('The model took too long');

    // A stream that ends with neither done nor error is a failure too.
    answer = () => sse(['delta', { text: 'Half a' }]);
    await say('list my tasks');
    expect(shown()).toEqual([['user', 'list my tasks', 0, 'failed']]);
    expect(chatError.value).toContain('closed before the reply was complete');
  });

  it('sends nothing for a blank message', async () => {
    await say('   ');
    expect(sent).toEqual([]);
  });
});

describe('proposals waiting for confirmation', () => {
  const propose = async () => {
    answer = () => sse(['delta', { text: 'Delete 2 completed tasks?' }], ['done', { ...reply, actions: [], pending }]);
    await say('clear completed');
    expect(openPending.value).toEqual(pending);
  };

  it('Confirm runs exactly the proposal, then its results show like any actions', async () => {
    await propose();
    const ran = [
      { tool: 'delete_task', input: { task_id: 'd1' }, output: { deleted: true, task: { title: 'Old one' } } },
      { tool: 'delete_task', input: { task_id: 'd2' }, output: { deleted: true, task: { title: 'Old two' } } },
    ];
    const done = {
      conversation_id: CONVERSATION,
      reply: 'Done:\n✓ Delete “Old one”\n✓ Delete “Old two”',
      actions: ran,
    };
    answer = () => sse(['action', ran[0]], ['action', ran[1]], ['delta', { text: done.reply }], ['done', done]);
    await confirmPending(pending.id);
    expect(sent[1]!.body).toEqual({ confirm: pending.id, conversation_id: CONVERSATION, timezone: 'America/New_York' });
    expect(shown().slice(2)).toEqual([
      ['user', 'Yes, go ahead.', 0, undefined],
      ['assistant', done.reply, 2, undefined],
    ]);
    expect(openPending.value).toBeNull();
    // The proposal itself stays on record, answered; even once its time is up it never reads as expired.
    expect(messages.value[1]!.pending).toEqual(pending);
    expect(proposalState(messages.value[1]!)).toBe('answered');
    now.value = new Date('2026-03-01T11:00:00.000Z');
    expect(proposalState(messages.value[1]!)).toBe('answered');
  });

  it('Cancel drops it; so does typing "no" or any other message', async () => {
    await propose();
    const cancelled = () =>
      sse(['done', { conversation_id: CONVERSATION, reply: 'Cancelled: nothing was changed.', actions: [] }]);
    answer = cancelled;
    await cancelPending(pending.id);
    expect(sent[1]!.body).toMatchObject({ cancel: pending.id, conversation_id: CONVERSATION });
    expect(shown().slice(2)).toEqual([
      ['user', 'No, cancel that.', 0, undefined],
      ['assistant', 'Cancelled: nothing was changed.', 0, undefined],
    ]);
    expect(openPending.value).toBeNull();

    await propose();
    answer = cancelled;
    await say('no');
    expect(sent.at(-1)!.body).toMatchObject({ message: 'no', conversation_id: CONVERSATION });
    expect(openPending.value).toBeNull();

    // Any other message drops it too (the server says so by not proposing again).
    await propose();
    answer = () => sse(['done', reply]);
    await say('add call mom');
    expect(openPending.value).toBeNull();
  });

  it('is no longer offered once it has expired', async () => {
    await propose();
    expect(proposalState(messages.value[1]!)).toBe('waiting');
    now.value = new Date('2026-03-01T10:10:00.000Z');
    expect(openPending.value).toBeNull();
    expect(proposalState(messages.value[1]!)).toBe('expired');
  });

  it('a failed confirm (already run, cancelled or expired on the server) says why', async () => {
    await propose();
    answer = () =>
      Response.json({ error: { code: 'not_found', message: 'Pending action not found' } }, { status: 404 });
    await confirmPending(pending.id);
    expect(chatError.value).toBe('Could not confirm: Pending action not found');
  });
});

describe('reopening', () => {
  const older = { id: 'c-old', title: 'Old', created_at: '', updated_at: '', user_id: 'u' };
  const latest = { ...older, id: CONVERSATION, title: 'Latest' };
  const transcript = [
    { id: 'm1', conversation_id: CONVERSATION, role: 'user', content: 'clear completed', actions: null, pending: null },
    { id: 'm2', conversation_id: CONVERSATION, role: 'assistant', content: 'Delete 2?', actions: [], pending },
  ];

  it('reopens the latest conversation on the first load, with a proposal still waiting', async () => {
    stored = { list: [latest, older], messages: { [CONVERSATION]: transcript } };
    await loadConversations();
    expect(conversationId.value).toBe(CONVERSATION);
    expect(shown()).toEqual([
      ['user', 'clear completed', 0, undefined],
      ['assistant', 'Delete 2?', 0, undefined],
    ]);
    expect(openPending.value).toEqual(pending);
  });

  it('only once: a new conversation the user started stays new, and nothing replaces what is being written', async () => {
    stored = { list: [latest], messages: { [CONVERSATION]: transcript } };
    await loadConversations();
    await openConversation(null);
    await loadConversations();
    expect(conversationId.value).toBeNull();
    expect(messages.value).toEqual([]);

    resetChat();
    await say('add tea');
    await loadConversations();
    expect(shown()[0]).toEqual(['user', 'add tea', 0, undefined]);
  });
});
