import type { InferRequestType } from 'hono/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { dueWords } from '../lib/due-words';
import { errorOf, jsonOf, outputIn, world, type Answer, type Api } from '../test/helpers';

// Monday 23 November 2026, 10:00 in Berlin: the app's "now" for every test
// here, so "next friday" and "tomorrow" have one answer on any day the suite runs.
const NOW = '2026-11-23T09:00:00Z';
const { api, client, signup } = world(NOW);

type ChatInput = InferRequestType<Api['api']['v1']['chat']['$post']>['json'];
type NewTask = InferRequestType<Api['api']['v1']['tasks']['$post']>['json'];
type ChatReply = Awaited<ReturnType<ReturnType<typeof chatter>['say']>>;

/** A chat session for one user, keeping its conversation, in Berlin time. */
function chatter(c: Api) {
  let conversation: string | undefined;
  return {
    get conversation() {
      return conversation;
    },
    async say(message: string) {
      const json = { message, timezone: 'Europe/Berlin', ...(conversation ? { conversation_id: conversation } : {}) };
      const body = await jsonOf(c.api.v1.chat.$post({ json }), 200);
      conversation = body.conversation_id;
      return body;
    },
  };
}

const tasksOf = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: {} }), 200);
const addTask = (c: Api, json: NewTask) => c.api.v1.tasks.$post({ json });
const toggle = (c: Api, id: string) => c.api.v1.tasks[':id'].toggle.$patch({ param: { id } });
const tools = (r: ChatReply) => r.actions.map((a) => a.tool);

let me: Api;
/** The same user through the untyped client, for bodies the typed one refuses to send. */
let meRaw: ReturnType<typeof client>;
beforeAll(async () => {
  const { token } = await signup('chat');
  me = api(token);
  meRaw = client(token);
});

describe('the original bug, as a regression test', () => {
  it('a task added in the chat is the task GET /api/v1/tasks returns', async () => {
    const user = api((await signup('regress')).token);
    const chat = chatter(user);
    const r = await chat.say('add a high priority task to call mom tomorrow');
    expect(tools(r)).toEqual(['add_task']);
    const created = outputIn(r.actions[0], 'add_task');
    const list = await tasksOf(user);
    expect(list).toEqual([created]);
    expect(list[0]).toMatchObject({ title: 'Call mom', priority: 'high', completed: false });
    expect(list[0]!.due_date).not.toBeNull();
  });

  it('a task toggled through REST is reported as completed by the next listing', async () => {
    const user = api((await signup('regress2')).token);
    const chat = chatter(user);
    const added = outputIn((await chat.say('add water the plants')).actions[0], 'add_task');
    expect((await toggle(user, added.id)).status).toBe(200);
    const listed = await chat.say('list my tasks');
    expect(listed.reply).toContain('✓ Water the plants');
    expect(outputIn(listed.actions[0], 'list_tasks')[0]!.completed).toBe(true);
    const pending = await chat.say('what is left to do?');
    expect(pending.reply).not.toContain('Water the plants');
  });
});

