import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolErrorOutput } from '../tools/output';
import { api, errorOf, jsonOf, outputIn, signup, world, type Api } from '../test/helpers';
import type { Step } from '../../test/support/fake-openai';

/** What the scripted server recorded of each request; loose, so nothing it sent is dropped. */
const Recorded = z.array(
  z.looseObject({
    headers: z.looseObject({ authorization: z.string().optional() }),
    body: z.looseObject({
      model: z.string(),
      messages: z.array(
        z.looseObject({ role: z.string(), content: z.string().nullable(), tool_call_id: z.string().optional() }),
      ),
      tools: z.array(z.looseObject({ function: z.looseObject({ name: z.string() }) })),
    }),
  }),
);
/** What a failed chat keeps beside the error: the conversation, and the tool calls that ran. */
const Kept = z.object({
  conversation_id: z.string(),
  actions: z.array(z.looseObject({ tool: z.string() })).optional(),
});

const fake = env.FAKE_OPENAI_URL!;
const script = async (...steps: Step[]) => {
  const res = await fetch(`${fake}/__script`, { method: 'POST', body: JSON.stringify({ steps }) });
  expect(res.status).toBe(200);
};
const recorded = async () => Recorded.parse(await (await fetch(`${fake}/__requests`)).json());
const say = (c: Api, message: string, conversation_id?: string) =>
  c.api.v1.chat.$post({
    json: { message, timezone: 'Europe/Berlin', ...(conversation_id ? { conversation_id } : {}) },
  });
const ok = (res: Awaited<ReturnType<typeof say>>) => jsonOf(res, 200);
const call = (name: string, args: unknown) => ({ name, arguments: args });
const tasksOf = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: {} }), 200);
const messagesOf = (c: Api, id: string) => jsonOf(c.api.v1.conversations[':id'].messages.$get({ param: { id } }), 200);

let me: Api;
let myId: string;
beforeAll(async () => {
  const s = await signup('oa');
  me = api(s.token);
  myId = s.user.id;
});

