import type { Agent, AgentResult, Progress } from '../agent/types';
import { AppError } from '../lib/errors';
import { clip } from '../lib/text';
import type { TaskService } from '../tasks/service';
import { createToolbox } from '../tools';
import type { ToolAction } from '../tools/tool';
import { answerOf } from './answers';
import type { ConversationService } from './conversations';
import { runPlanned } from './planned';
import type { ChatInput } from './schema';
import type { Pending } from './types';

/** How many earlier messages an agent sees. */
export const HISTORY_LIMIT = 20;
const MAX_CONTENT = 2000;
/** How long proposed actions wait for the user's confirmation. */
export const PENDING_TTL_MS = 10 * 60_000;

export interface ChatReply {
  conversation_id: string;
  reply: string;
  actions: ToolAction[];
  /** Actions the agent proposes instead of running them: they run only on the user's `confirm`. */
  pending?: Pending;
}

/** Passes progress on, noting whether any text came after the last action. */
function watchText(progress: Progress | undefined) {
  let text = false;
  return {
    progress: progress && {
      action(action: ToolAction) {
        text = false;
        progress.action(action);
      },
      text(delta: string) {
        text = true;
        progress.text(delta);
      },
    },
    /** Sends the reply in one piece if nothing streamed it after the last action (the built-in agent). */
    finish(reply: string) {
      if (progress && !text) progress.text(reply);
    },
  };
}

/** A chat request as the service takes it: the body, and the reader's locale (from `Accept-Language`). */
export type ChatRequest = ChatInput & { locale?: string };

type Deps = { conversations: ConversationService; tasks: TaskService; agent: Agent };

/**
 * One chat turn. The user's message is stored before the agent runs, so an
 * upstream failure loses nothing typed; a resend of the same unanswered
 * message is treated as a retry, not a second message. Actions an agent only
 * proposes wait, stored, for the user's confirm (the request's `confirm`, or
 * a message such as "yes"); any other message drops them.
 */
export function createChatService({ conversations, tasks, agent }: Deps) {
  const toolboxFor = (userId: string) => createToolbox(tasks.as('chat'), userId);

  /** Answers a proposal: runs it on yes, drops it on no; `said` is the user's words for the transcript. */
  async function answer(
    userId: string,
    id: string,
    set: Pending,
    yes: boolean,
    said: string | null,
    progress?: Progress,
  ) {
    if (said !== null) await conversations.append(userId, id, [{ role: 'user', content: said }]);
    const watch = watchText(progress);
    const { reply, actions } = yes
      ? await runPlanned(toolboxFor(userId), set.actions, watch.progress)
      : { reply: 'Cancelled: nothing was changed.', actions: [] };
    watch.finish(reply);
    await conversations.append(userId, id, [{ role: 'assistant', content: reply, actions }]);
    return { conversation_id: id, reply, actions };
  }

  /** Stores what the agent said (and proposed) and answers with it. */
  async function reply(userId: string, id: string, result: AgentResult, now: Date, finish: (r: string) => void) {
    const text = clip(result.reply.trim() || 'Done.', MAX_CONTENT);
    finish(text);
    const pending = result.pending?.length
      ? {
          id: crypto.randomUUID(),
          actions: result.pending,
          expires_at: new Date(now.getTime() + PENDING_TTL_MS).toISOString(),
        }
      : undefined;
    if (pending) await conversations.propose(userId, id, pending);
    await conversations.append(userId, id, [
      {
        role: 'assistant',
        content: text,
        actions: result.actions,
        pending: pending ?? null,
        state: result.state ?? null,
      },
    ]);
    return { conversation_id: id, reply: text, actions: result.actions, ...(pending ? { pending } : {}) };
  }

  async function talk(userId: string, input: ChatRequest & { message: string }, now: Date, progress?: Progress) {
    const { message, conversation_id: existing } = input;
    const started = existing === undefined;
    const { id } = started ? await conversations.start(userId, message) : await conversations.get(userId, existing);

    // A "yes" or "no" answers what is waiting; any other message drops it.
    const waiting = started ? null : await conversations.waiting(userId, id);
    const said = waiting && answerOf(message);
    if (waiting && said) {
      const set = await conversations.settle(userId, id, waiting.id, said === 'yes' ? 'confirm' : 'cancel');
      return answer(userId, id, set, said === 'yes', message, progress);
    }
    if (waiting) await conversations.dropWaiting(userId, id);

    // A conversation created just now has no messages: no read for them.
    const stored = started ? [] : await conversations.recent(userId, id, HISTORY_LIMIT + 1);
    const last = stored.at(-1);
    const retry = last?.role === 'user' && last.content === message;
    if (!retry) await conversations.append(userId, id, [{ role: 'user', content: message }]);
    const history = (retry ? stored.slice(0, -1) : stored).slice(-HISTORY_LIMIT);

    const watch = watchText(progress);
    try {
      const result = await agent.run({
        message,
        history: history.map((m) => ({ role: m.role, content: m.content, actions: m.actions, state: m.state })),
        toolbox: toolboxFor(userId),
        clock: { now, timeZone: input.timezone ?? 'UTC', locale: input.locale },
        progress: watch.progress,
      });
      return await reply(userId, id, result, now, watch.finish);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Tool calls that ran before the model failed really happened: keep them on record.
      const ran = (err.details?.actions as ToolAction[] | undefined) ?? [];
      if (ran.length) {
        await conversations.append(userId, id, [
          { role: 'assistant', content: `${err.message}. These actions had already run.`, actions: ran },
        ]);
      }
      throw err.withDetails({ conversation_id: id, actions: ran });
    }
  }

  return {
    /** With `progress`, the turn is reported as it happens (a streamed reply): actions, then the reply's text. */
    async send(userId: string, input: ChatRequest, now: Date, progress?: Progress): Promise<ChatReply> {
      const pendingId = input.confirm ?? input.cancel;
      if (pendingId === undefined) return talk(userId, { ...input, message: input.message! }, now, progress);
      const { id } = await conversations.get(userId, input.conversation_id!);
      const yes = input.confirm !== undefined;
      const set = await conversations.settle(userId, id, pendingId, yes ? 'confirm' : 'cancel');
      return answer(userId, id, set, yes, yes ? 'Yes, go ahead.' : 'No, cancel that.', progress);
    },
  };
}
