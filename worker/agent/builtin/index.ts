import type { ToolResult } from '../../tools';
import type { Agent, AgentInput, AgentResult } from '../types';
import { dispatch } from './handlers';
import { createTurn, recorded, type Answer } from './handlers/turn';
import { parse } from './parse';
import { undoSteps } from './undo-steps';

/** The reply with every tool call the turn made, and its memory plus how to undo what those calls changed. */
function finish({ reply, memory }: Answer, results: readonly ToolResult[]): AgentResult {
  const actions = results.map(recorded);
  const undo = undoSteps(results);
  const state = undo.length ? { ...memory, undo } : memory;
  return { reply, actions, ...(state ? { state } : {}) };
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
