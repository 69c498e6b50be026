import type { ToolAction } from '../tools/tool';

/** Conversations and their messages, as the chat service and its routes speak of them. */

export interface Conversation {
  id: string;
  user_id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ToolAction[] | null;
  /** The agent's private memory; never sent to clients. */
  state: unknown;
  created_at: string;
}

export interface NewMessage {
  role: 'user' | 'assistant';
  content: string;
  actions?: ToolAction[] | null;
  state?: unknown;
}
