import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types';
import { BASE, client, signup } from '../test/helpers';

/** The SDK's own client, speaking Streamable HTTP to the Worker's real fetch handler. */
async function connect(token?: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    fetch: (url, init) => exports.default.fetch(url, init),
  });
  const mcp = new Client({ name: 'test-client', version: '1.0.0' });
  await mcp.connect(transport);
  return mcp;
}

type TextResult = { content: { type: string; text: string }[]; isError?: boolean };
const output = (r: unknown) => JSON.parse((r as TextResult).content[0]!.text);

let token: string;
let mcp: Client;
beforeAll(async () => {
  token = (await signup('mcp')).token;
  mcp = await connect(token);
});

describe('MCP at /mcp', () => {
  it('lists the six agent tools with JSON Schema inputs and no user id', async () => {
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['add_task', 'complete_task', 'delete_task', 'get_task', 'list_tasks', 'update_task'].sort(),
    );
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toContain('user_id');
    }
    const add = tools.find((t) => t.name === 'add_task')!;
    expect(add.inputSchema.required).toEqual(['title']);
  });

  it('calls every tool against the same tasks the REST API sees', async () => {
    const rest = client(token);
    const added = output(await mcp.callTool({ name: 'add_task', arguments: { title: 'From MCP', priority: 'high' } })) as Task;
    expect(added).toMatchObject({ title: 'From MCP', priority: 'high', completed: false });
    expect(await (await rest.get(`/api/v1/tasks/${added.id}`)).json()).toEqual(added);

    const listed = output(await mcp.callTool({ name: 'list_tasks', arguments: {} })) as Task[];
    expect(listed.map((t) => t.id)).toContain(added.id);
    expect(output(await mcp.callTool({ name: 'get_task', arguments: { task_id: added.id } }))).toEqual(added);

    const updated = output(await mcp.callTool({ name: 'update_task', arguments: { task_id: added.id, title: 'Renamed over MCP', due_date: '2026-12-24T18:00:00+01:00' } })) as Task;
    expect(updated).toMatchObject({ title: 'Renamed over MCP', due_date: '2026-12-24T17:00:00.000Z' });
    expect(output(await mcp.callTool({ name: 'complete_task', arguments: { task_id: added.id } }))).toMatchObject({ completed: true });

    // A toggle through REST is what the next MCP read reports.
    await rest.patch(`/api/v1/tasks/${added.id}/toggle`);
    expect(output(await mcp.callTool({ name: 'get_task', arguments: { task_id: added.id } }))).toMatchObject({ completed: false });

    expect(output(await mcp.callTool({ name: 'delete_task', arguments: { task_id: added.id } }))).toMatchObject({ deleted: true });
    expect((await rest.get(`/api/v1/tasks/${added.id}`)).status).toBe(404);
  });

  it('returns bad arguments as tool errors and ignores an invented user_id', async () => {
    const bad = (await mcp.callTool({ name: 'add_task', arguments: { title: 42 } })) as TextResult;
    expect(bad.isError).toBe(true);
    expect(output(bad)).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'title' }] } });

    // A due date whose instant falls in year 10000 is refused like any bad argument.
    const far = (await mcp.callTool({ name: 'add_task', arguments: { title: 'far', due_date: '9999-12-31T23:59:00-12:00' } })) as TextResult;
    expect(far.isError).toBe(true);
    expect(output(far)).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'due_date' }] } });

    const other = await signup('victim');
    const mine = output(await mcp.callTool({ name: 'add_task', arguments: { title: 'mine', user_id: other.user.id } })) as Task;
    expect(mine.user_id).not.toBe(other.user.id);
    expect(await (await client(other.token).get('/api/v1/tasks')).json()).toEqual([]);
  });

  it('writes only if the task is unchanged when given if_updated_at, as REST does with If-Match', async () => {
    const rest = client(token);
    const task = (await (await rest.post('/api/v1/tasks', { title: 'Contended' })).json()) as Task;
    const edited = (await (await rest.patch(`/api/v1/tasks/${task.id}`, { title: 'Edited on the dashboard' })).json()) as Task;
    for (const [name, args] of [
      ['update_task', { title: 'From a stale view' }],
      ['complete_task', {}],
      ['delete_task', {}],
    ] as const) {
      const r = (await mcp.callTool({ name, arguments: { task_id: task.id, if_updated_at: task.updated_at, ...args } })) as TextResult;
      expect(r.isError, name).toBe(true);
      expect(output(r), name).toMatchObject({ error: { code: 'precondition_failed' } });
    }
    expect(await (await rest.get(`/api/v1/tasks/${task.id}`)).json()).toEqual(edited);
    const fresh = output(await mcp.callTool({ name: 'complete_task', arguments: { task_id: task.id, if_updated_at: edited.updated_at } })) as Task;
    expect(fresh).toMatchObject({ title: 'Edited on the dashboard', completed: true });
  });

  it("answers not found for another user's task and changes nothing", async () => {
    const other = client((await signup('other')).token);
    const theirs = (await (await other.post('/api/v1/tasks', { title: 'theirs' })).json()) as Task;
    for (const name of ['get_task', 'complete_task', 'delete_task']) {
      const r = (await mcp.callTool({ name, arguments: { task_id: theirs.id } })) as TextResult;
      expect(r.isError, name).toBe(true);
      expect(output(r)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await (await other.get(`/api/v1/tasks/${theirs.id}`)).json()).toEqual(theirs);
  });

  it('refuses a client without a valid token with 401', async () => {
    await expect(connect()).rejects.toThrow(/401|Unauthorized/i);
    await expect(connect('not-a-token')).rejects.toThrow(/401|Unauthorized/i);
    const res = await exports.default.fetch(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it("answers a malformed MCP request in the error envelope, with the transport's own reason", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      exports.default.fetch(`${BASE}/mcp`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
        body,
      });
    const broken = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'bad_request', message: 'Parse error' } });
    const wrongType = await post('{}', { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: { code: 'unsupported_media_type', message: expect.stringMatching(/Content-Type/i) } });
  });
});