describe('built-in agent: phrasings to tool calls and results', () => {
  it('adds, lists, completes, reopens, renames, reprioritises, reschedules and deletes', async () => {
    const user = api((await signup('flow')).token);
    const chat = chatter(user);

    const add = await chat.say('remind me to renew passport next friday at 10am, urgent');
    expect(tools(add)).toEqual(['add_task']);
    expect(add.actions[0]!.input).toMatchObject({ title: 'Renew passport', priority: 'high' });
    expect(add.reply).toMatch(/^Added “Renew passport” — high priority, due Fri 27 Nov 10:00\.$/);
    await chat.say('add buy oat milk');
    await chat.say('add book dentist with notes: ask for the morning slot');

    const list = await chat.say('list');
    expect(tools(list)).toEqual(['list_tasks']);
    expect(list.reply.split('\n')).toEqual([
      'Your tasks (3):',
      '1. Book dentist',
      '2. Buy oat milk',
      '3. Renew passport — high priority, due Fri 27 Nov 10:00',
    ]);

    const done = await chat.say('done 2');
    expect(tools(done)).toEqual(['complete_task']);
    expect(done.reply).toBe('Marked “Buy oat milk” as done.');

    const again = await chat.say('complete buy oat milk');
    expect(again.reply).toBe('“Buy oat milk” is already done — nothing changed.');
    expect(tools(again)).toEqual(['list_tasks']);

    expect((await chat.say('reopen oat milk')).reply).toBe('Reopened “Buy oat milk”.');
    expect((await chat.say('rename book dentist to Book dentist appointment')).reply).toBe(
      'Renamed “Book dentist” to “Book dentist appointment”.',
    );
    expect((await chat.say('make it low priority')).reply).toBe('“Book dentist appointment” is now low priority.');
    expect((await chat.say('move passport to tomorrow at 9am')).reply).toBe(
      '“Renew passport” is now due tomorrow 09:00.',
    );
    expect((await chat.say('clear the due date of passport')).reply).toBe('Cleared the due date of “Renew passport”.');
    const shown = await chat.say('show dentist');
    expect(shown.reply).toBe(
      '“Book dentist appointment” — not done yet, low priority.\nNotes: ask for the morning slot',
    );
    // "the passport task" is not its title: the delete waits for a yes.
    const asked = await chat.say('delete the passport task');
    expect(tools(asked)).toEqual(['list_tasks']);
    expect(asked.reply).toBe('Delete “Renew passport”? Say “yes” to delete it, or “no” to keep it.');
    expect(asked.pending?.actions).toEqual([
      {
        tool: 'delete_task',
        input: expect.objectContaining({ task_id: expect.any(String) }),
        summary: 'Delete “Renew passport”',
      },
    ]);
    const deleted = await chat.say('yes');
    expect(tools(deleted)).toEqual(['delete_task']);
    expect(deleted.reply).toBe('Done:\n✓ Delete “Renew passport”');

    const final = await tasksOf(user);
    expect(final.map((t) => [t.title, t.completed, t.priority])).toEqual([
      ['Book dentist appointment', false, 'low'],
      ['Buy oat milk', false, 'medium'],
    ]);
  });

  it('lists due today and overdue in the user zone', async () => {
    const user = api((await signup('due')).token);
    const yesterday = new Date(Date.parse(NOW) - 36 * 3600_000).toISOString();
    await addTask(user, { title: 'Late thing', due_date: yesterday });
    const chat = chatter(user);
    await chat.say('add pay bills today');
    await chat.say('add plan holiday in 2 weeks');
    expect((await chat.say("what's due today?")).reply).toBe('Your tasks due today (1):\n1. Pay bills — due today');
    const overdue = await chat.say('show overdue tasks');
    expect(overdue.reply).toMatch(/^Your tasks that are overdue \(1\):\n1\. Late thing — due .* \(overdue\)$/);
    expect((await chat.say('show completed tasks')).reply).toBe('You have no completed tasks.');
    // One named day: only what falls on it, in the user's zone.
    const inTwoWeeks = await chat.say('what is due in 2 weeks?');
    expect(inTwoWeeks.reply).toMatch(/^Your tasks due \w{3} \d{1,2} \w{3}(?: \d{4})? \(1\):\n1\. Plan holiday — due /);
  });

  it('asks which task when a reference is ambiguous, changes nothing, then takes the number', async () => {
    const user = api((await signup('ambig')).token);
    const chat = chatter(user);
    await chat.say('add buy milk');
    await chat.say('add buy milk powder');
    const before = await tasksOf(user);

    const asked = await chat.say('complete milk');
    expect(asked.reply).toBe('Which one do you mean?\n1. Buy milk powder\n2. Buy milk\nSay the number.');
    expect(tools(asked)).toEqual(['list_tasks']);
    expect(await tasksOf(user)).toEqual(before);

    const answered = await chat.say('2');
    expect(answered.reply).toBe('Marked “Buy milk” as done.');
    const after = await tasksOf(user);
    expect(after.find((t) => t.title === 'Buy milk')!.completed).toBe(true);
    expect(after.find((t) => t.title === 'Buy milk powder')!.completed).toBe(false);
  });

  it('is forgiving about case, typos and word order, and prefers the exact title', async () => {
    const user = api((await signup('fuzzy')).token);
    const chat = chatter(user);
    await chat.say('add Call Mom');
    await chat.say('add call mom about christmas');
    await chat.say('add Quarterly tax report');
    expect((await chat.say('complete CALL MOM')).reply).toBe('Marked “Call Mom” as done.');
    // A close match is found, but a delete of a guess waits for the user; the exact title deletes at once.
    expect((await chat.say('delete report tax quartely')).reply).toBe(
      'Delete “Quarterly tax report”? Say “yes” to delete it, or “no” to keep it.',
    );
    expect((await chat.say('no')).reply).toBe('Cancelled: nothing was changed.');
    expect((await tasksOf(user)).map((t) => t.title)).toContain('Quarterly tax report');
    expect((await chat.say('delete quarterly TAX report')).reply).toBe('Deleted “Quarterly tax report”.');
  });

  it('says what it can do when it does not understand, and what went wrong otherwise', async () => {
    const user = api((await signup('confused')).token);
    const chat = chatter(user);
    const unknown = await chat.say('what is the weather in Paris');
    expect(unknown.reply).toMatch(/^Sorry, I didn’t understand that\. I can add, list, complete/);
    expect(unknown.actions).toEqual([]);
    expect((await chat.say('complete the unicorn')).reply).toBe(
      'I couldn’t find a task matching “unicorn”. Say “list” to see your tasks.',
    );
    expect((await chat.say('done 3')).reply).toBe('I haven’t shown you a numbered list yet — say “list” first.');
    await chat.say('add one');
    await chat.say('list');
    expect((await chat.say('delete 5')).reply).toBe('There’s no task 5 in my last list (it had 1).');
    const long = await chat.say(`add ${'x'.repeat(300)}`);
    expect(long.reply).toBe('I couldn’t do that: title: Must be at most 255 characters.');
    expect(long.actions[0]!.output).toMatchObject({ error: { code: 'validation_error' } });
    expect(await tasksOf(user)).toHaveLength(1);
  });

  it("writes dates as the dashboard does (one formatter), in the locale of the request's Accept-Language", async () => {
    const user = api((await signup('locale')).token);
    const say = (message: string, language?: string) =>
      jsonOf(
        user.api.v1.chat.$post(
          { json: { message, timezone: 'Europe/Berlin' } },
          language ? { headers: { 'Accept-Language': language } } : undefined,
        ),
        200,
      );
    // No header: en-GB, 24-hour.
    expect((await say('add call mom friday at 5pm')).reply).toBe('Added “Call mom” — due Fri 27 Nov 17:00.');
    const us = await say('add pay rent on dec 1', 'en-US,en;q=0.9');
    expect(us.reply).toBe('Added “Pay rent” — due Tue, Dec 1.');
    const de = await say('add renew passport tomorrow at 9am', 'de-DE,de;q=0.9,en;q=0.5');
    const due = outputIn(de.actions[0], 'add_task').due_date!;
    const words = dueWords(due, new Date(NOW), { timeZone: 'Europe/Berlin', locale: 'de-DE', inSentence: true });
    expect(words).toMatch(/^morgen 09:00$/);
    expect(de.reply).toBe(`Added “Renew passport” — due ${words}.`);
    // A listing uses the same words.
    const listed = await say('list', 'en-US');
    expect(listed.reply).toContain('— due Tue, Dec 1');
  });

  it('adds from a bare phrase with a date or priority, as in "buy groceries tomorrow, high priority"', async () => {
    const user = api((await signup('bare')).token);
    const chat = chatter(user);
    const r = await chat.say('buy groceries tomorrow, high priority');
    expect(tools(r)).toEqual(['add_task']);
    expect(r.reply).toBe('Added “Buy groceries” — high priority, due tomorrow.');
    expect(await tasksOf(user)).toEqual([r.actions[0]!.output]);
    // A question with a date is not a task.
    const q = await chat.say('is the dentist tomorrow?');
    expect(tools(q)).not.toContain('add_task');
    expect(await tasksOf(user)).toHaveLength(1);
  });

  it('clears every completed task, and only those, only its own user', async () => {
    const [user, other] = [api((await signup('clear')).token), api((await signup('clear-other')).token)];
    const make = async (c: Api, title: string, completed: boolean) => {
      const t = await jsonOf(addTask(c, { title }), 201);
      if (completed) await toggle(c, t.id);
      return t;
    };
    await make(user, 'Old report', true);
    await make(user, 'Old call', true);
    const open = await make(user, 'Still open', false);
    const theirs = await make(other, 'Their finished task', true);

    const r = await chatter(user).say('clear all completed tasks');
    expect(tools(r)).toEqual(['list_tasks']);
    expect(r.reply).toMatch(
      /^Delete 2 completed tasks: “Old (report|call)”, “Old (report|call)”\? Say “yes” to delete them\.$/,
    );
    expect(await tasksOf(user)).toHaveLength(3);
    // Confirmed with the pending set's id, as the chat panel's button does.
    const json = { conversation_id: r.conversation_id, confirm: r.pending!.id };
    const done = await jsonOf(user.api.v1.chat.$post({ json }), 200);
    expect(tools(done)).toEqual(['delete_task', 'delete_task']);
    expect(done.reply).toMatch(/^Done:\n✓ Delete “Old (report|call)”\n✓ Delete “Old (report|call)”$/);
    expect((await tasksOf(user)).map((t) => t.id)).toEqual([open.id]);
    const stillTheirs = await jsonOf(other.api.v1.tasks[':id'].$get({ param: { id: theirs.id } }), 200);
    expect(stillTheirs).toMatchObject({ completed: true });

    const again = await chatter(user).say('remove the done ones');
    expect(again.reply).toBe('You have no completed tasks — nothing to clear.');
    expect(tools(again)).toEqual(['list_tasks']);
  });

  it('keeps a 30-line listing of long titles whole within one reply', async () => {
    const user = api((await signup('long-list')).token);
    for (let i = 0; i < 32; i++) {
      await addTask(user, { title: `Task ${String(i).padStart(2, '0')} ${'x'.repeat(240)}` });
    }
    const r = await chatter(user).say('list');
    const lines = r.reply.split('\n');
    expect(lines[0]).toBe('Your tasks (32):');
    expect(lines.slice(1, 31).every((l, i) => l.startsWith(`${i + 1}. Task `) && l.endsWith('…'))).toBe(true);
    expect(lines.at(-1)).toBe('…and 2 more.');
  });

  it('marks everything done at once, and "undo" reopens exactly those', async () => {
    const user = api((await signup('all-done')).token);
    const chat = chatter(user);
    await chat.say('add one');
    await chat.say('add two');
    await chat.say('add three');
    await chat.say('complete three');
    const r = await chat.say('mark everything as done');
    expect(r.reply).toMatch(/^Mark 2 tasks as done: “(One|Two)”, “(One|Two)”\? Say “yes” to go ahead\.$/);
    expect((await tasksOf(user)).filter((t) => t.completed)).toHaveLength(1);
    expect((await chat.say('go ahead')).reply).toMatch(/^Done:\n✓ Complete “(One|Two)”\n✓ Complete “(One|Two)”$/);
    expect((await tasksOf(user)).every((t) => t.completed)).toBe(true);
    expect((await chat.say('undo')).reply).toMatch(/^Reopened “(One|Two)”; reopened “(One|Two)”\.$/);
    expect((await tasksOf(user)).filter((t) => t.completed).map((t) => t.title)).toEqual(['Three']);
  });

  it('undoes its own last change, and never one the dashboard has changed since', async () => {
    const user = api((await signup('undo')).token);
    const chat = chatter(user);
    const titles = async () => (await tasksOf(user)).map((t) => `${t.title}${t.completed ? ' ✓' : ''}`).sort();

    expect((await chat.say('undo')).reply).toMatch(/^There’s nothing for me to undo/);
    await chat.say('add buy milk tomorrow');
    expect((await chat.say('undo')).reply).toBe('Removed “Buy milk”.');
    expect(await titles()).toEqual([]);
    // Undoing the undo brings it back.
    expect((await chat.say('undo')).reply).toBe('Restored “Buy milk”.');
    expect(await titles()).toEqual(['Buy milk']);

    await chat.say('add call mom');
    await chat.say('list');
    // Both parts of a two-part edit, in one change.
    await chat.say('rename 1 to Call dad, high priority');
    expect(await titles()).toEqual(['Buy milk', 'Call dad']);
    expect((await chat.say('cancel that')).reply).toMatch(
      /^Put back the (title and priority|priority and title) of “Call mom”\.$/,
    );
    expect(await titles()).toEqual(['Buy milk', 'Call mom']);

    await chat.say('done with call mom');
    expect((await chat.say('oops, undo')).reply).toBe('Reopened “Call mom”.');
    const mom = (await tasksOf(user)).find((t) => t.title === 'Call mom')!;
    await chat.say('delete call mom');
    // A question in between does not hide the change.
    await chat.say('list');
    expect((await chat.say('undo')).reply).toBe('Restored “Call mom”.');
    expect(await titles()).toEqual(['Buy milk', 'Call mom']);
    // Through the change log: the same task, same id and creation time, not a copy.
    expect((await tasksOf(user)).find((t) => t.title === 'Call mom')).toMatchObject({
      id: mom.id,
      created_at: mom.created_at,
    });

    // A change made elsewhere after the agent's wins: the undo leaves that task alone.
    const done = await chat.say('complete buy milk');
    const milk = outputIn(done.actions.at(-1), 'complete_task');
    const renamed = await user.api.v1.tasks[':id'].$patch({ param: { id: milk.id }, json: { title: 'Buy oat milk' } });
    expect(renamed.status).toBe(200);
    expect((await chat.say('undo')).reply).toBe('Left “Buy milk” alone: it has changed since.');
    expect(await titles()).toEqual(['Buy oat milk ✓', 'Call mom']);
  });

  it("never reaches another user's tasks, even by id", async () => {
    const [a, b] = [api((await signup('ca')).token), api((await signup('cb')).token)];
    const secret = await jsonOf(addTask(a, { title: 'Alice secret' }), 201);
    const chat = chatter(b);
    const del = await chat.say(`delete ${secret.id}`);
    expect(del.actions[0]!.output).toMatchObject({ error: { code: 'not_found' } });
    expect(del.reply).toBe('That task no longer exists.');
    expect((await chat.say('complete alice secret')).reply).toMatch(/couldn’t find/);
    expect(await tasksOf(a)).toEqual([secret]);
  });
});

