import { describe, expect, it } from 'vitest';
import { mcpConfigs } from './mcp-config';

describe('MCP client configuration', () => {
  const token = 'utk_pat_abc-DEF_123';
  const c = mcpConfigs('https://tasks.example.com/', token);

  it('points every client at /mcp with the token as a Bearer header', () => {
    expect(JSON.parse(c.json)).toEqual({
      mcpServers: {
        tasks: { type: 'http', url: 'https://tasks.example.com/mcp', headers: { Authorization: `Bearer ${token}` } },
      },
    });
    expect(c.claude).toBe(
      `claude mcp add --transport http tasks "https://tasks.example.com/mcp" --header "Authorization: Bearer ${token}"`,
    );
    expect(c.inspector).toBe(
      `npx @modelcontextprotocol/inspector --cli "https://tasks.example.com/mcp" --transport http --header "Authorization: Bearer ${token}" --method tools/list`,
    );
  });

  it('quotes what a shell would otherwise expand', () => {
    expect(mcpConfigs('http://h/$(rm -rf)`x`"', 't').claude).toContain('"http://h/\\$(rm -rf)\\`x\\`\\"/mcp"');
  });
});
