import { AppError } from '../lib/errors';
import { toIssues } from '../lib/validate';
import type { TaskService } from '../tasks/service';
import type { ToolError } from './output';
import { TOOLS, type AnyTool, type ToolInput, type ToolName } from './registry';
import type { ToolResult } from './result';
import type { Tool, ToolContext } from './tool';

/**
 * The tools bound to one user. `call` validates the input with the tool's
 * schema and never throws for bad input or a domain error: both come back
 * as an `{error}` output, so a model can read it and try again.
 */
export interface Toolbox {
  tools: readonly AnyTool[];
  /** With a tool's own name (the built-in agent), input and result are typed for that tool. */
  call<N extends ToolName>(name: N, input: ToolInput<N>): Promise<ToolResult<N>>;
  /** With a name from outside (a model, an MCP client), anything may come back. */
  call(name: string, input: unknown): Promise<ToolResult>;
}

const failure = (tool: string, input: unknown, error: ToolError) => ({
  tool,
  input,
  ok: false as const,
  output: { error },
});

/** A call's arguments read through the tool's schema: what it runs with, or why it cannot run. */
export function parseInput(tool: Pick<Tool, 'input'>, input: unknown) {
  const parsed = tool.input.safeParse(input);
  if (parsed.success) return { ok: true as const, data: parsed.data as unknown };
  const issues = toIssues(parsed.error, 'tool');
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { ok: false as const, error: { code: 'validation_error', message, issues } satisfies ToolError };
}

async function invoke(tool: Tool, ctx: ToolContext, input: unknown) {
  const parsed = parseInput(tool, input);
  if (!parsed.ok) return failure(tool.name, input, parsed.error);
  try {
    return { tool: tool.name, input: parsed.data, ok: true as const, output: await tool.run(ctx, parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return failure(tool.name, parsed.data, err.toJSON().error);
    console.error(`tool ${tool.name} failed:`, err);
    return failure(tool.name, parsed.data, { code: 'internal_error', message: 'The tool failed unexpectedly' });
  }
}

export function createToolbox(tasks: TaskService, userId: string): Toolbox {
  // Erased to Tool: each tool's run returns its own output type, which is what the typed overload promises.
  const byName = new Map<string, Tool>(TOOLS.map((t) => [t.name, t]));
  async function call<N extends ToolName>(name: N, input: ToolInput<N>): Promise<ToolResult<N>>;
  async function call(name: string, input: unknown): Promise<ToolResult>;
  async function call(name: string, rawInput: unknown) {
    const tool = byName.get(name);
    const input = rawInput ?? {};
    if (!tool) return failure(name, input, new AppError(400, 'unknown_tool', `No tool named ${name}`).toJSON().error);
    // The change-log events this call recorded, so the chat can undo exactly them later.
    const events: string[] = [];
    const result = await invoke(tool, { tasks: tasks.observing((e) => events.push(e.id)), userId }, input);
    return events.length ? { ...result, events } : result;
  }
  return { tools: TOOLS, call };
}
