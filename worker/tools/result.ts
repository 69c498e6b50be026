import type { Task } from '../tasks/types';
import { TaskOutput, type ToolError } from './output';
import { isToolName, toolNamed, type ToolName, type ToolOutput, type ToolParsedInput } from './registry';
import type { ToolAction } from './tool';

/** A call that succeeded: `tool` tells which, and so the types of `input` and `output`. */
export type ToolSuccess<N extends ToolName = ToolName> = N extends ToolName
  ? { tool: N; input: ToolParsedInput<N>; ok: true; output: ToolOutput<N>; events?: string[] }
  : never;

/** A call that failed: bad input, an unknown tool or a domain error, as an `{error}` a model can read. */
export interface ToolFailure {
  tool: string;
  input: unknown;
  ok: false;
  output: { error: ToolError };
  events?: string[];
}

/** What `toolbox.call` answers. Narrow on `ok`, then on `tool`, to read the output with its type. */
export type ToolResult<N extends ToolName = ToolName> = ToolSuccess<N> | ToolFailure;

/**
 * A recorded call's output (from an earlier turn, say), read back through
 * the output schema of the tool `name`: undefined when the call went to
 * another tool, failed, or holds something else.
 */
export function outputOf<N extends ToolName>(action: ToolAction, name: N): ToolOutput<N> | undefined {
  if (action.tool !== name) return undefined;
  const parsed = toolNamed(name).output.safeParse(action.output);
  return parsed.success ? parsed.data : undefined;
}

/** The task a recorded call answered with, when its tool answers with one task (add, get, update, complete). */
export function taskOutputOf(action: ToolAction): Task | undefined {
  if (!isToolName(action.tool) || toolNamed(action.tool).output !== TaskOutput) return undefined;
  const parsed = TaskOutput.safeParse(action.output);
  return parsed.success ? parsed.data : undefined;
}
