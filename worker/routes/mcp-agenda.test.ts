import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types';
import { BASE, jsonOf, world } from '../test/helpers';

// The app lives at 20:00 UTC on Monday 1 July 2030: still the 1st in UTC,
// already Tuesday the 2nd at 08:00 in Auckland (UTC+12).
const app = world('2030-07-01T20:00:00Z');

/** The SDK's own client against the app at that instant. */
async function connect(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (url, init) => app.fetch(url, init),
  });
  const mcp = new Client({ name: 'agenda-test', version: '1.0.0' });
  await mcp.connect(transport);
  return mcp;
}

/** A JSON-RPC error from the client, as the SDK throws it. */
async function rpcError(call: Promise<unknown>) {
  const err = await call.then(
    () => expect.fail('the request should have been refused'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  return err as McpError;
}

type Agenda = { date: string; time_zone: string; overdue: Task[]; due_today: Task[]; undated: number };
const titles = (tasks: Task[]) => tasks.map((t) => t.title).sort();
/** The JSON a resource or an embedded resource holds. */
const jsonIn = (content: unknown) => JSON.parse((content as { text: string }).text) as Record<string, unknown>;

let mcp: Client;
beforeAll(async () => {
  const { token } = await app.signup('agenda');
  const rest = app.api(token);
  const add = (title: string, due_date: string | null) =>
    jsonOf(rest.api.v1.tasks.$post({ json: { title, due_date } }), 201);
  await add('Friday, all day', '2030-06-28');
  await add('Monday, all day', '2030-07-01');
  await add('Monday 15:00 UTC', '2030-07-01T15:00:00Z');
  await add('Tuesday, all day', '2030-07-02');
  await add('Someday', null);
  const done = await add('Done today', '2030-07-01');
  await rest.api.v1.tasks[':id'].toggle.$patch({ param: { id: done.id } });
  mcp = await connect(token);
});

describe("MCP resource: today's agenda", () => {
  it('is listed, with a template for the user’s zone', async () => {
    const { resources } = await mcp.listResources();
    expect(resources).toEqual([
      expect.objectContaining({ uri: 'tasks://agenda/today', title: "Today's agenda", mimeType: 'application/json' }),
    ]);
    const { resourceTemplates } = await mcp.listResourceTemplates();
    expect(resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: 'tasks://agenda/today{?tz}' })]);
  });

  it('holds what is overdue and what is due today, in UTC or in the zone asked for', async () => {
    const utc = await mcp.readResource({ uri: 'tasks://agenda/today' });
    expect(utc.contents).toHaveLength(1);
    expect(utc.contents[0]).toMatchObject({ uri: 'tasks://agenda/today', mimeType: 'application/json' });
    const inUtc = jsonIn(utc.contents[0]) as Agenda;
    expect(inUtc).toMatchObject({ date: '2030-07-01', time_zone: 'UTC', undated: 1 });
    expect(titles(inUtc.overdue)).toEqual(['Friday, all day']);
    expect(titles(inUtc.due_today)).toEqual(['Monday 15:00 UTC', 'Monday, all day']);

    const uri = 'tasks://agenda/today?tz=Pacific%2FAuckland';
    const inAuckland = jsonIn((await mcp.readResource({ uri })).contents[0]) as Agenda;
    expect(inAuckland).toMatchObject({ date: '2030-07-02', time_zone: 'Pacific/Auckland' });
    // Monday all day is over in Auckland; 15:00 UTC Monday is 03:00 Tuesday there.
    expect(titles(inAuckland.overdue)).toEqual(['Friday, all day', 'Monday, all day']);
    expect(titles(inAuckland.due_today)).toEqual(['Monday 15:00 UTC', 'Tuesday, all day']);
  });

  it('refuses an unknown resource (-32002) and an unknown zone (-32602)', async () => {
    for (const uri of ['tasks://agenda/tomorrow', 'tasks://tasks/all', 'https://example.com/x', 'not a uri']) {
      expect((await rpcError(mcp.readResource({ uri }))).code, uri).toBe(-32002);
    }
    const zone = await rpcError(mcp.readResource({ uri: 'tasks://agenda/today?tz=Mars%2FOlympus' }));
    expect(zone.code).toBe(ErrorCode.InvalidParams);
    expect(zone.message).toContain('Mars/Olympus');
  });
});

describe('MCP prompts', () => {
  it('lists "plan my day" and "weekly review", each taking an optional time zone', async () => {
    const { prompts } = await mcp.listPrompts();
    expect(prompts.map((p) => [p.name, p.title])).toEqual([
      ['plan_my_day', 'Plan my day'],
      ['weekly_review', 'Weekly review'],
    ]);
    for (const p of prompts) {
      expect(p.description).toBeTruthy();
      expect(p.arguments).toEqual([expect.objectContaining({ name: 'timezone', required: false })]);
    }
  });

  it('plan my day: instructions for the user’s day, with the agenda attached', async () => {
    const plan = await mcp.getPrompt({ name: 'plan_my_day', arguments: { timezone: 'Pacific/Auckland' } });
    const [ask, attached] = plan.messages;
    expect(ask).toMatchObject({ role: 'user', content: { type: 'text' } });
    expect((ask!.content as { text: string }).text).toContain('2030-07-02');
    expect((ask!.content as { text: string }).text).toMatch(/Change nothing until I agree/);
    expect(attached!.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'tasks://agenda/today?tz=Pacific%2FAuckland', mimeType: 'application/json' },
    });
    const agenda = jsonIn((attached!.content as { resource: unknown }).resource) as Agenda;
    expect(titles(agenda.due_today)).toEqual(['Monday 15:00 UTC', 'Tuesday, all day']);
    // Without a zone, the day is UTC's.
    const utc = await mcp.getPrompt({ name: 'plan_my_day' });
    expect((utc.messages[0]!.content as { text: string }).text).toContain('2030-07-01 (UTC)');
  });

  it('weekly review: what got done in the last 7 days, what slipped, what is due in the next 7', async () => {
    const review = await mcp.getPrompt({ name: 'weekly_review', arguments: {} });
    expect((review.messages[0]!.content as { text: string }).text).toContain('2030-06-24 to 2030-07-07');
    const week = jsonIn((review.messages[1]!.content as { resource: unknown }).resource) as Record<string, Task[]>;
    expect(titles(week.completed!)).toEqual(['Done today']);
    expect(titles(week.overdue!)).toEqual(['Friday, all day']);
    expect(titles(week.due_this_week!)).toEqual(['Monday 15:00 UTC', 'Monday, all day', 'Tuesday, all day']);
  });

  it('refuses an unknown prompt or zone with -32602', async () => {
    const unknown = await rpcError(mcp.getPrompt({ name: 'write_my_novel' }));
    expect(unknown.code).toBe(ErrorCode.InvalidParams);
    const zone = await rpcError(mcp.getPrompt({ name: 'weekly_review', arguments: { timezone: 'Nowhere/Land' } }));
    expect(zone.code).toBe(ErrorCode.InvalidParams);
  });
});
