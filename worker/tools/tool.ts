import type { z } from 'zod';
import type { TaskService } from '../tasks/service';

/** One tool call as the chat records it: what was asked and what came back. */
export interface ToolAction {
  tool: string;
  input: unknown;
  output: unknown;
}

/** What a tool's handler gets: the task service already bound to the token's user. */
export interface ToolContext {
  tasks: TaskService;
  userId: string;
}

/**
 * One agent tool, defined once for the chat agents and MCP. No tool takes a
 * user id: the user is bound into the context when the toolbox is created.
 */
export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  run(ctx: ToolContext, input: z.output<S>): Promise<unknown>;
}

export const defineTool = <S extends z.ZodType>(tool: Tool<S>) => tool;
