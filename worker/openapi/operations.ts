import { z } from 'zod';
import { RegisterClientSchema } from '../auth/oauth-schema';
import { LoginSchema, SignupSchema } from '../auth/schema';
import { CreateTokenSchema } from '../auth/token-schema';
import { ChatSchema } from '../chat/schema';
import { LiveQuerySchema } from '../live/schema';
import {
  ActivityQuerySchema,
  SyncQuerySchema,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskPatchSchema,
} from '../tasks/schema';
import { TaskOutput } from '../tools/output';
import {
  ChatOutput,
  ConnectedAppOutput,
  CreatedTokenOutput,
  PersonalTokenOutput,
  ConversationOutput,
  HealthOutput,
  MeOutput,
  MessageOutput,
  SessionOutput,
  SyncOutput,
  TaskEventOutput,
  TicketOutput,
  UndoOutput,
} from './answers';

/**
 * Every route the app mounts, described once for the OpenAPI document: the
 * same zod schemas the routes validate with (bodies, queries) and answer with.
 * Paths are Hono's (`:id`); the document writes them OpenAPI's way (`{id}`).
 * A route mounted on the app and missing here fails worker/routes/openapi.test.ts.
 */
/** The document's sections, in the order the reference page shows them. */
export const TAGS = ['Account', 'Tasks', 'Activity', 'Sync', 'Chat', 'Tokens', 'OAuth', 'Service'] as const;

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: (typeof TAGS)[number];
  summary: string;
  description?: string;
  /** Needs `Authorization: Bearer <token>`; true unless said otherwise. */
  auth?: false;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Takes `If-Match` with the task's ETag: a stale one answers 412 and writes nothing. */
  ifMatch?: true;
  answer: {
    status: 200 | 201 | 204 | 101;
    description: string;
    schema?: z.ZodType;
    etag?: true;
    /** Takes `If-None-Match` and answers 304 with no body while the ETag still holds. */
    notModified?: true;
    /** With `Accept: text/event-stream`, the same answer streamed as server-sent events. */
    stream?: true;
  };
  /** Error statuses beyond the ones every route can answer (401 when authenticated, 500). */
  errors: number[];
}

const Tasks = z.array(TaskOutput);
const Events = z.array(TaskEventOutput);
/** A JSON body: refused when malformed (400), not JSON (415) or over 64 KiB (413). */
const BODY = [400, 413, 415];

const TASKS: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/tasks',
    tag: 'Tasks',
    summary: 'List tasks',
    description:
      'Filtered, searched, sorted and paged. Send the ETag back as If-None-Match to get 304 while nothing changed.',
    query: TaskListQuerySchema,
    answer: { status: 200, description: 'The tasks', schema: Tasks, etag: true, notModified: true },
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/v1/tasks',
    tag: 'Tasks',
    summary: 'Create a task',
    body: TaskCreateSchema,
    answer: { status: 201, description: 'The created task', schema: TaskOutput, etag: true },
    errors: BODY,
  },
  {
    method: 'get',
    path: '/api/v1/tasks/:id',
    tag: 'Tasks',
    summary: 'Get a task',
    answer: { status: 200, description: 'The task', schema: TaskOutput, etag: true },
    errors: [404],
  },
  ...(['patch', 'put'] as const).map(
    (method): Operation => ({
      method,
      path: '/api/v1/tasks/:id',
      tag: 'Tasks',
      summary: method === 'patch' ? 'Change a task' : 'Change a task (the same as PATCH)',
      description: 'Only the fields given change; null clears description and due_date.',
      body: TaskPatchSchema,
      ifMatch: true,
      answer: { status: 200, description: 'The task as changed', schema: TaskOutput, etag: true },
      errors: [...BODY, 404, 412],
    }),
  ),
  {
    method: 'patch',
    path: '/api/v1/tasks/:id/toggle',
    tag: 'Tasks',
    summary: 'Complete a pending task, or reopen a completed one',
    ifMatch: true,
    answer: { status: 200, description: 'The task as changed', schema: TaskOutput, etag: true },
    errors: [404, 412],
  },
  {
    method: 'delete',
    path: '/api/v1/tasks/:id',
    tag: 'Tasks',
    summary: 'Delete a task',
    description: 'It can be restored for 30 days.',
    ifMatch: true,
    answer: { status: 204, description: 'Deleted' },
    errors: [404, 412],
  },
  {
    method: 'post',
    path: '/api/v1/tasks/:id/restore',
    tag: 'Tasks',
    summary: 'Restore a deleted task, with its id',
    ifMatch: true,
    answer: { status: 200, description: 'The task, back', schema: TaskOutput, etag: true },
    errors: [404, 412],
  },
  {
    method: 'get',
    path: '/api/v1/tasks/:id/activity',
    tag: 'Activity',
    summary: "One task's change log, newest first",
    query: ActivityQuerySchema,
    answer: { status: 200, description: 'The changes', schema: Events },
    errors: [400, 404],
  },
];

