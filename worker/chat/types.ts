import type { ToolAction } from '../tools/tool';

/** Conversations and their messages, as the chat service and its routes speak of them. */

export interface Conversation {
  id: string;
  user_id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

/** A tool call an agent wants to make, held until the user confirms it. */
export interface PlannedAction {
  tool: string;
  input: unknown;
  /** What it does, in words: "Delete “Buy milk”". */
  summary: string;
}

/** Actions waiting for the user's confirmation: they run at most once, and only until `expires_at`. */
export interface Pending {
  id: string;
  actions: PlannedAction[];
  expires_at: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ToolAction[] | null;
  /** What this reply proposed and is waiting for the user to confirm. */
  pending: Pending | null;
  /** The agent's private memory; never sent to clients. */
  state: unknown;
  created_at: string;
}

export interface NewMessage {
  role: 'user' | 'assistant';
  content: string;
  actions?: ToolAction[] | null;
  pending?: Pending | null;
  state?: unknown;
}