describe('chat through an OpenAI-compatible model', () => {
  it('sends the date, time zone, tools and history, and answers with the model reply', async () => {
    // The app's clock at Monday 23 November 2026, 10:00 in Berlin, whatever today is.
    const monday = world('2026-11-23T09:00:00Z');
    const me = monday.api((await monday.signup('oa-date')).token);
    await script({ message: { content: 'Hello! How can I help?' } });
    const first = await ok(await say(me, 'hi there'));
    expect(first).toMatchObject({ reply: 'Hello! How can I help?', actions: [] });

    const [req] = await recorded();
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.body.model).toBe('test-model');
    expect(req!.body.tools.map((t) => t.function.name)).toEqual([
      'add_task',
      'list_tasks',
      'get_task',
      'update_task',
      'complete_task',
      'delete_task',
      'undo_change',
    ]);
    const system = req!.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(
      "Now it is Monday, 23 November 2026 at 10:00 in the user's time zone Europe/Berlin (UTC+01:00).",
    );
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
    const user = api((await signup('oa-reg')).token);
    const groceries = { title: 'Buy groceries', priority: 'high', due_date: '2026-11-24T23:59:00+01:00' };
    await script(
      { message: { tool_calls: [call('add_task', groceries)] } },
      { message: { content: 'Added “Buy groceries” for tomorrow.' } },
    );
    const r = await ok(await say(user, 'buy groceries tomorrow, high priority'));
    expect(r.actions.map((a) => a.tool)).toEqual(['add_task']);
    const created = outputIn(r.actions[0], 'add_task');
    expect(await tasksOf(user)).toEqual([created]);
    expect(created).toMatchObject({
      title: 'Buy groceries',
      priority: 'high',
      due_date: '2026-11-24T22:59:00.000Z',
    });

    // The tool result went back to the model as a tool message.
    const [, followUp] = await recorded();
    const toolMsg = followUp!.body.messages.find((m) => m.role === 'tool')!;
    expect(JSON.parse(toolMsg.content!)).toEqual(created);

    // Toggled through REST; the model's next list_tasks sees it completed.
    await user.api.v1.tasks[':id'].toggle.$patch({ param: { id: created.id } });
    await script({ message: { tool_calls: [call('list_tasks', {})] } }, { message: { content: 'All done.' } });
    const listed = await ok(await say(user, 'what is left?', r.conversation_id));
    expect(outputIn(listed.actions[0], 'list_tasks')[0]).toMatchObject({ id: created.id, completed: true });
  });

  it("cannot reach another user's data, whatever ids the model invents", async () => {
    const victim = await signup('oa-victim');
    const victimTask = await jsonOf(api(victim.token).api.v1.tasks.$post({ json: { title: 'victim task' } }), 201);
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
    expect(outputIn(add, 'add_task').user_id).toBe(myId);
    expect(add!.input).not.toHaveProperty('user_id');
    expect(complete!.output).toMatchObject({ error: { code: 'not_found' } });
    expect(outputIn(list, 'list_tasks').every((t) => t.user_id === myId)).toBe(true);
    expect(await tasksOf(api(victim.token))).toEqual([victimTask]);
  });

  it('returns bad arguments to the model as tool errors, and the model can correct itself', async () => {
    await script(
      {
        message: {
          tool_calls: [call('add_task', { title: 5, priority: 'urgent' }), call('add_task', '{"title": "unterminated')],
        },
      },
      { message: { tool_calls: [call('add_task', { title: 'Fixed task', priority: 'high' })] } },
      { message: { content: 'Added it after fixing the arguments.' } },
    );
    const r = await ok(await say(me, 'add fixed task'));
    const codeOf = (output: unknown) => {
      const failure = ToolErrorOutput.safeParse(output);
      return failure.success ? failure.data.error.code : 'ok';
    };
    expect(r.actions.map((a) => [a.tool, codeOf(a.output)])).toEqual([
      ['add_task', 'validation_error'],
      ['add_task', 'bad_arguments'],
      ['add_task', 'ok'],
    ]);
    const issues = ToolErrorOutput.parse(r.actions[0]!.output).error.issues;
    expect(issues?.map((i) => i.path)).toEqual(['title', 'priority']);
    const toolMessages = (await recorded())[1]!.body.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(2);
    expect(toolMessages[0]!.content).toContain('validation_error');
  });

  it('runs several steps: list, then act on what it found', async () => {
    const user = api((await signup('oa-multi')).token);
    const t = await jsonOf(user.api.v1.tasks.$post({ json: { title: 'Call the plumber' } }), 201);
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
    const user = api((await signup('oa-502')).token);
    await script({ status: 500 }, { status: 500 });
    const res = await say(user, 'add water plants');
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('HTTP 500');
    const conversation = Kept.parse(error).conversation_id;
    const stored = await messagesOf(user, conversation);
    expect(stored.map((m) => [m.role, m.content])).toEqual([['user', 'add water plants']]);

    await script({ message: { content: 'Sorry about that, nothing to do.' } });
    await ok(await say(user, 'add water plants', conversation));
    const after = await messagesOf(user, conversation);
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
    expect(await errorOf(res)).toMatchObject({
      code: 'upstream_timeout',
      message: 'The chat model did not answer in time',
    });
  });

  it('keeps tool calls that ran before a failure on record', async () => {
    const user = api((await signup('oa-partial')).token);
    const halfWay = { message: { tool_calls: [call('add_task', { title: 'Half way' })] } };
    await script(halfWay, { status: 503 }, { status: 503 });
    const res = await say(user, 'add half way');
    expect(res.status).toBe(502);
    const error = Kept.parse(await errorOf(res));
    expect(error.actions?.map((a) => a.tool)).toEqual(['add_task']);
    expect((await tasksOf(user)).map((t) => t.title)).toEqual(['Half way']);
    const stored = await messagesOf(user, error.conversation_id);
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[1]!.actions!.map((a) => a.tool)).toEqual(['add_task']);
  });
});