const ACTIVITY_AND_SYNC: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/activity',
    tag: 'Activity',
    summary: "The user's change log, newest first",
    query: ActivityQuerySchema,
    answer: { status: 200, description: 'The changes', schema: Events },
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/v1/activity/:id/undo',
    tag: 'Activity',
    summary: 'Undo one change',
    description: 'Refused with 412 if the task changed after it, so no later change is overwritten.',
    answer: { status: 200, description: 'The change undone and the change that undid it', schema: UndoOutput },
    errors: [404, 412],
  },
  {
    method: 'get',
    path: '/api/v1/sync',
    tag: 'Sync',
    summary: 'What changed after a version',
    query: SyncQuerySchema,
    answer: { status: 200, description: 'The changes, or the whole list', schema: SyncOutput },
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/v1/live/ticket',
    tag: 'Sync',
    summary: 'A ticket to open the live socket with',
    answer: { status: 200, description: 'The ticket', schema: TicketOutput },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/live',
    tag: 'Sync',
    summary: 'Live push (WebSocket)',
    description: "Open as a WebSocket with a ticket; it sends the user's version after every change.",
    auth: false,
    query: LiveQuerySchema,
    answer: { status: 101, description: 'Switching to the WebSocket protocol' },
    errors: [400, 401, 426],
  },
];

const ACCOUNT_AND_CHAT: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/auth/signup',
    tag: 'Account',
    summary: 'Create an account',
    auth: false,
    body: SignupSchema,
    answer: { status: 201, description: 'The account and a token', schema: SessionOutput },
    errors: [...BODY, 409, 429],
  },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    tag: 'Account',
    summary: 'Log in',
    auth: false,
    body: LoginSchema,
    answer: { status: 200, description: 'The account and a token', schema: SessionOutput },
    errors: [...BODY, 401, 429],
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    tag: 'Account',
    summary: 'The account the token belongs to',
    answer: { status: 200, description: 'The account', schema: MeOutput },
    errors: [],
  },
  {
    method: 'post',
    path: '/api/v1/chat',
    tag: 'Chat',
    summary: 'Send a chat message, or confirm or cancel proposed actions',
    description:
      'With Accept: text/event-stream the answer streams instead: action and delta events, then one done (this ' +
      'JSON) or error (the envelope).',
    body: ChatSchema,
    answer: { status: 200, description: "The agent's reply and what it did", schema: ChatOutput, stream: true },
    errors: [...BODY, 404, 429, 502, 504],
  },
  {
    method: 'get',
    path: '/api/v1/conversations',
    tag: 'Chat',
    summary: 'Conversations, newest first',
    answer: { status: 200, description: 'The conversations', schema: z.array(ConversationOutput) },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/conversations/:id/messages',
    tag: 'Chat',
    summary: "A conversation's messages, oldest first",
    answer: { status: 200, description: 'The messages', schema: z.array(MessageOutput) },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/v1/conversations/:id',
    tag: 'Chat',
    summary: 'Delete a conversation',
    answer: { status: 204, description: 'Deleted' },
    errors: [404],
  },
];

const SERVICE: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'Service',
    summary: 'Health: the database answers',
    auth: false,
    answer: { status: 200, description: 'Healthy', schema: HealthOutput },
    errors: [503],
  },
  {
    method: 'post',
    path: '/mcp',
    tag: 'Service',
    summary: 'Model Context Protocol (Streamable HTTP, stateless, JSON answers)',
    description:
      'JSON-RPC 2.0 for MCP clients: the same tools as the chat. See docs/mcp.md; 403 for a Host or Origin it ' +
      'does not serve.',
    body: z.looseObject({ jsonrpc: z.literal('2.0'), method: z.string() }),
    answer: { status: 200, description: 'The JSON-RPC answer', schema: z.looseObject({ jsonrpc: z.literal('2.0') }) },
    errors: [...BODY, 403, 429],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Service',
    summary: 'This document',
    auth: false,
    answer: { status: 200, description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.string() }) },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/docs',
    tag: 'Service',
    summary: 'This document as an interactive reference page (HTML)',
    auth: false,
    answer: { status: 200, description: 'An HTML page' },
    errors: [],
  },
];

