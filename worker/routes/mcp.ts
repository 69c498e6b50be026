import { StreamableHTTPTransport } from '@hono/mcp';
import { createRouter } from '../app';
import { badRequest } from '../lib/errors';
import { createMcpServer } from '../mcp/server';
import { requireAuth } from '../middleware/auth';
import { createToolbox } from '../tools';

/** The protocol version that removed JSON-RPC batching; later versions have none either. */
const NO_BATCHES_SINCE = '2025-06-18';
/** What a server assumes when a client sends no MCP-Protocol-Version header. */
const ASSUMED_VERSION = '2025-03-26';

type Message = { method?: unknown; params?: { protocolVersion?: unknown } } | null | undefined;

/** The version a batch is sent under: the header, or the version an initialize in it asks for. */
function batchVersion(header: string | undefined, batch: Message[]): string {
  if (header) return header;
  const init = batch.find((m) => m?.method === 'initialize');
  const asked = init?.params?.protocolVersion;
  return typeof asked === 'string' ? asked : ASSUMED_VERSION;
}

export const mcpRoutes = createRouter().post('/', requireAuth({ mcp: true }), async (c) => {
  // Parsed here to count tool calls and to see batches; a body that is not
  // JSON goes on to the transport, which answers it as a JSON-RPC parse error.
  const body: unknown = await c.req.json().catch(() => undefined);
  const messages = (Array.isArray(body) ? body : [body]) as Message[];
  if (Array.isArray(body)) {
    const version = batchVersion(c.req.header('MCP-Protocol-Version'), messages);
    if (version >= NO_BATCHES_SINCE) {
      throw badRequest(`JSON-RPC batches are not part of MCP ${version}; send one message per request`);
    }
  }
  const toolCalls = messages.filter((m) => m?.method === 'tools/call').length;
  if (toolCalls > 0) await c.var.limiter.check([['mcpToolUser', c.var.userId]], toolCalls);

  const server = createMcpServer(createToolbox(c.var.tasks.as('mcp'), c.var.userId), c.var.clock());
  // No sessions: every request carries its token, and JSON answers keep the
  // database connection's lifetime inside the request.
  const transport = new StreamableHTTPTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(c, body);
});
