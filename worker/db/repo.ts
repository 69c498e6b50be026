/**
 * The seam between the services and the database. Each dialect under
 * worker/db/ implements these interfaces; nothing above this folder knows
 * which one runs. All timestamps cross the seam as ISO 8601 UTC strings.
 */
import type { User } from '../auth/types';
import type { Conversation, Message, NewMessage } from '../chat/types';
import type { NewTask, Task, TaskChanges, TaskListQuery } from '../tasks/types';

/** A write that may miss: the row is absent (or not the user's), or it changed since `ifUpdatedAt`. */
export type WriteResult<T> = { ok: true; value: T } | { ok: false; reason: 'not_found' | 'changed' };

export interface TaskRepo {
  /** A number that grows on every change to the user's tasks; 0 before the first. */
  version(userId: string): Promise<number>;
  /** The version and the list read together, so the version never runs ahead of the data. */
  list(userId: string, query: TaskListQuery): Promise<{ version: number; tasks: Task[] }>;
  get(userId: string, id: string): Promise<Task | null>;
  insert(userId: string, task: NewTask): Promise<Task>;
  update(userId: string, id: string, changes: TaskChanges, ifUpdatedAt?: string): Promise<WriteResult<Task>>;
  toggle(userId: string, id: string, ifUpdatedAt?: string): Promise<WriteResult<Task>>;
  remove(userId: string, id: string, ifUpdatedAt?: string): Promise<WriteResult<null>>;
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

export interface RateLimitRepo {
  /**
   * Adds `by` (default 1; 0 only reads) to `key`'s count in the fixed window
   * that starts at `windowStart` (ms) and returns the count so far in that
   * window, atomically.
   */
  hit(key: string, windowStart: number, by?: number): Promise<number>;
}

export interface Repos {
  dialect: 'd1' | 'postgres';
  tasks: TaskRepo;
  users: UserRepo;
  conversations: ConversationRepo;
  limits: RateLimitRepo;
  /** One trivial query; throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Releases connections (a no-op for D1). */
  close(): Promise<void>;
}
