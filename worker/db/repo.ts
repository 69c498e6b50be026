/**
 * The seam between the services and the database. Each dialect under
 * worker/db/ implements these interfaces; nothing above this folder knows
 * which one runs. All timestamps cross the seam as ISO 8601 UTC strings.
 */
import type { ConnectedApp, OAuthClient, PersonalToken, StoredOAuthToken, User } from '../auth/types';
import type { Conversation, Message, NewMessage, Pending } from '../chat/types';
import type { StoredTask, Task, TaskEvent, TaskListQuery } from '../tasks/types';

/** One task write and the event that records it, applied together or not at all. */
export interface TaskWrite {
  /** The whole row as the write leaves it. */
  next: StoredTask;
  /** The event; its version is the one the same transaction gives the user. */
  event: Omit<TaskEvent, 'version'>;
}

/** What to write, given the task as it stands: a write, or null for none. It may throw to refuse. */
export type DecideWrite = (before: StoredTask) => TaskWrite | null;

export interface EventQuery {
  taskId?: string;
  /** Only events older than this version (paging back through the log). */
  before?: number;
  limit: number;
}

export interface TaskRepo {
  /** A number that grows by one with every change to the user's tasks; 0 before the first. */
  version(userId: string): Promise<number>;
  /** The version and the list read together, so the version never runs ahead of the data. Deleted tasks never show. */
  list(userId: string, query: TaskListQuery): Promise<{ version: number; tasks: Task[] }>;
  /** Every task that is not deleted, oldest first, with the version. */
  all(userId: string): Promise<{ version: number; tasks: Task[] }>;
  /** A task that is not deleted. */
  get(userId: string, id: string): Promise<Task | null>;
  /** The stored row, deleted or not. */
  find(userId: string, id: string): Promise<StoredTask | null>;
  /** Inserts a new task, bumps the user's version and appends the event with that version, in one transaction. */
  insert(userId: string, write: TaskWrite): Promise<TaskEvent>;
  /**
   * Reads the user's task (deleted or not; null when there is none), asks
   * `decide` what to write, and writes it with the version bump and the event
   * in one transaction. `decide` sees the row as it stands when the write
   * lands: it runs under a row lock (Postgres), or again on the newer row when
   * another write got in first (D1). Null event: `decide` wrote nothing.
   */
  change(
    userId: string,
    id: string,
    decide: DecideWrite,
  ): Promise<{ before: StoredTask | null; event: TaskEvent | null }>;
  /** The user's events, newest first. */
  events(userId: string, query: EventQuery): Promise<TaskEvent[]>;
  event(userId: string, id: string): Promise<TaskEvent | null>;
  /**
   * The tasks (deleted ones included) touched by events after `since`, read in
   * one snapshot with the version; null when the log cannot say (it no longer
   * holds every event since then, or they name more than `max` tasks).
   */
  changedSince(userId: string, since: number, max: number): Promise<{ version: number; tasks: StoredTask[] } | null>;
  /** Removes tasks deleted before `before`, with their events, for every user; how many went. */
  purgeDeleted(before: Date): Promise<number>;
}

export interface UserRepo {
  /** Returns null when the (already normalised) email is taken. */
  create(user: { email: string; name: string | null; passwordHash: string }): Promise<User | null>;
  findByEmail(email: string): Promise<(User & { passwordHash: string }) | null>;
  findById(id: string): Promise<User | null>;
}

export interface ConversationRepo {
  create(userId: string, title: string): Promise<Conversation>;
  get(userId: string, id: string): Promise<Conversation | null>;
  list(userId: string, limit: number): Promise<Conversation[]>;
  /**
   * Appends messages in order, each strictly later than every message stored
   * before it (even by a concurrent append, or by an instance whose clock runs
   * ahead), and touches the conversation. Throws, storing nothing, when the
   * conversation is not the user's.
   */
  append(userId: string, conversationId: string, messages: NewMessage[]): Promise<Message[]>;
  /** The last `limit` messages, oldest first. */
  messages(userId: string, conversationId: string, limit: number): Promise<Message[]>;
  remove(userId: string, id: string): Promise<boolean>;
}

export interface PendingRepo {
  propose(userId: string, conversationId: string, pending: Pending): Promise<void>;
  /** The newest set in the conversation that is neither settled nor expired. */
  latestOpen(userId: string, conversationId: string): Promise<Pending | null>;
  /**
   * Settles one set if it is still open (and, with `unexpired`, not expired),
   * returning it; null when it was already settled, expired, unknown or not
   * the user's. Only one caller ever gets a given set back.
   */
  settle(userId: string, conversationId: string, id: string, options: { unexpired: boolean }): Promise<Pending | null>;
  /** Settles every open set of the conversation (a new message drops them); how many. */
  settleAll(userId: string, conversationId: string): Promise<number>;
}

export interface RateLimitRepo {
  /**
   * Adds `by` (default 1; 0 only reads) to `key`'s count in the fixed window
   * that starts at `windowStart` (ms) and returns the count so far in that
   * window, atomically.
   */
  hit(key: string, windowStart: number, by?: number): Promise<number>;
}

export interface PersonalTokenRepo {
  create(userId: string, token: { name: string; tokenHash: string; expiresAt: Date | null }): Promise<PersonalToken>;
  /** The user's tokens, newest first, expired ones included. */
  list(userId: string): Promise<PersonalToken[]>;
  /** Deletes the user's token; false when there is none (or it is another user's). */
  remove(userId: string, id: string): Promise<boolean>;
  /**
   * The owner of the unexpired token with this hash, or null. Stamps
   * last_used_at, at most once a minute, so a busy client writes rarely.
   */
  use(tokenHash: string): Promise<{ id: string; userId: string } | null>;
}

export interface OAuthRepo {
  createClient(client: { name: string; redirectUris: string[] }): Promise<OAuthClient>;
  findClient(id: string): Promise<OAuthClient | null>;
  createGrant(grant: { userId: string; clientId: string; scope: string }): Promise<string>;
  findGrant(id: string): Promise<{ id: string; userId: string; clientId: string; scope: string } | null>;
  /** Stores codes or tokens by their hash. */
  issue(tokens: StoredOAuthToken[]): Promise<void>;
  /**
   * Spends a code or refresh token: the one caller whose update marks it used
   * gets `firstUse: true`; every later caller gets it with `firstUse: false`
   * (a replay). Null when no such token of that kind exists (any more).
   */
  spend(hash: string, kind: 'code' | 'refresh'): Promise<{ token: StoredOAuthToken; firstUse: boolean } | null>;
  /** The access token with this hash (expired or not) and stamps its grant's last use. */
  findAccess(hash: string): Promise<StoredOAuthToken | null>;
  /** The user's connected apps, newest first. */
  grants(userId: string): Promise<ConnectedApp[]>;
  /** Deletes codes and tokens that expired before `before`, for every user; how many went. */
  purgeExpired(before: Date): Promise<number>;
  /** Deletes a grant and, with it, every code and token of its family; `userId` null for any user's. */
  revokeGrant(userId: string | null, grantId: string): Promise<boolean>;
}

export interface Repos {
  dialect: 'd1' | 'postgres';
  tasks: TaskRepo;
  users: UserRepo;
  conversations: ConversationRepo;
  pending: PendingRepo;
  limits: RateLimitRepo;
  personalTokens: PersonalTokenRepo;
  oauth: OAuthRepo;
  /** One trivial query; throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Releases connections (a no-op for D1). */
  close(): Promise<void>;
}
