import { sql } from 'drizzle-orm';
import type { Clock } from '../../lib/clock';
import type { ConversationRepo } from '../repo';
import { newMessageRow, ownedConversation, toMessage } from '../shared/conversations';
import type { Db } from './db';
import { conversations, messages } from './schema';

/** `count` times, each at least 1 ms after the one before and after `after`, so they keep their order. */
function sequentialTimes(count: number, now: Date, after?: Date): Date[] {
  let t = Math.max(now.getTime(), after ? after.getTime() + 1 : 0);
  return Array.from({ length: count }, () => new Date(t++));
}

/**
 * Appends in one transaction. Locking the conversation row queues concurrent
 * appends to it (Postgres's snapshots would otherwise let two read the same
 * last message), so each starts after the last message of the one before; the
 * last message's time comes with the lock: one round trip, not two.
 */
export function appendMessages(db: Db, now: Clock): ConversationRepo['append'] {
  return (userId, conversationId, items) =>
    db.transaction(async (tx) => {
      const owned = ownedConversation(conversations, userId, conversationId);
      // A parameter, not a correlated column: drizzle renders columns unqualified here, and an
      // unqualified "id" inside the subquery would be the message's.
      const latest = sql`(select ${messages.createdAt} from ${messages}
        where ${messages.conversationId} = ${conversationId} order by ${messages.createdAt} desc limit 1)`;
      const [conv] = await tx
        .select({ id: conversations.id, last: latest.mapWith(messages.createdAt) })
        .from(conversations)
        .where(owned)
        .for('update');
      if (!conv) throw new Error(`conversation ${conversationId} not found for its user`);
      const times = sequentialTimes(items.length, now(), conv.last ?? undefined);
      const rows = items.map((m, i) => ({ ...newMessageRow(conversationId, m), createdAt: times[i]! }));
      if (rows.length) await tx.insert(messages).values(rows);
      await tx
        .update(conversations)
        .set({ updatedAt: times.at(-1) ?? now() })
        .where(owned);
      return rows.map(toMessage);
    });
}
