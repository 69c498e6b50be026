import { and, desc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { Conversation, Message, NewMessage } from '../../chat/types';
import type { Clock } from '../../lib/clock';
import type { ConversationRepo } from '../repo';
import { iso, type NewRow, type Row } from './rows';
import type { TableStatements } from './statements';

export interface ConversationStatements {
  conversations: TableStatements<Row<'conversations'>, NewRow<'conversations'>>;
  messages: TableStatements<Row<'messages'>, NewRow<'messages'>>;
}

const toConversation = (r: Row<'conversations'>): Conversation => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});

export const toMessage = (r: Row<'messages'>): Message => ({
  id: r.id,
  conversation_id: r.conversationId,
  role: r.role,
  content: r.content,
  actions: (r.actions as Message['actions']) ?? null,
  pending: (r.pending as Message['pending']) ?? null,
  state: r.agentState ?? null,
  created_at: iso(r.createdAt),
});

/** A new message's row but for its time, which each dialect stamps its own way, in order. */
export const newMessageRow = (conversationId: string, m: NewMessage) => ({
  id: crypto.randomUUID(),
  conversationId,
  role: m.role,
  content: m.content,
  actions: m.actions ?? null,
  pending: m.pending ?? null,
  agentState: m.state ?? null,
});

/** One conversation of the user's. */
export const ownedConversation = (c: { id: AnyColumn; userId: AnyColumn }, userId: string, id: string) =>
  and(eq(c.id, id), eq(c.userId, userId));

/**
 * Conversations on either dialect. Appending is the one part each dialect
 * does its own way (a D1 batch, a Postgres transaction with a row lock), so
 * it comes in as `append`.
 */
export function createConversationRepo(
  { conversations, messages }: ConversationStatements,
  append: ConversationRepo['append'],
  now: Clock,
): ConversationRepo {
  const c = conversations.table;
  const m = messages.table;
  const owned = (userId: string, id: string) => ownedConversation(c, userId, id);
  return {
    async create(userId, title) {
      const at = now();
      const row = { id: crypto.randomUUID(), userId, title, createdAt: at, updatedAt: at };
      const [created] = await conversations.insert().values(row).returning();
      return toConversation(created!);
    },
    async get(userId, id) {
      const [row] = await conversations.select().where(owned(userId, id)).limit(1);
      return row ? toConversation(row) : null;
    },
    async list(userId, limit) {
      // Most recently active first; ids break ties so the order never shuffles.
      const rows = await conversations
        .select()
        .where(eq(c.userId, userId))
        .orderBy(desc(c.updatedAt), desc(c.id))
        .limit(limit);
      return rows.map(toConversation);
    },
    append,
    async messages(userId, conversationId, limit) {
      // The user's conversation or nothing; parameters, not correlated columns,
      // so the subquery reads the same however drizzle qualifies them.
      const mine = sql`exists (select 1 from ${c} where ${owned(userId, conversationId)})`;
      const rows = await messages
        .select()
        .where(and(eq(m.conversationId, conversationId), mine))
        .orderBy(desc(m.createdAt))
        .limit(limit);
      return rows.map(toMessage).reverse();
    },
    async remove(userId, id) {
      // Messages go with it through the foreign key's ON DELETE CASCADE.
      const rows = await conversations.delete().where(owned(userId, id)).returning();
      return rows.length > 0;
    },
  };
}
