import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type AnyTool, inputJsonSchema, parseInput, type Toolbox } from '../tools';

type JsonObject = { type: 'object'; [key: string]: unknown };

/**
 * The schema of a tool's `structuredContent`: its output schema, or for a
 * tool whose output is not an object, an object holding it under
 * `structuredAs`. Without `$schema`: MCP reads schemas as JSON Schema
 * 2020-12 by default, and the SDK client's validator refuses that URI.
 */
export function structuredSchema(tool: AnyTool): JsonObject {
  const shape = tool.structuredAs ? z.object({ [tool.structuredAs]: tool.output }) : tool.output;
  const { $schema: _, ...schema } = z.toJSONSchema(shape, { io: 'output' });
  return schema as JsonObject;
}

const structured = (tool: AnyTool, output: unknown) =>
  (tool.structuredAs ? { [tool.structuredAs]: output } : output) as Record<string, unknown>;

/** What tools/list says of one tool; the title goes in annotations too, for clients of 2025-03-26. */
export const listing = (tool: AnyTool): McpTool => ({
  name: tool.name,
  title: tool.title,
  description: tool.description,
  inputSchema: inputJsonSchema(tool) as JsonObject,
  outputSchema: structuredSchema(tool),
  annotations: { title: tool.title, ...tool.annotations },
});

/**
 * One tools/call. Arguments the tool's schema refuses, or a tool that does
 * not exist, are the caller's malformed request: JSON-RPC -32602, with the
 * same `{code, message, issues}` as the REST envelope in `data`. A call that
 * runs and fails (not found, a stale if_updated_at) is a tool result with
 * `isError`, which a model reads and acts on. Success carries
 * `structuredContent`; the text keeps the JSON older clients read.
 */
async function call(toolbox: Toolbox, name: string, args: unknown): Promise<CallToolResult> {
  const tool = toolbox.tools.find((t) => t.name === name);
  if (!tool) throw new McpError(ErrorCode.InvalidParams, `No tool named ${name}; tools/list names them`);
  const parsed = parseInput(tool, args);
  if (!parsed.ok) {
    throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for ${name}: ${parsed.error.message}`, parsed.error);
  }
  const result = await toolbox.call(name, args);
  const content = [{ type: 'text' as const, text: JSON.stringify(result.output) }];
  // An error has no structuredContent: clients check any they get against the
  // tool's outputSchema, which describes success. The error is in the text.
  if (!result.ok) return { content, isError: true };
  return { content, structuredContent: structured(tool, result.output) };
}

/**
 * tools/call read loosely: with the SDK's own schema, arguments that are not
 * an object fail the parse before any handler and answer -32603 (internal
 * error). Read like this, they reach the Server's check of the full request,
 * which answers -32602 as it should.
 */
const LooseToolCall = z.object({
  method: z.literal('tools/call'),
  params: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
});

export function serveTools(server: Server, toolbox: Toolbox) {
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolbox.tools.map(listing) }));
  server.setRequestHandler(LooseToolCall, (request) =>
    call(toolbox, request.params.name, request.params.arguments ?? {}),
  );
}