describe('conversations', () => {
  it('stores both sides with their actions and lists conversations', async () => {
    const user = api((await signup('convo')).token);
    const chat = chatter(user);
    await chat.say('Add read a book');
    await chat.say('list');
    const convos = await jsonOf(user.api.v1.conversations.$get(), 200);
    expect(convos).toEqual([expect.objectContaining({ id: chat.conversation, title: 'Add read a book' })]);
    const id = chat.conversation!;
    const messages = await jsonOf(user.api.v1.conversations[':id'].messages.$get({ param: { id } }), 200);
    expect(messages.map((m) => [m.role, m.content.split('\n')[0]])).toEqual([
      ['user', 'Add read a book'],
      ['assistant', 'Added “Read a book”.'],
      ['user', 'list'],
      ['assistant', 'Your tasks (1):'],
    ]);
    expect(messages[1]!.actions![0]!.tool).toBe('add_task');
    expect(messages[0]!.actions).toBeNull();
    expect(messages[3]).not.toHaveProperty('state');

    const other = api((await signup('nosy')).token);
    const conversation = (c: Api) => c.api.v1.conversations[':id'];
    expect((await conversation(other).messages.$get({ param: { id } })).status).toBe(404);
    expect((await conversation(other).$delete({ param: { id } })).status).toBe(404);
    expect((await other.api.v1.chat.$post({ json: { message: 'list', conversation_id: id } })).status).toBe(404);

    expect((await conversation(user).$delete({ param: { id } })).status).toBe(204);
    expect((await conversation(user).messages.$get({ param: { id } })).status).toBe(404);
    expect(await (await user.api.v1.conversations.$get()).json()).toEqual([]);
  });

  it('validates chat input, naming the field', async () => {
    const expectNamed = async (res: Answer, field: string) => {
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path).toBe(field);
    };
    for (const [json, field] of [
      [{ message: '' }, 'message'],
      [{ message: 'x'.repeat(2001) }, 'message'],
      [{ message: 'hi', timezone: 'Mars/Olympus' }, 'timezone'],
    ] satisfies [ChatInput, string][]) {
      await expectNamed(await me.api.v1.chat.$post({ json }), field);
    }
    // Raw: no message, and a number for the conversation, which the typed client refuses to send.
    for (const [body, field] of [
      [{}, 'message'],
      [{ message: 'hi', conversation_id: 5 }, 'conversation_id'],
    ] satisfies [object, string][]) {
      await expectNamed(await meRaw.post('/api/v1/chat', body), field);
    }
    const missing = await me.api.v1.chat.$post({ json: { message: 'hi', conversation_id: crypto.randomUUID() } });
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toEqual({ code: 'not_found', message: 'Conversation not found' });
  });

  it('needs a token', async () => {
    const res = await api('nope').api.v1.chat.$post({ json: { message: 'list' } });
    expect(res.status).toBe(401);
  });
});
