import type { PlannedAction } from '../chat/types';
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

/** Where a streamed turn goes as it happens: each tool call once it has finished, and the reply's text. */
export interface Progress {
  action(action: ToolAction): void;
  text(delta: string): void;
}

export interface AgentInput {
  message: string;
  history: HistoryMessage[];
  toolbox: Toolbox;
  clock: ZonedClock;
  /** Set when the client streams the turn; an agent reports to it as it goes. */
  progress?: Progress;
}

export interface AgentResult {
  reply: string;
  /** Every tool call that ran, in order, with its real result. */
  actions: ToolAction[];
  /** Private memory stored with the reply (the built-in agent's numbered listing). */
  state?: unknown;
  /** Actions proposed instead of run: they wait for the user's confirmation. */
  pending?: PlannedAction[];
}

export interface Agent {
  kind: 'builtin' | 'openai';
  run(input: AgentInput): Promise<AgentResult>;
}
