import { StreamableHTTPTransport } from '@hono/mcp';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createRouter } from '../app';
import { requireAuth } from '../middleware/auth';
import { createToolbox, inputJsonSchema, type Toolbox } from '../tools';

/** An MCP server over the same toolbox the chat agents use; stateless, one per request. */
function createMcpServer(toolbox: Toolbox): Server {
  const server = new Server({ name: 'unified-tasks', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: toolbox.tools.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: inputJsonSchema(t) as { type: 'object'; [key: string]: unknown },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const result = await toolbox.call(request.params.name, request.params.arguments ?? {});
    return {
      content: [{ type: 'text' as const, text: JSON.stringify(result.output) }],
      isError: !result.ok,
    };
  });
  return server;
}

export const mcpRoutes = createRouter()
  .use(requireAuth())
  .all('/', async (c) => {
    const server = createMcpServer(createToolbox(c.var.tasks, c.var.userId));
    // No sessions: every request carries its token, and JSON answers keep the
    // database connection's lifetime inside the request.
    const transport = new StreamableHTTPTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    return transport.handleRequest(c);
  });
