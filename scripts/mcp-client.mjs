// A minimal MCP client: lists the tools, then calls one.
//   TOKEN=... node scripts/mcp-client.mjs                       # lists tools and tasks
//   TOKEN=... node scripts/mcp-client.mjs add_task '{"title":"From MCP"}'
// It talks to MCP_URL, else http://localhost:$PORT/mcp (PORT as for npm start, default 8787).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** Stops with one line a person can act on, never a stack trace. */
function fail(message) {
  console.error(`mcp-client: ${message}`);
  process.exit(1);
}

function parseArgs(text) {
  try {
    return JSON.parse(text);
  } catch {
    return fail(`the arguments must be JSON, e.g. '{"title":"From MCP"}', not ${text}`);
  }
}

/** What went wrong, in words: nothing listening, a refused token, or the server's own message. */
function explain(err, url) {
  const code = err?.cause?.code ?? err?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || /fetch failed/.test(String(err?.message))) {
    return `nothing answers at ${url} (${code ?? 'no connection'}). Is the app running (npm start)? Set MCP_URL or PORT to reach it elsewhere.`;
  }
  if (/\b401\b|Unauthorized/i.test(String(err?.message)))
    return `${url} refused the token (401): log in again for a fresh TOKEN.`;
  return `${url}: ${err?.message ?? err}`;
}

const url = process.env.MCP_URL || `http://localhost:${process.env.PORT || 8787}/mcp`;
if (!URL.canParse(url)) fail(`MCP_URL is not a URL: ${url}`);
if (!process.env.TOKEN) fail('set TOKEN to a token from POST /api/v1/auth/login');
const [tool = 'list_tasks', rawArgs = '{}'] = process.argv.slice(2);
const args = parseArgs(rawArgs);

const client = new Client({ name: 'tasks-cli', version: '1.0.0' });
try {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${process.env.TOKEN}` } },
  });
  await client.connect(transport);
  if (process.argv.length <= 2) {
    const { tools } = await client.listTools();
    console.log('tools:', tools.map((t) => t.name).join(', '));
  }
  const result = await client.callTool({ name: tool, arguments: args });
  console.log(result.content[0].text);
  await client.close();
} catch (err) {
  fail(explain(err, url));
}
