import { useEffect, useRef } from 'preact/hooks';
import {
  chatError,
  chatState,
  conversationId,
  conversations,
  deleteConversation,
  messages,
  openConversation,
  sendMessage,
} from '../state/chat';
import { drafts } from '../state/drafts';
import { Message } from './ChatMessage';
import './chat.css';

/** One click to a first answer, for a user who does not know what to type yet. */
const SUGGESTIONS = ['What’s due today?', 'Show overdue tasks', 'Add buy milk tomorrow'];

const ask = (text: string) => {
  drafts.chat.value = text;
  void sendMessage();
};

/** The chat: a side panel on wide screens, the whole screen on narrow ones. Escape closes it. */
export function ChatPanel({ onClose }: { onClose: () => void }) {
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => input.current?.focus(), []);
  // Keep the newest message in view; scroll the list only, never the page behind it.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [messages.value, chatState.value]);

  const submit = (e: Event) => {
    e.preventDefault();
    void sendMessage();
  };
  const sending = chatState.value === 'sending';
  // Until the first step or word of the answer arrives.
  const last = messages.value.at(-1);
  const thinking = sending && last?.status === 'streaming' && !last.content && !last.actions.length;

  return (
    <aside
      id="chat-panel"
      class="chat"
      aria-label="Chat assistant"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header class="chat-head">
        <h2>Chat</h2>
        <button type="button" class="icon" aria-label="Close chat" onClick={onClose}>
          ×
        </button>
      </header>
      <div class="chat-convs">
        <label class="grow">
          Conversation
          <select
            value={conversationId.value ?? ''}
            onChange={(e) => void openConversation(e.currentTarget.value || null)}
          >
            <option value="">New conversation</option>
            {conversations.value.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        {conversationId.value && (
          <button
            type="button"
            class="danger"
            onClick={() =>
              confirm('Delete this conversation? Tasks it changed stay as they are.') &&
              void deleteConversation(conversationId.value!)
            }
          >
            Delete conversation
          </button>
        )}
      </div>
      <ol ref={list} class="messages" aria-live="polite" aria-busy={chatState.value !== 'idle'}>
        {chatState.value === 'loading' && <li class="state">Loading the conversation…</li>}
        {chatState.value === 'idle' && messages.value.length === 0 && (
          <li class="state">
            Ask me to add, find, change or complete tasks — for example “add a high priority task to call mom tomorrow”.
            <span class="suggestions">
              {SUGGESTIONS.map((text) => (
                <button key={text} type="button" class="suggestion" onClick={() => ask(text)}>
                  {text}
                </button>
              ))}
            </span>
          </li>
        )}
        {messages.value.map((m) => (
          <Message key={m.id} m={m} />
        ))}
        {thinking && <li class="state">Thinking…</li>}
      </ol>
      {chatError.value && (
        <p class="error" role="alert">
          {chatError.value}
        </p>
      )}
      <form class="composer" onSubmit={submit}>
        <label class="grow">
          <span class="sr-only">Message</span>
          <textarea
            ref={input}
            rows={2}
            maxLength={2000}
            placeholder="Ask the assistant…"
            value={drafts.chat.value}
            onInput={(e) => (drafts.chat.value = e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
            }}
          />
        </label>
        <button type="submit" class="primary" disabled={chatState.value !== 'idle' || !drafts.chat.value.trim()}>
          Send
        </button>
      </form>
    </aside>
  );
}
