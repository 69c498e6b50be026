import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Toolbox } from '../tools';
import { servePrompts } from './prompts';
import { serveResources } from './resources';
import { serveTools } from './tools';

/**
 * An MCP server over the same toolbox the chat agents use: its tools, today's
 * agenda as a resource, and prompts built on both. Stateless, one per request;
 * `now` is the request's clock reading, so "today" is the app's today.
 */
export function createMcpServer(toolbox: Toolbox, now: Date): Server {
  const server = new Server(
    { name: 'unified-tasks', version: '1.0.0' },
    { capabilities: { tools: {}, resources: {}, prompts: {} } },
  );
  serveTools(server, toolbox);
  serveResources(server, toolbox, now);
  servePrompts(server, toolbox, now);
  return server;
}
