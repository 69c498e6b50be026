import type { ZonedClock } from '../../../lib/time-zone';
import type { ToolFailure, ToolInput, ToolName, ToolResult, Toolbox } from '../../../tools';
import type { PlannedAction } from '../../../chat/types';
import type { HistoryMessage, Progress } from '../../types';
import type { ToolAction } from '../../../tools/tool';
import { recall, type Memory, type Recall } from '../memory';
import type { Intent, IntentType } from '../rules';

/** What a handler answers: the reply, and what to remember with it for the next turns. */
export interface Answer {
  reply: string;
  memory?: Memory;
  /** Actions to propose instead of running: they wait for the user's confirmation. */
  pending?: PlannedAction[];
}

/** One turn of the conversation, as a handler sees it. */
export interface Turn {
  readonly clock: ZonedClock;
  /** What earlier turns left for this one. */
  readonly recall: Recall;
  /** Runs a tool; every call is recorded, to be reported with the reply and undone by "undo". */
  call<N extends ToolName>(name: N, input: ToolInput<N>): Promise<ToolResult<N>>;
}

export type Handler<K extends IntentType> = (
  intent: Extract<Intent, { type: K }>,
  turn: Turn,
) => Promise<Answer> | Answer;
/** Handlers for some intents, as one file of handlers exports them. */
export type Handlers<K extends IntentType> = { [P in K]: Handler<P> };

/** A tool call as the chat records and reports it. */
export const recorded = ({ tool, input, output, events }: ToolResult): ToolAction =>
  events ? { tool, input, output, events } : { tool, input, output };

export function createTurn(
  toolbox: Toolbox,
  history: readonly HistoryMessage[],
  clock: ZonedClock,
  progress?: Progress,
) {
  const actions: ToolResult[] = [];
  const turn: Turn = {
    clock,
    recall: recall(history),
    async call(name, input) {
      const result = await toolbox.call(name, input);
      actions.push(result);
      progress?.action(recorded(result));
      return result;
    },
  };
  return { turn, actions };
}

export function failed({ output: { error } }: ToolFailure): string {
  if (error.code === 'not_found') return 'That task no longer exists.';
  return `I couldn’t do that: ${error.message}.`;
}
