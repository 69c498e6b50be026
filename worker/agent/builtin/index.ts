import type { ToolResult } from '../../tools';
import type { Agent, AgentInput, AgentResult } from '../types';
import { dispatch } from './handlers';
import { createTurn, recorded, type Answer } from './handlers/turn';
import { parse } from './parse';

/** The reply with every tool call the turn made, what it remembers, and what it proposes. */
function finish({ reply, memory, pending }: Answer, results: readonly ToolResult[]): AgentResult {
  return {
    reply,
    actions: results.map(recorded),
    ...(memory ? { state: memory } : {}),
    ...(pending ? { pending } : {}),
  };
}

/**
 * The agent that answers when no model is configured: the message is parsed
 * into an intent by ordered rules (rules/), then answered by that intent's
 * handler (handlers/), acting only through the tools.
 */
export function createBuiltinAgent(): Agent {
  return {
    kind: 'builtin',
    async run({ message, history, toolbox, clock, progress }: AgentInput): Promise<AgentResult> {
      const { turn, actions } = createTurn(toolbox, history, clock, progress);
      const answer = await dispatch(parse(message, clock), turn);
      return finish(answer, actions);
    },
  };
}
