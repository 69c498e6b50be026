/** The name the app gets in an MCP client's configuration. */
export const SERVER_NAME = 'tasks';

/** A double-quoted shell word: the token is base64url, but the URL could hold anything. */
const shellQuote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

/**
 * Ready-to-paste configuration for connecting an MCP client to this app's
 * /mcp with a personal access token: the JSON most clients read, Claude
 * Code's command, and the MCP Inspector's CLI (which lists the tools).
 */
export function mcpConfigs(origin: string, token: string) {
  const url = `${origin.replace(/\/+$/, '')}/mcp`;
  const header = `Authorization: Bearer ${token}`;
  const json = {
    mcpServers: { [SERVER_NAME]: { type: 'http', url, headers: { Authorization: `Bearer ${token}` } } },
  };
  return {
    json: JSON.stringify(json, null, 2),
    claude: `claude mcp add --transport http ${SERVER_NAME} ${shellQuote(url)} --header ${shellQuote(header)}`,
    inspector: `npx @modelcontextprotocol/inspector --cli ${shellQuote(url)} --transport http --header ${shellQuote(header)} --method tools/list`,
  };
}
