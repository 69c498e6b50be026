import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  json,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { parsePgTimestamp } from './timestamp';

// The same tables, columns, constraints and indexes as ../sqlite/schema.ts,
// in Postgres types. Timestamps are timestamptz at millisecond precision:
// the precision of the ISO strings the API returns, so a task's updated_at
// round-trips exactly as its ETag. They are read with parsePgTimestamp, not
// drizzle's `new Date(text)`, whose legacy parsing turns year 0001 into 2001.
const ms = customType<{ data: Date; driverData: string }>({
  dataType: () => 'timestamp (3) with time zone',
  toDriver: (value) => value.toISOString(),
  fromDriver: parsePgTimestamp,
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    // Stored lower-cased, so the unique index makes emails case-insensitive.
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

// No foreign key to users: a token from an external issuer that shares
// JWT_SECRET names a user this database has never seen, and owns tasks too.
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    completed: boolean('completed').notNull().default(false),
    priority: text('priority', { enum: ['low', 'medium', 'high'] })
      .notNull()
      .default('medium'),
    dueDate: ms('due_date'),
    // An all-day due date is stored as that day's 00:00 UTC, so it sorts with the timed ones.
    dueAllDay: boolean('due_all_day').notNull().default(false),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    // Case-folded copies kept by the repo for search, exactly as on D1, so
    // search folds the same way whatever the database's collation.
    searchTitle: text('search_title').notNull(),
    searchDescription: text('search_description'),
    // Deleting is soft: the row stays, invisible, until the daily purge, so it can be restored.
    deletedAt: ms('deleted_at'),
  },
  (t) => [
    index('tasks_user_created').on(t.userId, t.createdAt),
    index('tasks_user_due').on(t.userId, t.dueDate),
    check('tasks_priority_check', sql`${t.priority} in ('low', 'medium', 'high')`),
  ],
);

// One row per user, bumped in the same transaction as every task write: the
// list's ETag comes from here, so an idle poll reads one row, not the list.
export const taskVersions = pgTable('task_versions', {
  userId: text('user_id').primaryKey(),
  version: integer('version').notNull().default(0),
});

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    title: text('title').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('conversations_user_updated').on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    // json, not jsonb: kept as written, so objects come back with their keys
    // in the order D1 gives them.
    // JSON array of {tool, input, output} for assistant messages.
    actions: json('actions'),
    // Actions the reply proposes and that wait for the user's confirmation ({id, actions, expires_at}).
    pending: json('pending'),
    // The agent's private memory for this reply (a numbered listing, a pending question).
    agentState: json('agent_state'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('messages_conversation_created').on(t.conversationId, t.createdAt),
    check('messages_role_check', sql`${t.role} in ('user', 'assistant')`),
  ],
);

// The change log: one row per task write, in the same transaction as the write.
export const taskEvents = pgTable(
  'task_events',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    // The user's task version after this write: ordered, gap-free per user.
    version: integer('version').notNull(),
    taskId: text('task_id').notNull(),
    action: text('action', { enum: ['created', 'updated', 'completed', 'reopened', 'deleted', 'restored'] }).notNull(),
    source: text('source', { enum: ['dashboard', 'chat', 'mcp', 'api'] }).notNull(),
    // json, not jsonb, as for messages: kept as written.
    changes: json('changes').notNull(),
    task: json('task').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [
    uniqueIndex('task_events_user_version').on(t.userId, t.version),
    index('task_events_user_task').on(t.userId, t.taskId, t.version),
  ],
);

// Actions an agent proposed that run only once the user confirms: each set at
// most once (settled_at is set by the one update that claims it), and only
// until it expires.
export const pendingActions = pgTable(
  'pending_actions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    actions: json('actions').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    settledAt: ms('settled_at'),
  },
  (t) => [index('pending_actions_conversation').on(t.conversationId, t.createdAt)],
);

// Fixed-window counters for rate limits, shared by every isolate.
// window_start is epoch milliseconds, as on D1 (too large for integer).
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: bigint('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});

// Personal access tokens: only the SHA-256 of the secret is kept, so a leaked
// database leaks no usable token. Revoking deletes the row: refused at once.
export const personalTokens = pgTable(
  'personal_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at'),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [uniqueIndex('personal_tokens_hash').on(t.tokenHash), index('personal_tokens_user').on(t.userId, t.createdAt)],
);

// OAuth clients registered dynamically (RFC 7591); public clients only, so no secret.
export const oauthClients = pgTable('oauth_clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  // JSON array of the exact redirect URIs the client registered.
  redirectUris: json('redirect_uris').notNull(),
  createdAt: ms('created_at').notNull(),
});

// One user's consent to one client: the family every code, access and refresh
// token issued under it belongs to. Revoking it (or a reused refresh token)
// deletes the family's tokens.
export const oauthGrants = pgTable(
  'oauth_grants',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => oauthClients.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [index('oauth_grants_user').on(t.userId, t.createdAt)],
);

// Authorization codes, access and refresh tokens, keyed by the SHA-256 of the
// secret. A code or refresh token is spent by the one update that sets used_at.
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    hash: text('hash').primaryKey(),
    grantId: text('grant_id')
      .notNull()
      .references(() => oauthGrants.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['code', 'access', 'refresh'] }).notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
    // Codes only: where the code was sent and the PKCE S256 challenge it must be redeemed with.
    redirectUri: text('redirect_uri'),
    codeChallenge: text('code_challenge'),
  },
  (t) => [
    index('oauth_tokens_grant').on(t.grantId),
    check('oauth_tokens_kind_check', sql`${t.kind} in ('code', 'access', 'refresh')`),
  ],
);
