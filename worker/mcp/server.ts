import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Toolbox } from '../tools';
import { serveTools } from './tools';

/** An MCP server over the same toolbox the chat agents use; stateless, one per request. */
export function createMcpServer(toolbox: Toolbox): Server {
  const server = new Server({ name: 'unified-tasks', version: '1.0.0' }, { capabilities: { tools: {} } });
  serveTools(server, toolbox);
  return server;
}
