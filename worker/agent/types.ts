import type { ToolAction } from '../tools/tool';
import type { Toolbox } from '../tools';
import type { ZonedClock } from '../lib/time-zone';

export type { ZonedClock };

/** A past message as an agent sees it: what was said, what ran, and what the agent noted for itself. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
  actions: ToolAction[] | null;
  state: unknown;
}

export interface AgentInput {
  message: string;
  history: HistoryMessage[];
  toolbox: Toolbox;
  clock: ZonedClock;
}

export interface AgentResult {
  reply: string;
  /** Every tool call that ran, in order, with its real result. */
  actions: ToolAction[];
  /** Private memory stored with the reply (the built-in agent's numbered listing). */
  state?: unknown;
}

export interface Agent {
  kind: 'builtin' | 'openai';
  run(input: AgentInput): Promise<AgentResult>;
}
