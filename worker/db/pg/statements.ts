import type { ConversationStatements } from '../shared/conversations';
import type { RateLimitStatements } from '../shared/rate-limits';
import type { UserStatements } from '../shared/users';
import type { Db } from './db';
import type { PendingStatements } from '../shared/pending';
import { conversations, messages, pendingActions, rateLimits, users } from './schema';

/**
 * Postgres's own builders on each table the shared repos use, handed over as
 * ../shared/statements.ts describes; `satisfies` is where tsc checks they fit.
 * Spelled out per table: drizzle cannot type `select().from(table)` for a
 * generic Postgres table.
 */
export const statementsOn = (db: Db) => ({
  users: {
    table: users,
    insert: () => db.insert(users),
    select: () => db.select().from(users),
    delete: () => db.delete(users),
  } satisfies UserStatements,
  chat: {
    conversations: {
      table: conversations,
      insert: () => db.insert(conversations),
      select: () => db.select().from(conversations),
      delete: () => db.delete(conversations),
    },
    messages: {
      table: messages,
      insert: () => db.insert(messages),
      select: () => db.select().from(messages),
      delete: () => db.delete(messages),
    },
  } satisfies ConversationStatements,
  pending: {
    table: pendingActions,
    insert: () => db.insert(pendingActions),
    select: () => db.select().from(pendingActions),
    update: () => db.update(pendingActions),
  } satisfies PendingStatements,
  limits: {
    table: rateLimits,
    conflict: rateLimits.key,
    insert: () => db.insert(rateLimits),
  } satisfies RateLimitStatements<typeof rateLimits.key>,
});