const Metadata = z.looseObject({}).describe('A JSON metadata document (RFC 9728 / RFC 8414)');

const TOKENS_AND_APPS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: 'Create a personal access token',
    description: 'Usable as Bearer on the REST API and /mcp until it expires or is revoked.',
    body: CreateTokenSchema,
    answer: { status: 201, description: 'The token, with its secret (shown once)', schema: CreatedTokenOutput },
    errors: [...BODY, 429],
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: 'List personal access tokens (never their secrets)',
    answer: { status: 200, description: 'The tokens', schema: z.array(PersonalTokenOutput) },
    errors: [429],
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/:id',
    tag: 'Tokens',
    summary: 'Revoke a personal access token: refused from the next request on',
    answer: { status: 204, description: 'Revoked' },
    errors: [404, 429],
  },
  {
    method: 'get',
    path: '/api/v1/connections',
    tag: 'Tokens',
    summary: 'List the OAuth clients (connected apps) the user approved',
    answer: { status: 200, description: 'The connected apps', schema: z.array(ConnectedAppOutput) },
    errors: [429],
  },
  {
    method: 'delete',
    path: '/api/v1/connections/:id',
    tag: 'Tokens',
    summary: 'Disconnect an app: every token it holds stops working at once',
    answer: { status: 204, description: 'Disconnected' },
    errors: [404, 429],
  },
];

/** OAuth 2.1 for MCP clients (docs/mcp.md#oauth): OAuth's own formats, errors as `{error, error_description}`. */
const OAUTH: Operation[] = [
  ...['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'].map(
    (path): Operation => ({
      method: 'get',
      path,
      tag: 'OAuth',
      summary: 'Protected resource metadata for /mcp (RFC 9728)',
      auth: false,
      answer: { status: 200, description: 'The metadata', schema: Metadata },
      errors: [],
    }),
  ),
  {
    method: 'get',
    path: '/.well-known/oauth-authorization-server',
    tag: 'OAuth',
    summary: 'Authorization server metadata (RFC 8414)',
    auth: false,
    answer: { status: 200, description: 'The metadata', schema: Metadata },
    errors: [],
  },
  {
    method: 'post',
    path: '/oauth/register',
    tag: 'OAuth',
    summary: 'Dynamic client registration (RFC 7591): public clients, exact redirect URIs',
    auth: false,
    body: RegisterClientSchema,
    answer: { status: 201, description: 'The registered client', schema: Metadata },
    errors: [400, 429],
  },
  {
    method: 'get',
    path: '/oauth/authorize',
    tag: 'OAuth',
    summary: 'The log-in and consent page (HTML) for an authorization request with PKCE S256',
    auth: false,
    answer: { status: 200, description: 'An HTML page' },
    errors: [400],
  },
  {
    method: 'post',
    path: '/oauth/authorize',
    tag: 'OAuth',
    summary: "The consent page's form (application/x-www-form-urlencoded): approve or deny",
    description: 'Answers with a redirect (302) to the client, carrying a code or an error.',
    auth: false,
    answer: { status: 200, description: 'The page again, with what was wrong' },
    errors: [400, 429],
  },
  {
    method: 'post',
    path: '/oauth/token',
    tag: 'OAuth',
    summary: 'Token endpoint (application/x-www-form-urlencoded): authorization_code or refresh_token',
    description: 'Refresh tokens rotate on every use; a reused one revokes every token of its grant.',
    auth: false,
    answer: { status: 200, description: 'An access token and a refresh token', schema: Metadata },
    errors: [400, 401],
  },
];

export const OPERATIONS: Operation[] = [
  ...ACCOUNT_AND_CHAT,
  ...TASKS,
  ...ACTIVITY_AND_SYNC,
  ...TOKENS_AND_APPS,
  ...OAUTH,
  ...SERVICE,
];
