import { computed, signal } from '@preact/signals';
import { browserTimeZone } from '../lib/dates';
import { readSse } from '../lib/sse';
import { api, ApiError, errorText, send, type ChatAction, type ChatReply, type Conversation } from './api';
import { announceChange } from './broadcast';
import { now } from './clock';
import { drafts } from './drafts';
import { refresh } from './tasks';

/** The chat panel: conversations, the open one's messages, and one turn at a time, streamed. */

export type Pending = NonNullable<ChatReply['pending']>;

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ChatAction[];
  /** Actions the agent proposed; they run only on the user's confirm. */
  pending?: Pending | null;
  /** A message the server has not (fully) answered: being sent, being streamed, or failed. */
  status?: 'sending' | 'streaming' | 'failed';
}

export const chatOpen = signal(false);
export const conversations = signal<Conversation[]>([]);
export const conversationId = signal<string | null>(null);
export const messages = signal<ChatMessage[]>([]);
export const chatState = signal<'idle' | 'loading' | 'sending'>('idle');
export const chatError = signal<string | null>(null);

/**
 * Where a message's proposal stands: waiting (only the latest message's, until
 * it expires), expired unanswered, or answered (any later message confirms,
 * cancels or drops it on the server).
 */
export function proposalState(m: ChatMessage): 'waiting' | 'expired' | 'answered' | null {
  if (!m.pending) return null;
  if (messages.value.at(-1)?.id !== m.id || m.role !== 'assistant' || m.status) return 'answered';
  return Date.parse(m.pending.expires_at) > now.value.getTime() ? 'waiting' : 'expired';
}

/** The proposal Confirm and Cancel (or a typed "yes" or "no") would answer now, if any. */
export const openPending = computed(() => {
  const last = messages.value.at(-1);
  return last && proposalState(last) === 'waiting' ? last.pending! : null;
});

const READ_ONLY = new Set(['list_tasks', 'get_task']);
let localIds = 0;
/** Whether this session has reopened the latest conversation yet (once, when the panel first loads). */
let reopened = false;

const fromStored = (m: {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ChatAction[] | null;
  pending?: Pending | null;
}): ChatMessage => ({ id: m.id, role: m.role, content: m.content, actions: m.actions ?? [], pending: m.pending });

/** Lists the conversations; the first time, reopens the latest unless another is open or being written. */
export async function loadConversations() {
  try {
    const list = await (await send(api.conversations.$get())).json();
    conversations.value = list;
    if (reopened) return;
    reopened = true;
    if (list[0] && !conversationId.value && !messages.value.length && chatState.value === 'idle')
      await openConversation(list[0].id);
  } catch (err) {
    chatError.value = `Could not load conversations: ${errorText(err)}`;
  }
}

export async function openConversation(id: string | null) {
  conversationId.value = id;
  messages.value = [];
  chatError.value = null;
  if (!id) return;
  chatState.value = 'loading';
  try {
    const list = await (await send(api.conversations[':id'].messages.$get({ param: { id } }))).json();
    if (conversationId.value !== id) return;
    messages.value = list.map(fromStored);
  } catch (err) {
    chatError.value = `Could not load this conversation: ${errorText(err)}`;
  } finally {
    chatState.value = 'idle';
  }
}

type TurnBody = { message: string } | { confirm: string } | { cancel: string };

const update = (id: string, change: Partial<ChatMessage>) =>
  (messages.value = messages.value.map((m) => (m.id === id ? { ...m, ...change } : m)));

/** What the server's error envelope says, with what it carries: the conversation, and actions that did run. */
interface Failure {
  error: { code: string; message: string; conversation_id?: string; actions?: ChatAction[] };
}

class TurnError extends Error {
  constructor(readonly failure: Failure['error']) {
    super(failure.message);
  }
}

/**
 * Reads the streamed answer into the assistant's message: each action as it
 * finishes, the reply's text as it comes; `done` brings the final state.
 * A JSON answer (a proxy that does not stream) counts as `done`.
 */
async function readAnswer(res: Pick<Response, 'headers' | 'body' | 'json'>, replyId: string): Promise<ChatReply> {
  if (!res.headers.get('Content-Type')?.includes('text/event-stream')) return (await res.json()) as ChatReply;
  const reply = () => messages.value.find((m) => m.id === replyId)!;
  for await (const e of readSse(res.body!)) {
    const data = JSON.parse(e.data);
    if (e.event === 'action') update(replyId, { actions: [...reply().actions, data as ChatAction] });
    else if (e.event === 'delta') update(replyId, { content: reply().content + (data as { text: string }).text });
    else if (e.event === 'done') return data as ChatReply;
    else if (e.event === 'error') throw new TurnError((data as Failure).error);
  }
  throw new ApiError(0, 'network', 'The connection closed before the reply was complete');
}

