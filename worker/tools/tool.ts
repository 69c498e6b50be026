import type { z } from 'zod';
import type { TaskService } from '../tasks/service';

/** One tool call as the chat records it: what was asked and what came back. */
export interface ToolAction {
  tool: string;
  input: unknown;
  output: unknown;
  /** The change-log events the call recorded (ids), when it changed something. */
  events?: string[];
}

/** What a tool's handler gets: the task service already bound to the token's user. */
export interface ToolContext {
  tasks: TaskService;
  userId: string;
}

/**
 * One agent tool, defined once for the chat agents and MCP. No tool takes a
 * user id: the user is bound into the context when the toolbox is created.
 * `output` describes what `run` resolves to on success, so callers read a
 * result without guessing its shape and MCP can publish it.
 */
export interface Tool<
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
  Name extends string = string,
> {
  name: Name;
  description: string;
  input: Input;
  output: Output;
  run(ctx: ToolContext, input: z.output<Input>): Promise<z.output<Output>>;
}

export const defineTool = <Input extends z.ZodType, Output extends z.ZodType, const Name extends string>(
  tool: Tool<Input, Output, Name>,
) => tool;
