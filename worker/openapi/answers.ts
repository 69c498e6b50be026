import { z } from 'zod';
import type { ConnectedApp, PersonalToken, User } from '../auth/types';
import type { ChatReply } from '../chat/service';
import type { Conversation, Message, Pending } from '../chat/types';
import { TaskOutput } from '../tools/output';
import { PRIORITIES, SOURCES, TASK_ACTIONS, type SyncResult, type TaskEvent } from '../tasks/types';

/**
 * What the REST routes answer with, as zod schemas for the OpenAPI document.
 * `satisfies` ties each to the domain type the route returns, so a field
 * added there and missing here fails to compile instead of going undocumented.
 */

const Instant = z.string().describe('An ISO 8601 instant in UTC, with milliseconds');

export const UserOutput = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), created_at: Instant })
  .describe('An account, without its password') satisfies z.ZodType<User>;

export const SessionOutput = z.object({
  token: z.string().describe('A Bearer token for the API and /mcp'),
  user: UserOutput,
});

/** GET /auth/me: the account, or for a token minted elsewhere only what its claims say. */
export const MeOutput = z.object({
  user: z.union([
    UserOutput,
    z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), created_at: z.null() }),
  ]),
});

const Change = <T extends z.ZodType>(value: T) => z.object({ from: value.nullable(), to: value.nullable() });

export const TaskEventOutput = z
  .object({
    id: z.string(),
    version: z.number().int().describe("The user's version after this change"),
    task_id: z.string(),
    action: z.enum(TASK_ACTIONS),
    source: z.enum(SOURCES).describe('Which interface made the change'),
    changes: z
      .object({
        title: Change(z.string()).optional(),
        description: Change(z.string()).optional(),
        priority: Change(z.enum(PRIORITIES)).optional(),
        due_date: Change(z.string()).optional(),
        completed: Change(z.boolean()).optional(),
      })
      .describe('Each field the change touched, from and to'),
    task: TaskOutput.describe('The task after the change (before it, for deleted)'),
    at: Instant,
  })
  .describe('One entry of the change log') satisfies z.ZodType<TaskEvent>;

export const UndoOutput = z.object({
  undone: TaskEventOutput.describe('The change that was reversed'),
  event: TaskEventOutput.describe('The change that reversed it'),
});

export const SyncOutput = z.object({
  version: z.number().int().describe("The user's version now: send it as since next time"),
  tasks: z.array(TaskOutput).describe('Tasks changed since, as they are now (every task when full)'),
  deleted: z.array(z.string()).describe('Ids deleted since'),
  full: z.boolean().describe('true when this is the whole list rather than a delta'),
}) satisfies z.ZodType<SyncResult>;

const Action = z.object({
  tool: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  events: z.array(z.string()).optional().describe('The change-log events the call recorded'),
});

const PendingOutput = z
  .object({
    id: z.string(),
    actions: z.array(z.object({ tool: z.string(), input: z.unknown(), summary: z.string() })),
    expires_at: Instant,
  })
  .describe('Actions waiting for the user to confirm them') satisfies z.ZodType<Pending>;

export const ChatOutput = z.object({
  conversation_id: z.string(),
  reply: z.string(),
  actions: z.array(Action).describe('The tool calls the agent made, with what each answered'),
  pending: PendingOutput.optional(),
}) satisfies z.ZodType<ChatReply>;

export const ConversationOutput = z.object({
  id: z.string(),
  user_id: z.string(),
  title: z.string(),
  created_at: Instant,
  updated_at: Instant,
}) satisfies z.ZodType<Conversation>;

export const MessageOutput = z.object({
  id: z.string(),
  conversation_id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  actions: z.array(Action).nullable(),
  pending: PendingOutput.nullable(),
  created_at: Instant,
}) satisfies z.ZodType<Omit<Message, 'state'>>;

export const HealthOutput = z.object({ ok: z.literal(true), database: z.enum(['d1', 'postgres']) });

export const TicketOutput = z.object({
  ticket: z.string().describe('Single-use and short-lived: open GET /api/v1/live?ticket=… as a WebSocket with it'),
});

/** The one error envelope every failure answers with. */
export const ErrorEnvelope = z
  .object({
    error: z
      .object({
        code: z.string().describe('Stable and machine-readable: validation_error, not_found, rate_limited, …'),
        message: z.string().describe('For people'),
        issues: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .describe('With validation_error: each field that was refused, and why'),
      })
      .loose(),
  })
  .describe('Every error, whatever the route');

export const PersonalTokenOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: Instant,
    expires_at: Instant.nullable(),
    last_used_at: Instant.nullable().describe('Updated at most once a minute'),
  })
  .describe('A personal access token, without its secret') satisfies z.ZodType<PersonalToken>;

export const CreatedTokenOutput = PersonalTokenOutput.extend({
  token: z.string().describe('The secret (utk_pat_…): shown in this answer only, never again'),
});

export const ConnectedAppOutput = z
  .object({
    id: z.string(),
    client_id: z.string(),
    client_name: z.string(),
    scope: z.string(),
    created_at: Instant,
    last_used_at: Instant.nullable(),
  })
  .describe('An OAuth client the user approved') satisfies z.ZodType<ConnectedApp>;