/** After a turn: the dashboard and other tabs learn of any change, and the conversation list moves. */
function settled(actions: ChatAction[]) {
  if (actions.some((a) => !READ_ONLY.has(a.tool))) {
    announceChange();
    void refresh();
  }
  void loadConversations();
}

/**
 * One turn, streamed: the user's words (`said`) at once, then the assistant's
 * message filling in as the server reports. On a failure before anything ran,
 * the user's message stays marked as not answered and, when it was typed, its
 * text goes back to the field (the server takes a resend as a retry); actions
 * that did run stay on screen with the error, as they do in the conversation.
 */
async function turn(body: TurnBody, said: string) {
  const typed = 'message' in body;
  const mine: ChatMessage = { id: `local-${++localIds}`, role: 'user', content: said, actions: [], status: 'sending' };
  const reply: ChatMessage = {
    id: `local-${++localIds}`,
    role: 'assistant',
    content: '',
    actions: [],
    status: 'streaming',
  };
  messages.value = [...messages.value.filter((m) => m.status !== 'failed'), mine, reply];
  chatState.value = 'sending';
  chatError.value = null;
  if (typed) drafts.chat.value = '';
  try {
    const json = {
      ...body,
      timezone: browserTimeZone(),
      ...(conversationId.value ? { conversation_id: conversationId.value } : {}),
    };
    const res = await send(api.chat.$post({ json }, { headers: { Accept: 'text/event-stream' } }));
    update(mine.id, { status: undefined });
    const done = await readAnswer(res, reply.id);
    conversationId.value = done.conversation_id;
    update(reply.id, { content: done.reply, actions: done.actions, pending: done.pending ?? null, status: undefined });
    settled(done.actions);
  } catch (err) {
    failed(err, body, { mine, reply });
  } finally {
    chatState.value = 'idle';
  }
}

/** What a failed turn says: which request failed, and why. */
const failedWhat = (body: TurnBody) =>
  'message' in body ? 'The message was not answered' : 'confirm' in body ? 'Could not confirm' : 'Could not cancel';

function failed(err: unknown, body: TurnBody, { mine, reply }: Record<'mine' | 'reply', ChatMessage>) {
  const ran = err instanceof TurnError ? (err.failure.actions ?? []) : [];
  const streamed = messages.value.find((m) => m.id === reply.id)?.actions ?? [];
  const actions = ran.length ? ran : streamed;
  if (err instanceof TurnError && err.failure.conversation_id) conversationId.value = err.failure.conversation_id;
  if (actions.length) {
    // Part of the turn happened: nothing to send again (that could repeat it). Worded as the server
    // stores it, so a reload shows the same message.
    update(reply.id, { content: `${errorText(err)}. These actions had already run.`, actions, status: undefined });
    update(mine.id, { status: undefined });
    settled(actions);
  } else {
    messages.value = messages.value.filter((m) => m.id !== reply.id);
    update(mine.id, { status: 'failed' });
    if ('message' in body && !drafts.chat.value) drafts.chat.value = mine.content;
  }
  chatError.value =
    err instanceof ApiError && err.status === 429
      ? 'Too many messages at once. Wait a moment, then send again.'
      : `${failedWhat(body)}: ${errorText(err)}`;
}

/** Sends the draft with the browser's time zone; "yes" or "no" answers a waiting proposal. */
export async function sendMessage() {
  const text = drafts.chat.value.trim();
  if (!text || chatState.value !== 'idle') return;
  await turn({ message: text }, text);
}

/** Runs the proposal, exactly as proposed (the words are what the server records for the click). */
export async function confirmPending(id: string) {
  if (chatState.value === 'idle') await turn({ confirm: id }, 'Yes, go ahead.');
}

export async function cancelPending(id: string) {
  if (chatState.value === 'idle') await turn({ cancel: id }, 'No, cancel that.');
}

export async function deleteConversation(id: string) {
  try {
    await send(api.conversations[':id'].$delete({ param: { id } }));
    if (conversationId.value === id) await openConversation(null);
    await loadConversations();
  } catch (err) {
    chatError.value = `Could not delete the conversation: ${errorText(err)}`;
  }
}

export function resetChat() {
  chatOpen.value = false;
  conversations.value = [];
  conversationId.value = null;
  messages.value = [];
  chatError.value = null;
  reopened = false;
}
