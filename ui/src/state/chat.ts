import { signal } from '@preact/signals';
import { browserTimeZone } from '../lib/dates';
import { api, ApiError, errorText, send, type ChatAction, type Conversation } from './api';
import { announceChange } from './broadcast';
import { drafts } from './drafts';
import { refresh } from './tasks';

/** The chat panel: conversations, the open one's messages, and one turn at a time. */

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ChatAction[];
  /** A message the server has not answered: being sent, or failed. */
  status?: 'sending' | 'failed';
}

export const chatOpen = signal(false);
export const conversations = signal<Conversation[]>([]);
export const conversationId = signal<string | null>(null);
export const messages = signal<ChatMessage[]>([]);
export const chatState = signal<'idle' | 'loading' | 'sending'>('idle');
export const chatError = signal<string | null>(null);

const READ_ONLY = new Set(['list_tasks', 'get_task']);
let localIds = 0;

export async function loadConversations() {
  try {
    conversations.value = await (await send(api.conversations.$get())).json();
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
    messages.value = list.map((m) => ({ id: m.id, role: m.role, content: m.content, actions: m.actions ?? [] }));
  } catch (err) {
    chatError.value = `Could not load this conversation: ${errorText(err)}`;
  } finally {
    chatState.value = 'idle';
  }
}

/**
 * Sends the draft with the browser's time zone. The draft is cleared only once
 * the reply is in; on failure it comes back to the field (a lost session
 * included), and the message stays on screen marked as failed.
 */
export async function sendMessage() {
  const text = drafts.chat.value.trim();
  if (!text || chatState.value === 'sending') return;
  const mine: ChatMessage = { id: `local-${++localIds}`, role: 'user', content: text, actions: [], status: 'sending' };
  messages.value = [...messages.value.filter((m) => m.status !== 'failed'), mine];
  chatState.value = 'sending';
  chatError.value = null;
  drafts.chat.value = '';
  try {
    const body = {
      message: text,
      timezone: browserTimeZone(),
      ...(conversationId.value ? { conversation_id: conversationId.value } : {}),
    };
    const reply = await (await send(api.chat.$post({ json: body }))).json();
    conversationId.value = reply.conversation_id;
    messages.value = [
      ...messages.value.map((m) => (m.id === mine.id ? { ...m, status: undefined } : m)),
      { id: `local-${++localIds}`, role: 'assistant', content: reply.reply, actions: reply.actions },
    ];
    if (reply.actions.some((a) => !READ_ONLY.has(a.tool))) {
      announceChange();
      void refresh();
    }
    void loadConversations();
  } catch (err) {
    messages.value = messages.value.map((m) => (m.id === mine.id ? { ...m, status: 'failed' } : m));
    if (!drafts.chat.value) drafts.chat.value = text;
    chatError.value =
      err instanceof ApiError && err.status === 429
        ? 'Too many messages at once. Wait a moment, then send again.'
        : `The message was not answered: ${errorText(err)}`;
  } finally {
    chatState.value = 'idle';
  }
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
}
