import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolName } from '../tools';
import { api, BASE, jsonOf, outputIn, signup, world, type Api } from '../test/helpers';

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

/** What every tool call answers: its output (or its error) as JSON text, and on success the same as structuredContent. */
const ToolResult = z.object({
  content: z.array(z.object({ type: z.literal('text'), text: z.string() })).length(1),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
});
const result = (r: unknown) => ToolResult.parse(r);
/** The JSON a tool call answered with, an error included. */
const output = (r: unknown): unknown => JSON.parse(result(r).content[0]!.text);
/**
 * A successful call's output, read through the tool's output schema: its
 * structuredContent (which the SDK client has already checked against the
 * tool's outputSchema), the same as the text older clients read.
 */
function outputOfCall<N extends ToolName>(r: unknown, name: N) {
  const { structuredContent, isError } = result(r);
  expect(isError).toBeFalsy();
  const structured = name === 'list_tasks' ? structuredContent?.tasks : structuredContent;
  expect(structured).toEqual(output(r));
  return outputIn({ tool: name, input: {}, output: structured }, name);
}
/** A JSON-RPC error from tools/call, as the SDK client throws it. */
async function rpcError(call: Promise<unknown>) {
  const err = await call.then(
    () => expect.fail('the call should have been refused'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  return err as McpError;
}
const getTask = (c: Api, id: string) => c.api.v1.tasks[':id'].$get({ param: { id } });
const listTasks = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: {} }), 200);

let token: string;
let mcp: Client;
beforeAll(async () => {
  token = (await signup('mcp')).token;
  mcp = await connect(token);
  // The client checks structuredContent against the outputSchemas it has listed.
  await mcp.listTools();
});

/** What each tool promises, as a client reads it before running it. */
const HINTS: Record<ToolName, [title: string, readOnly: boolean, destructive: boolean, idempotent: boolean]> = {
  add_task: ['Add a task', false, false, false],
  list_tasks: ['List tasks', true, false, true],
  get_task: ['Show a task', true, false, true],
  update_task: ['Edit a task', false, true, true],
  complete_task: ['Complete or reopen a task', false, false, true],
  delete_task: ['Delete a task', false, true, true],
  undo_change: ['Undo a change', false, true, true],
};

/** Every property schema under `schema`, with its path, nested objects and array items included. */
function properties(schema: unknown, path = ''): [string, Record<string, unknown>][] {
  const s = schema as { properties?: Record<string, Record<string, unknown>>; items?: unknown };
  const own = Object.entries(s.properties ?? {}).flatMap(([key, sub]) => [
    [`${path}${key}`, sub] as [string, Record<string, unknown>],
    ...properties(sub, `${path}${key}.`),
  ]);
  return s.items ? [...own, ...properties(s.items, `${path}[].`)] : own;
}

