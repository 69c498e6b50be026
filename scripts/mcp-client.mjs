// A minimal MCP client: lists the tools, then calls one.
//   TOKEN=... node scripts/mcp-client.mjs                       # lists tools and tasks
//   TOKEN=... node scripts/mcp-client.mjs add_task '{"title":"From MCP"}'
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(process.env.MCP_URL ?? `http://localhost:${process.env.PORT ?? 8787}/mcp`);
if (!process.env.TOKEN) {
  console.error('Set TOKEN to a JWT from /api/v1/auth/login');
  process.exit(1);
}
const transport = new StreamableHTTPClientTransport(url, {
  requestInit: { headers: { Authorization: `Bearer ${process.env.TOKEN}` } },
});
const client = new Client({ name: 'tasks-cli', version: '1.0.0' });
await client.connect(transport);

const [tool = 'list_tasks', args = '{}'] = process.argv.slice(2);
if (process.argv.length <= 2) {
  const { tools } = await client.listTools();
  console.log('tools:', tools.map((t) => t.name).join(', '));
}
const result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
console.log(result.content[0].text);
await client.close();
