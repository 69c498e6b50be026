import { z } from 'zod';
import type { ToolAction } from './tool';
import { AppError } from '../lib/errors';
import { toIssues } from '../lib/validate';
import type { TaskService } from '../tasks/service';
import { addTask } from './add-task';
import { completeTask } from './complete-task';
import { deleteTask } from './delete-task';
import { getTask } from './get-task';
import { listTasks } from './list-tasks';
import type { Tool } from './tool';
import { updateTask } from './update-task';

export const TOOLS: Tool[] = [addTask, listTasks, getTask, updateTask, completeTask, deleteTask] as Tool[];

export interface ToolResult extends ToolAction {
  ok: boolean;
}

/** A tool's input as JSON Schema, for OpenAI function calling and MCP's tools/list. */
export const inputJsonSchema = (tool: Tool) =>
  z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

const errorOutput = (err: AppError) => ({ error: err.toJSON().error });

/**
 * The tools bound to one user. `call` validates the input with the tool's
 * schema and never throws for bad input or a domain error: both come back
 * as an `{error}` output, so a model can read it and try again.
 */
export function createToolbox(tasks: TaskService, userId: string) {
  const byName = new Map(TOOLS.map((t) => [t.name, t]));
  return {
    tools: TOOLS,
    async call(name: string, rawInput: unknown): Promise<ToolResult> {
      const tool = byName.get(name);
      const input = rawInput ?? {};
      if (!tool) {
        return { tool: name, input, ok: false, output: errorOutput(new AppError(400, 'unknown_tool', `No tool named ${name}`)) };
      }
      const parsed = tool.input.safeParse(input);
      if (!parsed.success) {
        const issues = toIssues(parsed.error, 'tool');
        const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
        return { tool: name, input, ok: false, output: { error: { code: 'validation_error', message, issues } } };
      }
      try {
        return { tool: name, input: parsed.data, ok: true, output: await tool.run({ tasks, userId }, parsed.data) };
      } catch (err) {
        if (err instanceof AppError) return { tool: name, input: parsed.data, ok: false, output: errorOutput(err) };
        console.error(`tool ${name} failed:`, err);
        return {
          tool: name,
          input: parsed.data,
          ok: false,
          output: { error: { code: 'internal_error', message: 'The tool failed unexpectedly' } },
        };
      }
    },
  };
}
export type Toolbox = ReturnType<typeof createToolbox>;
