import { z } from 'zod';
import type { Tool } from './tool';

export { TOOLS, type AnyTool, type ToolInput, type ToolName, type ToolOutput } from './registry';
export { outputOf, taskOutputOf, type ToolFailure, type ToolResult, type ToolSuccess } from './result';
export { createToolbox, parseInput, type Toolbox } from './toolbox';
export { TaskOutput } from './output';

/** A tool's input as JSON Schema, for OpenAI function calling and MCP's tools/list. */
export const inputJsonSchema = (tool: Pick<Tool, 'input'>) =>
  z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** What a tool answers with on success, as JSON Schema: MCP publishes it as the tool's `outputSchema`. */
export const outputJsonSchema = (tool: Pick<Tool, 'output'>) =>
  z.toJSONSchema(tool.output, { io: 'output' }) as Record<string, unknown>;