describe('MCP at /mcp', () => {
  it('lists the agent tools with titles, annotations, described inputs and no user id', async () => {
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.keys(HINTS));
    for (const tool of tools) {
      const [title, readOnlyHint, destructiveHint, idempotentHint] = HINTS[tool.name as ToolName];
      expect(tool.title, tool.name).toBe(title);
      expect(tool.annotations, tool.name).toEqual({
        title,
        readOnlyHint,
        destructiveHint,
        idempotentHint,
        openWorldHint: false,
      });
      expect(tool.inputSchema.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toContain('user_id');
      const inputs = properties(tool.inputSchema);
      for (const [path, property] of inputs) {
        expect(property.description, `${tool.name}: ${path}`).toEqual(expect.stringMatching(/\w{3}/));
      }
    }
    const add = tools.find((t) => t.name === 'add_task')!;
    expect(add.inputSchema.required).toEqual(['title']);
    const list = tools.find((t) => t.name === 'list_tasks')!;
    expect(Object.keys(list.inputSchema.properties ?? {}).sort()).toEqual(
      ['completed', 'limit', 'order', 'priority', 'query', 'sort'].sort(),
    );
  });

  it('publishes an object outputSchema for every tool: a task, a list under tasks, a deletion, an undo', async () => {
    const { tools } = await mcp.listTools();
    const schemas = Object.fromEntries(tools.map((t) => [t.name, t.outputSchema]));
    const task = schemas.get_task!;
    expect(task).toMatchObject({ type: 'object', additionalProperties: false });
    expect(task.required).toEqual([
      ...['id', 'user_id', 'title', 'description', 'completed', 'priority', 'due_date', 'created_at', 'updated_at'],
    ]);
    for (const name of ['add_task', 'update_task', 'complete_task'] as const) expect(schemas[name]).toEqual(task);
    const { type: _, ...item } = task;
    expect(schemas.list_tasks).toMatchObject({
      type: 'object',
      properties: { tasks: { type: 'array', items: { type: 'object', ...item } } },
      required: ['tasks'],
    });
    expect(schemas.delete_task).toMatchObject({
      properties: { deleted: { const: true } },
      required: ['deleted', 'task'],
    });
    expect(schemas.undo_change).toMatchObject({ required: ['undone', 'action', 'fields', 'task'] });
    for (const tool of tools) expect(tool.outputSchema?.type, tool.name).toBe('object');
  });

  it('calls every tool against the same tasks the REST API sees, answering structuredContent', async () => {
    const rest = api(token);
    const add = await mcp.callTool({ name: 'add_task', arguments: { title: 'From MCP', priority: 'high' } });
    const added = outputOfCall(add, 'add_task');
    expect(added).toMatchObject({ title: 'From MCP', priority: 'high', completed: false });
    expect(await (await getTask(rest, added.id)).json()).toEqual(added);

    const listed = outputOfCall(await mcp.callTool({ name: 'list_tasks', arguments: {} }), 'list_tasks');
    expect(listed.map((t) => t.id)).toContain(added.id);
    // The text keeps what older clients read: the list itself.
    expect(output(await mcp.callTool({ name: 'list_tasks', arguments: {} }))).toEqual(listed);
    const byId = { task_id: added.id };
    expect(outputOfCall(await mcp.callTool({ name: 'get_task', arguments: byId }), 'get_task')).toEqual(added);

    const update = await mcp.callTool({
      name: 'update_task',
      arguments: { task_id: added.id, title: 'Renamed over MCP', due_date: '2026-12-24T18:00:00+01:00' },
    });
    const updated = outputOfCall(update, 'update_task');
    expect(updated).toMatchObject({ title: 'Renamed over MCP', due_date: '2026-12-24T17:00:00.000Z' });
    const completed = await mcp.callTool({ name: 'complete_task', arguments: byId });
    expect(outputOfCall(completed, 'complete_task')).toMatchObject({ completed: true });

    // A toggle through REST is what the next MCP read reports.
    await rest.api.v1.tasks[':id'].toggle.$patch({ param: { id: added.id } });
    expect(outputOfCall(await mcp.callTool({ name: 'get_task', arguments: byId }), 'get_task')).toMatchObject({
      completed: false,
    });

    const deleted = outputOfCall(await mcp.callTool({ name: 'delete_task', arguments: byId }), 'delete_task');
    expect(deleted).toMatchObject({ deleted: true, task: { id: added.id } });
    expect((await getTask(rest, added.id)).status).toBe(404);

    // undo_change reverses the delete through the change log; the event comes from the activity feed.
    const activity = await jsonOf(rest.api.v1.activity.$get({ query: {} }), 200);
    const deletion = activity.find((e) => e.task_id === added.id && e.action === 'deleted')!;
    const undo = await mcp.callTool({ name: 'undo_change', arguments: { event_id: deletion.id } });
    expect(outputOfCall(undo, 'undo_change')).toMatchObject({ action: 'restored', task: { id: added.id } });
    expect((await getTask(rest, added.id)).status).toBe(200);
  });

  it('refuses malformed arguments and unknown tools with JSON-RPC -32602, running nothing', async () => {
    const user = await signup('malformed');
    const own = await connect(user.token);
    const refused = [
      [{ name: 'add_task', arguments: { title: 42 } }, 'title'],
      [{ name: 'add_task', arguments: {} }, 'title'],
      // A due date whose instant falls in year 10000 is as malformed as a wrong type.
      [{ name: 'add_task', arguments: { title: 'far', due_date: '9999-12-31T23:59:00-12:00' } }, 'due_date'],
      [{ name: 'list_tasks', arguments: { limit: 0 } }, 'limit'],
      [{ name: 'list_tasks', arguments: { sort: 'chaos' } }, 'sort'],
      [{ name: 'complete_task', arguments: { task_id: 7 } }, 'task_id'],
    ] as const;
    for (const [params, path] of refused) {
      const err = await rpcError(own.callTool(params));
      expect(err.code, JSON.stringify(params)).toBe(ErrorCode.InvalidParams);
      expect(err.message).toContain(`Invalid arguments for ${params.name}`);
      expect(err.data).toMatchObject({ code: 'validation_error', issues: [{ path }] });
    }
    const unknown = await rpcError(own.callTool({ name: 'drop_tables', arguments: {} }));
    expect(unknown.code).toBe(ErrorCode.InvalidParams);
    expect(unknown.message).toContain('No tool named drop_tables');
    // Without arguments at all a tool runs with none (list_tasks lists everything).
    const bare = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_tasks' } };
    const listed = await rpc(bare, { Authorization: `Bearer ${user.token}` });
    expect(await listed.json()).toMatchObject({ id: 2, result: { structuredContent: { tasks: [] } } });
    // Arguments that are not an object at all, which the typed client cannot send.
    for (const args of ['add a task', ['title'], 42]) {
      const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add_task', arguments: args } };
      const res = await rpc(call, { Authorization: `Bearer ${user.token}` });
      expect(await res.json(), JSON.stringify(args)).toMatchObject({ id: 1, error: { code: -32602 } });
    }
    expect(await listTasks(api(user.token))).toEqual([]);
  });

  it('answers a call that runs and fails as an isError result a model can read, without structuredContent', async () => {
    const missing = await mcp.callTool({
      name: 'get_task',
      arguments: { task_id: '3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
    });
    expect(result(missing)).toEqual({ content: [expect.anything()], isError: true });
    expect(output(missing)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('ignores an invented user_id', async () => {
    const other = await signup('victim');
    const add = await mcp.callTool({ name: 'add_task', arguments: { title: 'mine', user_id: other.user.id } });
    const mine = outputOfCall(add, 'add_task');
    expect(mine.user_id).not.toBe(other.user.id);
    expect(await listTasks(api(other.token))).toEqual([]);
  });

  it('writes only if the task is unchanged when given if_updated_at, as REST does with If-Match', async () => {
    const rest = api(token);
    const task = await jsonOf(rest.api.v1.tasks.$post({ json: { title: 'Contended' } }), 201);
    const param = { id: task.id };
    const edit = rest.api.v1.tasks[':id'].$patch({ param, json: { title: 'Edited on the dashboard' } });
    const edited = await jsonOf(edit, 200);
    for (const [name, args] of [
      ['update_task', { title: 'From a stale view' }],
      ['complete_task', {}],
      ['delete_task', {}],
    ] satisfies [ToolName, object][]) {
      const stale = { task_id: task.id, if_updated_at: task.updated_at, ...args };
      const r = result(await mcp.callTool({ name, arguments: stale }));
      expect(r.isError, name).toBe(true);
      expect(output(r), name).toMatchObject({ error: { code: 'precondition_failed' } });
    }
    expect(await (await getTask(rest, task.id)).json()).toEqual(edited);
    const complete = { task_id: task.id, if_updated_at: edited.updated_at };
    const fresh = outputOfCall(await mcp.callTool({ name: 'complete_task', arguments: complete }), 'complete_task');
    expect(fresh).toMatchObject({ title: 'Edited on the dashboard', completed: true });
  });

  it("answers not found for another user's task and changes nothing", async () => {
    const other = api((await signup('other')).token);
    const theirs = await jsonOf(other.api.v1.tasks.$post({ json: { title: 'theirs' } }), 201);
    for (const name of ['get_task', 'complete_task', 'delete_task']) {
      const r = result(await mcp.callTool({ name, arguments: { task_id: theirs.id } }));
      expect(r.isError, name).toBe(true);
      expect(output(r)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await (await getTask(other, theirs.id)).json()).toEqual(theirs);
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
    // The challenge that starts an MCP client's OAuth discovery (docs/mcp.md).
    const metadata = `${BASE}/.well-known/oauth-protected-resource/mcp`;
    expect(res.headers.get('WWW-Authenticate')).toBe(`Bearer resource_metadata="${metadata}"`);
  });

  it("answers a malformed MCP request in the error envelope, with the transport's own reason", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      exports.default.fetch(`${BASE}/mcp`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...headers,
        },
        body,
      });
    const broken = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'bad_request', message: 'Parse error' } });
    const wrongType = await post('{}', { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({
      error: { code: 'unsupported_media_type', message: expect.stringMatching(/Content-Type/i) },
    });
  });
});

/**
 * A raw JSON-RPC POST to /mcp, as a client (or an attacker's page) sends it.
 * Raw: the typed client knows /mcp only as a POST answering `{}` (the MCP
 * transport builds its own Response), and these send foreign hosts and origins.
 */
const rpc = (
  body: unknown,
  headers: Record<string, string> = {},
  url = `${BASE}/mcp`,
  fetchApp: (url: string, init: RequestInit) => Promise<Response> = (u, i) => exports.default.fetch(u, i),
) =>
  fetchApp(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
const toolCall = (id: number, name: string, args: object) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

describe('MCP transport hardening', () => {
  it('answers GET (no event stream here) and DELETE (no sessions) with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
      const res = await exports.default.fetch(`${BASE}/mcp`, { method, headers });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('Allow')).toBe('POST');
      expect(res.headers.get('Content-Type')).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });

  it('refuses an Origin that is neither its own nor listed, before anything else (DNS rebinding)', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const foreign = [
      'https://evil.example',
      'null',
      'http://app.test.evil.example',
      'https://app.example.com.evil.example',
    ];
    for (const origin of foreign) {
      const res = await rpc(list, { ...auth, Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: 'forbidden', message: expect.stringContaining('CORS_ORIGINS') },
      });
      // Without a token too: the refusal comes before authentication.
      expect((await rpc(list, { Origin: origin })).status, origin).toBe(403);
    }
    // Its own origin, a listed one (trailing slash in the config or not), and none at all are served.
    const fine: Record<string, string>[] = [
      { Origin: 'http://app.test' },
      { Origin: 'https://app.example.com' },
      { Origin: 'https://admin.example.com' },
      {},
    ];
    for (const headers of fine) {
      expect((await rpc(list, { ...auth, ...headers })).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('refuses a Host it does not serve: ALLOWED_HOSTS, loopback names by default', async () => {
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const auth = { Authorization: `Bearer ${token}` };
    // This project sets ALLOWED_HOSTS=app.test.
    for (const url of ['http://evil.example/mcp', 'http://localhost:8787/mcp', 'http://sub.app.test/mcp']) {
      const res = await rpc(list, auth, url);
      expect(res.status, url).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: 'forbidden', message: expect.stringContaining('ALLOWED_HOSTS') },
      });
    }
    // Unset, only loopback names are served, whatever the port.
    const local = world(undefined, { ALLOWED_HOSTS: '' });
    for (const url of ['http://localhost:8787/mcp', 'http://127.0.0.1:9000/mcp', 'http://[::1]:8787/mcp']) {
      expect((await rpc(list, auth, url, local.fetch)).status, url).toBe(200);
    }
    for (const url of ['http://app.test/mcp', 'http://evil.example:8787/mcp', 'http://localhost.evil.example/mcp']) {
      expect((await rpc(list, auth, url, local.fetch)).status, url).toBe(403);
    }
    // A wildcard matches subdomains, not the bare domain's look-alikes.
    const wild = world(undefined, { ALLOWED_HOSTS: 'tasks.example.com, *.workers.dev' });
    expect((await rpc(list, auth, 'https://tasks.example.com/mcp', wild.fetch)).status).toBe(200);
    expect((await rpc(list, auth, 'https://me.unified-tasks.workers.dev/mcp', wild.fetch)).status).toBe(200);
    expect((await rpc(list, auth, 'https://evilworkers.dev/mcp', wild.fetch)).status).toBe(403);
  });

  it('refuses JSON-RPC batches under protocol versions that removed them, running none of their calls', async () => {
    const user = await signup('batch');
    const auth = { Authorization: `Bearer ${user.token}` };
    const batch = [toolCall(1, 'add_task', { title: 'one' }), toolCall(2, 'add_task', { title: 'two' })];
    for (const version of ['2025-06-18', '2025-11-25']) {
      const res = await rpc(batch, { ...auth, 'MCP-Protocol-Version': version });
      expect(res.status, version).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('batches') },
      });
    }
    expect(await listTasks(api(user.token))).toEqual([]);
    // 2025-03-26 still had batches: both calls run and both answers come back.
    const old = await rpc(batch, { ...auth, 'MCP-Protocol-Version': '2025-03-26' });
    expect(old.status).toBe(200);
    const answers = z.array(z.object({ id: z.number() })).parse(await old.json());
    expect(answers.map((r) => r.id).sort()).toEqual([1, 2]);
    expect((await listTasks(api(user.token))).map((t) => t.title).sort()).toEqual(['one', 'two']);
  });

  it('counts every tool call against a per-user limit of 600 a minute, batches included', async () => {
    // A clock pinned to a minute's start, so the window cannot roll over mid-test.
    const app = world('2030-07-01T08:00:00Z');
    const [user, other] = [await app.signup('busy'), await app.signup('calm')];
    // 601 calls in one batch (kept under the 64 KiB body limit).
    const many = Array.from({ length: 601 }, (_, i) => toolCall(i + 1, 'add_task', { title: 'x' }));
    const asUser = { Authorization: `Bearer ${user.token}` };
    const res = await rpc(many, { ...asUser, 'MCP-Protocol-Version': '2025-03-26' }, `${BASE}/mcp`, app.fetch);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('Retry-After'))).toBeLessThanOrEqual(60);
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Nothing ran, the next call is refused too, and another user is unaffected.
    expect(await listTasks(app.api(user.token))).toEqual([]);
    const next = await rpc(toolCall(1, 'list_tasks', {}), asUser, `${BASE}/mcp`, app.fetch);
    expect(next.status).toBe(429);
    const asOther = { Authorization: `Bearer ${other.token}` };
    const theirs = await rpc(toolCall(1, 'list_tasks', {}), asOther, `${BASE}/mcp`, app.fetch);
    expect(theirs.status).toBe(200);
    // Reads that are not tool calls (tools/list) do not count.
    const list = { jsonrpc: '2.0', id: 9, method: 'tools/list' };
    expect((await rpc(list, asUser, `${BASE}/mcp`, app.fetch)).status).toBe(200);
  });
});
