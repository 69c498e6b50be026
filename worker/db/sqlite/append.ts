import { sql } from 'drizzle-orm';
import type { Clock } from '../../lib/clock';
import type { ConversationRepo } from '../repo';
import { newMessageRow, ownedConversation, toMessage } from '../shared/conversations';
import type { Db } from './db';
import { conversations, messages } from './schema';

/**
 * Appends in one batch: D1 runs its statements in order as one transaction,
 * with no other write between them. Each insert stamps its message in SQL from
 * the latest one stored (the one just before it in this batch, or the last of
 * an append that committed first), not from a read made before the write, so
 * concurrent appends queue whole and never share a time. One statement per
 * message keeps each far below D1's 100 bound parameters; selecting from the
 * user's conversation makes a foreign one insert nothing.
 */
export function appendMessages(db: Db, now: Clock): ConversationRepo['append'] {
  return async (userId, conversationId, items) => {
    const owned = ownedConversation(conversations, userId, conversationId);
    const at = now().getTime();
    const latest = sql`(select max(${messages.createdAt}) from ${messages}
      where ${messages.conversationId} = ${conversationId})`;
    const next = sql`max(${at}, coalesce(${latest} + 1, 0))`;
    // The touch runs first, so it stamps the time the last of these messages is about to get.
    const touch = db
      .update(conversations)
      .set({ updatedAt: items.length ? sql`${next} + ${items.length - 1}` : new Date(at) })
      .where(owned)
      .returning({ id: conversations.id });
    const inserts = items.map((m) => {
      const row = newMessageRow(conversationId, m);
      const fields = {
        id: sql`${row.id}`.as('id'),
        conversationId: conversations.id,
        role: sql`${row.role}`.as('role'),
        content: sql`${row.content}`.as('content'),
        actions: sql`${sql.param(row.actions, messages.actions)}`.as('actions'),
        pending: sql`${sql.param(row.pending, messages.pending)}`.as('pending'),
        agentState: sql`${sql.param(row.agentState, messages.agentState)}`.as('agent_state'),
        createdAt: next.as('created_at'),
      };
      return db.insert(messages).select(db.select(fields).from(conversations).where(owned)).returning();
    });
    const [touched, ...inserted] = await db.batch([touch, ...inserts]);
    if (!touched.length) throw new Error(`conversation ${conversationId} not found for its user`);
    return inserted.flat().map(toMessage);
  };
}
