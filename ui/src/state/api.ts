import { signal } from '@preact/signals';
import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../worker';
import { stored } from './stored';

/** The bearer token; shared by every tab through localStorage. */
export const token = stored<string | null>(localStorage, 'tasks.token', null);
/** Set when the server refused the token: the login screen explains why. */
export const sessionLost = signal(false);

/**
 * The Worker's own route types: a renamed field or route fails `tsc -p ui`.
 * Every request says it comes from the dashboard (`X-Source`), so the change
 * log records the dashboard's writes as the dashboard's, not some API client's.
 */
export const api = hc<AppType>('/', {
  headers: (): Record<string, string> => ({
    'X-Source': 'dashboard',
    ...(token.value ? { Authorization: `Bearer ${token.value}` } : {}),
  }),
  init: { cache: 'no-store' },
}).api.v1;

export type Task = InferResponseType<typeof api.tasks.$post, 201>;
export type Priority = Task['priority'];
export type TaskPatch = InferRequestType<(typeof api.tasks)[':id']['$patch']>['json'];
export type ChatReply = InferResponseType<typeof api.chat.$post, 200>;
export type ChatAction = ChatReply['actions'][number];
export type Conversation = InferResponseType<typeof api.conversations.$get, 200>[number];
export type Message = InferResponseType<(typeof api.conversations)[':id']['messages']['$get'], 200>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Awaits a client call and returns the response when it is a success (or 304);
 * otherwise throws an ApiError carrying the envelope's code and message.
 * A 401 on an authenticated call ends the session (drafts stay in storage).
 */
export async function send<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<R> {
  let res: R;
  try {
    res = await call;
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.ok || res.status === 304) return res;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const err = new ApiError(
    res.status,
    body?.error?.code ?? `http_${res.status}`,
    body?.error?.message ?? `Request failed (${res.status})`,
  );
  if (res.status === 401 && token.value) {
    token.value = null;
    sessionLost.value = true;
  }
  throw err;
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export type SyncResult = InferResponseType<typeof api.sync.$get, 200>;
export type TaskEvent = InferResponseType<typeof api.activity.$get, 200>[number];
export type Source = TaskEvent['source'];
