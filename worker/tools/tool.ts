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
 * What a client may assume about a tool before running it (MCP's tool
 * annotations): whether it only reads, whether it may overwrite or remove
 * what the user wrote, whether the same call twice does anything more. Every
 * tool acts only on the user's own task list, never on the world outside.
 */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: false;
}

/** A tool that only reads: repeating it changes nothing. */
export const READS: ToolHints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** A tool that writes: say whether it may lose what the user wrote and whether a repeat does more. */
export const writes = (hints: { destructive: boolean; idempotent: boolean }): ToolHints => ({
  readOnlyHint: false,
  destructiveHint: hints.destructive,
  idempotentHint: hints.idempotent,
  openWorldHint: false,
});

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
  /** A short human name, for a client's confirmation prompt or tool picker. */
  title: string;
  description: string;
  annotations: ToolHints;
  /**
   * MCP's structured results must be JSON objects: a tool whose output is
   * not one (a list) is published to MCP under this key.
   */
  structuredAs?: string;
  input: Input;
  output: Output;
  run(ctx: ToolContext, input: z.output<Input>): Promise<z.output<Output>>;
}

export const defineTool = <Input extends z.ZodType, Output extends z.ZodType, const Name extends string>(
  tool: Tool<Input, Output, Name>,
) => tool;
