import type { Agent, Progress } from '../agent/types';
import type { ToolAction } from '../tools/tool';
import { AppError } from '../lib/errors';
import { clip } from '../lib/text';
import type { TaskService } from '../tasks/service';
import { createToolbox } from '../tools';
import type { ConversationService } from './conversations';
import type { ChatInput } from './schema';

/** How many earlier messages an agent sees. */
export const HISTORY_LIMIT = 20;
const MAX_CONTENT = 2000;

export interface ChatReply {
  conversation_id: string;
  reply: string;
  actions: ToolAction[];
}

/** Passes progress on, noting whether any text came after the last action. */
function watchText(progress: Progress) {
  let text = false;
  return {
    progress: {
      action(action: ToolAction) {
        text = false;
        progress.action(action);
      },
      text(delta: string) {
        text = true;
        progress.text(delta);
      },
    } satisfies Progress,
    textSinceAction: () => text,
  };
}

/**
 * One chat turn. The user's message is stored before the agent runs, so an
 * upstream failure loses nothing typed; a resend of the same unanswered
 * message is treated as a retry, not a second message.
 */
export function createChatService(deps: { conversations: ConversationService; tasks: TaskService; agent: Agent }) {
  const { conversations, tasks, agent } = deps;

  return {
    /** With `progress`, the turn is reported as it happens (a streamed reply): actions, then the reply's text. */
    async send(userId: string, input: ChatInput, now: Date, progress?: Progress): Promise<ChatReply> {
      const { message, conversation_id: existing } = input;
      const started = existing === undefined;
      const { id } = started ? await conversations.start(userId, message) : await conversations.get(userId, existing);

      // A conversation created just now has no messages: no read for them.
      const stored = started ? [] : await conversations.recent(userId, id, HISTORY_LIMIT + 1);
      const last = stored.at(-1);
      const retry = last?.role === 'user' && last.content === message;
      if (!retry) await conversations.append(userId, id, [{ role: 'user', content: message }]);
      const history = (retry ? stored.slice(0, -1) : stored).slice(-HISTORY_LIMIT);

      const watch = progress && watchText(progress);
      let result;
      try {
        result = await agent.run({
          message,
          history: history.map((m) => ({ role: m.role, content: m.content, actions: m.actions, state: m.state })),
          toolbox: createToolbox(tasks.as('chat'), userId),
          clock: { now, timeZone: input.timezone ?? 'UTC' },
          progress: watch?.progress,
        });
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

      const reply = clip(result.reply.trim() || 'Done.', MAX_CONTENT);
      // An agent that wrote no text after its last action (the built-in one) sends its reply in one piece.
      if (watch && !watch.textSinceAction()) progress?.text(reply);
      await conversations.append(userId, id, [
        { role: 'assistant', content: reply, actions: result.actions, state: result.state ?? null },
      ]);
      return { conversation_id: id, reply, actions: result.actions };
    },
  };
}

