import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types';
import type { ToolAction } from '../tools/tool';
import { client, errorOf, signup, world } from '../test/helpers';
import type { Step } from '../../test/support/fake-openai';

type Client = ReturnType<typeof client>;
interface ChatReply {
  conversation_id: string;
  reply: string;
  actions: ToolAction[];
}
interface Recorded {
  headers: { authorization?: string };
  body: { model: string; messages: { role: string; content: string | null; tool_call_id?: string }[]; tools: { function: { name: string } }[] };
}

const fake = env.FAKE_OPENAI_URL!;
const script = async (...steps: Step[]) => {
  const res = await fetch(`${fake}/__script`, { method: 'POST', body: JSON.stringify({ steps }) });
  expect(res.status).toBe(200);
};
const recorded = async () => (await (await fetch(`${fake}/__requests`)).json()) as Recorded[];
const say = (c: Client, message: string, conversation_id?: string) =>
  c.post('/api/v1/chat', { message, timezone: 'Europe/Berlin', ...(conversation_id ? { conversation_id } : {}) });
const ok = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ChatReply;
};
const call = (name: string, args: unknown) => ({ name, arguments: args });
const tasksOf = async (c: Client) => (await (await c.get('/api/v1/tasks')).json()) as Task[];

let me: Client;
let myId: string;
beforeAll(async () => {
  const s = await signup('oa');
  me = client(s.token);
  myId = s.user.id;
});

