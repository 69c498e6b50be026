import type { ConversationStatements } from '../shared/conversations';
import type { RateLimitStatements } from '../shared/rate-limits';
import type { UserStatements } from '../shared/users';
import type { Db } from './db';
import type { PendingStatements } from '../shared/pending';
import type { OAuthStatements } from '../shared/oauth';
import type { PersonalTokenStatements } from '../shared/personal-tokens';
import {
  conversations,
  messages,
  oauthClients,
  oauthGrants,
  oauthTokens,
  pendingActions,
  personalTokens,
  rateLimits,
  users,
} from './schema';

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
  personalTokens: {
    table: personalTokens,
    insert: () => db.insert(personalTokens),
    select: () => db.select().from(personalTokens),
    update: () => db.update(personalTokens),
    delete: () => db.delete(personalTokens),
  } satisfies PersonalTokenStatements,
  oauth: {
    clients: {
      table: oauthClients,
      insert: () => db.insert(oauthClients),
      select: () => db.select().from(oauthClients),
      update: () => db.update(oauthClients),
      delete: () => db.delete(oauthClients),
    },
    grants: {
      table: oauthGrants,
      insert: () => db.insert(oauthGrants),
      select: () => db.select().from(oauthGrants),
      update: () => db.update(oauthGrants),
      delete: () => db.delete(oauthGrants),
    },
    tokens: {
      table: oauthTokens,
      insert: () => db.insert(oauthTokens),
      select: () => db.select().from(oauthTokens),
      update: () => db.update(oauthTokens),
      delete: () => db.delete(oauthTokens),
    },
  } satisfies OAuthStatements,
});