describe('chat through an OpenAI-compatible model', () => {
  it('sends the date, time zone, tools and history, and answers with the model reply', async () => {
    // The app's clock at Monday 23 November 2026, 10:00 in Berlin, whatever today is.
    const monday = world('2026-11-23T09:00:00Z');
    const me = monday.client((await monday.signup('oa-date')).token);
    await script({ message: { content: 'Hello! How can I help?' } });
    const first = await ok(await say(me, 'hi there'));
    expect(first).toMatchObject({ reply: 'Hello! How can I help?', actions: [] });

    const [req] = await recorded();
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.body.model).toBe('test-model');
    expect(req!.body.tools.map((t) => t.function.name)).toEqual([
      'add_task', 'list_tasks', 'get_task', 'update_task', 'complete_task', 'delete_task', 'undo_change',
    ]);
    const system = req!.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain("Now it is Monday, 23 November 2026 at 10:00 in the user's time zone Europe/Berlin (UTC+01:00).");
    expect(system.content).toContain('e.g. 2026-11-23T17:00:00+01:00');
    expect(req!.body.messages.at(-1)).toEqual({ role: 'user', content: 'hi there' });

    await script({ message: { content: 'Still here.' } });
    await ok(await say(me, 'and now?', first.conversation_id));
    const [second] = await recorded();
    expect(second!.body.messages.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'hi there'],
      ['assistant', 'Hello! How can I help?'],
      ['user', 'and now?'],
    ]);
  });

  it('the original bug: a task the model adds is the task the REST API lists', async () => {
    const user = client((await signup('oa-reg')).token);
    await script(
      { message: { tool_calls: [call('add_task', { title: 'Buy groceries', priority: 'high', due_date: '2026-11-24T23:59:00+01:00' })] } },
      { message: { content: 'Added “Buy groceries” for tomorrow.' } },
    );
    const r = await ok(await say(user, 'buy groceries tomorrow, high priority'));
    expect(r.actions.map((a) => a.tool)).toEqual(['add_task']);
    const created = r.actions[0]!.output as Task;
    expect(await tasksOf(user)).toEqual([created]);
    expect(created).toMatchObject({ title: 'Buy groceries', priority: 'high', due_date: '2026-11-24T22:59:00.000Z' });

    // The tool result went back to the model as a tool message.
    const [, followUp] = await recorded();
    const toolMsg = followUp!.body.messages.find((m) => m.role === 'tool')!;
    expect(JSON.parse(toolMsg.content!)).toEqual(created);

    // Toggled through REST; the model's next list_tasks sees it completed.
    await user.patch(`/api/v1/tasks/${created.id}/toggle`);
    await script({ message: { tool_calls: [call('list_tasks', {})] } }, { message: { content: 'All done.' } });
    const listed = await ok(await say(user, 'what is left?', r.conversation_id));
    expect((listed.actions[0]!.output as Task[])[0]).toMatchObject({ id: created.id, completed: true });
  });

  it("cannot reach another user's data, whatever ids the model invents", async () => {
    const victim = await signup('oa-victim');
    const victimTask = (await (await client(victim.token).post('/api/v1/tasks', { title: 'victim task' })).json()) as Task;
    await script(
      {
        message: {
          tool_calls: [
            call('add_task', { title: 'Sneaky', user_id: victim.user.id }),
            call('complete_task', { task_id: victimTask.id, user_id: victim.user.id }),
            call('list_tasks', { user_id: victim.user.id }),
          ],
        },
      },
      { message: { content: 'Done.' } },
    );
    const r = await ok(await say(me, 'do something sneaky'));
    const [add, complete, list] = r.actions;
    expect((add!.output as Task).user_id).toBe(myId);
    expect(add!.input).not.toHaveProperty('user_id');
    expect(complete!.output).toMatchObject({ error: { code: 'not_found' } });
    expect((list!.output as Task[]).every((t) => t.user_id === myId)).toBe(true);
    expect(await tasksOf(client(victim.token))).toEqual([victimTask]);
  });

  it('returns bad arguments to the model as tool errors, and the model can correct itself', async () => {
    await script(
      { message: { tool_calls: [call('add_task', { title: 5, priority: 'urgent' }), call('add_task', '{"title": "unterminated')] } },
      { message: { tool_calls: [call('add_task', { title: 'Fixed task', priority: 'high' })] } },
      { message: { content: 'Added it after fixing the arguments.' } },
    );
    const r = await ok(await say(me, 'add fixed task'));
    expect(r.actions.map((a) => [a.tool, (a.output as { error?: { code: string } }).error?.code ?? 'ok'])).toEqual([
      ['add_task', 'validation_error'],
      ['add_task', 'bad_arguments'],
      ['add_task', 'ok'],
    ]);
    expect((r.actions[0]!.output as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['title', 'priority']);
    const toolMessages = (await recorded())[1]!.body.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(2);
    expect(toolMessages[0]!.content).toContain('validation_error');
  });

  it('runs several steps: list, then act on what it found', async () => {
    const user = client((await signup('oa-multi')).token);
    const t = (await (await user.post('/api/v1/tasks', { title: 'Call the plumber' })).json()) as Task;
    await script(
      { message: { tool_calls: [call('list_tasks', { query: 'plumber' })] } },
      { message: { tool_calls: [call('complete_task', { task_id: t.id })] } },
      { message: { content: 'Marked “Call the plumber” as done.' } },
    );
    const r = await ok(await say(user, 'I called the plumber'));
    expect(r.actions.map((a) => a.tool)).toEqual(['list_tasks', 'complete_task']);
    expect((await tasksOf(user))[0]!.completed).toBe(true);
    expect(r.reply).toBe('Marked “Call the plumber” as done.');
  });

  it('stops a model that never finishes after a bounded number of steps', async () => {
    await script(...Array.from({ length: 6 }, () => ({ message: { tool_calls: [call('list_tasks', {})] } })));
    const r = await ok(await say(me, 'loop forever'));
    expect(r.actions).toHaveLength(6);
    expect(r.reply).toMatch(/stopped after 6 steps/);
  });

  it('answers 502 when the model fails, keeping the message; a resend is a retry, not a duplicate', async () => {
    const user = client((await signup('oa-502')).token);
    await script({ status: 500 }, { status: 500 });
    const res = await say(user, 'add water plants');
    expect(res.status).toBe(502);
    const error = await errorOf(res) as { code: string; message: string; conversation_id?: string };
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('HTTP 500');
    const conversation = error.conversation_id!;
    const stored = (await (await user.get(`/api/v1/conversations/${conversation}/messages`)).json()) as { role: string; content: string }[];
    expect(stored.map((m) => [m.role, m.content])).toEqual([['user', 'add water plants']]);

    await script({ message: { content: 'Sorry about that, nothing to do.' } });
    await ok(await say(user, 'add water plants', conversation));
    const after = (await (await user.get(`/api/v1/conversations/${conversation}/messages`)).json()) as { role: string }[];
    expect(after.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('never passes an upstream 401 on as the user’s own 401', async () => {
    await script({ status: 401, body: { error: { message: 'invalid api key' } } });
    const res = await say(me, 'hello');
    expect(res.status).toBe(502);
    expect((await errorOf(res)).code).toBe('upstream_error');
  });

  it('answers 504 when the model times out', async () => {
    await script({ delay_ms: 3000 }, { delay_ms: 3000 });
    const res = await say(me, 'are you there?');
    expect(res.status).toBe(504);
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_timeout', message: 'The chat model did not answer in time' });
  });

  it('keeps tool calls that ran before a failure on record', async () => {
    const user = client((await signup('oa-partial')).token);
    await script({ message: { tool_calls: [call('add_task', { title: 'Half way' })] } }, { status: 503 }, { status: 503 });
    const res = await say(user, 'add half way');
    expect(res.status).toBe(502);
    const error = (await errorOf(res)) as { actions?: ToolAction[]; conversation_id?: string };
    expect(error.actions?.map((a) => a.tool)).toEqual(['add_task']);
    expect((await tasksOf(user)).map((t) => t.title)).toEqual(['Half way']);
    const stored = (await (await user.get(`/api/v1/conversations/${error.conversation_id}/messages`)).json()) as { role: string; actions: ToolAction[] | null }[];
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[1]!.actions!.map((a) => a.tool)).toEqual(['add_task']);
  });
});
