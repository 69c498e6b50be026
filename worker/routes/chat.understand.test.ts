import { describe, expect, it } from 'vitest';
import { jsonOf, world, type Api } from '../test/helpers';

// Monday 23 November 2026, 10:00 in Berlin.
const NOW = '2026-11-23T09:00:00Z';
const { api, signup } = world(NOW);

/** A chat session for one user, keeping its conversation, in Berlin time. */
function chatter(c: Api) {
  let conversation: string | undefined;
  return async (message: string) => {
    const json = { message, timezone: 'Europe/Berlin', ...(conversation ? { conversation_id: conversation } : {}) };
    const body = await jsonOf(c.api.v1.chat.$post({ json }), 200);
    conversation = body.conversation_id;
    return body;
  };
}

const tasksOf = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: {} }), 200);
const tools = (r: { actions: { tool: string }[] }) => r.actions.map((a) => a.tool);
const CHANGING = ['add_task', 'update_task', 'complete_task', 'delete_task', 'undo_change'];

async function user(tag: string) {
  const me = api((await signup(tag)).token);
  return { me, say: chatter(me) };
}

describe('the built-in agent understands what people type', () => {
  it('adds several tasks from one message, each with its own details, and "undo" takes them all back', async () => {
    const { me, say } = await user('multi-add');
    const r = await say('add milk, eggs and bread');
    expect(tools(r)).toEqual(['add_task', 'add_task', 'add_task']);
    expect(r.reply).toBe('Added 3 tasks:\n1. Milk\n2. Eggs\n3. Bread');
    expect((await tasksOf(me)).map((t) => t.title).sort()).toEqual(['Bread', 'Eggs', 'Milk']);

    const two = await say('add call the plumber tomorrow and also email the landlord, high priority');
    expect(tools(two)).toEqual(['add_task', 'add_task']);
    const stored = await tasksOf(me);
    expect(stored.find((t) => t.title === 'Call the plumber')).toMatchObject({
      due_date: '2026-11-24',
      priority: 'medium',
    });
    expect(stored.find((t) => t.title === 'Email the landlord')).toMatchObject({ due_date: null, priority: 'high' });
    // The reply's numbers point at the new tasks.
    expect((await say('complete 2')).reply).toBe('Marked “Email the landlord” as done.');

    await say('add these:\n- pay rent\n- book the vet for friday');
    expect((await tasksOf(me)).find((t) => t.title === 'Book the vet')).toMatchObject({ due_date: '2026-11-27' });
    expect((await say('undo')).reply).toMatch(
      /^Removed “(Pay rent|Book the vet)”; removed “(Pay rent|Book the vet)”\.$/,
    );
    expect((await tasksOf(me)).map((t) => t.title).sort()).toEqual([
      'Bread',
      'Call the plumber',
      'Eggs',
      'Email the landlord',
      'Milk',
    ]);

    // One task with "and" in its name stays one task.
    expect(tools(await say('add research and development report'))).toEqual(['add_task']);
  });

  it('applies every part of a many-part edit in one change, or says which part it could not do', async () => {
    const { me, say } = await user('multi-edit');
    await say('add take out the trash');
    const r = await say('push the trash to friday at 7pm and make it low priority');
    expect(tools(r)).toEqual(['list_tasks', 'update_task']);
    expect(r.reply).toBe('“Take out the trash” is now low priority. “Take out the trash” is now due Fri 27 Nov 19:00.');
    const [trash] = await tasksOf(me);
    expect(trash).toMatchObject({ priority: 'low', due_date: '2026-11-27T18:00:00.000Z' });

    const partly = await say('move the trash to monday and make it pink');
    expect(partly.reply).toMatch(
      / is now due Mon 30 Nov\. I didn’t understand “make it pink”, so I didn’t do that part\.$/,
    );
    expect((await tasksOf(me))[0]).toMatchObject({ priority: 'low', due_date: '2026-11-30' });

    await say('rename the trash to Take out the recycling and make it high priority');
    expect((await tasksOf(me))[0]).toMatchObject({ title: 'Take out the recycling', priority: 'high' });
    // "undo" puts back both fields of that one change.
    await say('undo');
    expect((await tasksOf(me))[0]).toMatchObject({ title: 'Take out the trash', priority: 'low' });

    // A relative move counts from the due date the task has.
    expect(tools(await say('push the trash back 2 days'))).toEqual(['list_tasks', 'update_task']);
    expect((await tasksOf(me))[0]).toMatchObject({ due_date: '2026-12-02' });
  });

  it('finds a task through typos in the verb and the reference; a typo never deletes unasked', async () => {
    const { me, say } = await user('typos');
    await say('add dentist appointment');
    await say('add finish the slides');
    expect((await say('compelte the dentsit appointment')).reply).toBe('Marked “Dentist appointment” as done.');
    expect((await say('reopen dentsit')).reply).toBe('Reopened “Dentist appointment”.');

    const asked = await say('delte the dentsit');
    expect(tools(asked)).toEqual(['list_tasks']);
    expect(asked.reply).toBe('Delete “Dentist appointment”? Say “yes” to delete it, or “no” to keep it.');
    expect(await tasksOf(me)).toHaveLength(2);
    expect((await say('no')).reply).toBe('Cancelled: nothing was changed.');
    expect(await tasksOf(me)).toHaveLength(2);

    expect((await say('i finsihed the slides')).reply).toBe('Marked “Finish the slides” as done.');
  });

  it('turns a narrative sentence into the task it describes', async () => {
    const { me, say } = await user('narrative');
    const r = await say('I forgot to submit the expense report, it was due yesterday');
    expect(tools(r)).toEqual(['add_task']);
    expect(r.reply).toBe('Added “Submit the expense report” — due yesterday.');
    await say("don't let me forget the dentist at 3pm tomorrow");
    await say('I need to remember to call mom on sunday');
    const byTitle = Object.fromEntries((await tasksOf(me)).map((t) => [t.title, t.due_date]));
    expect(byTitle).toEqual({
      'Submit the expense report': '2026-11-22',
      Dentist: '2026-11-24T14:00:00.000Z',
      'Call mom': '2026-11-29',
    });
    expect((await say('anything overdue?')).reply).toBe(
      'Your tasks that are overdue (1):\n1. Submit the expense report — due yesterday (overdue)',
    );
  });

  it('answers questions in their everyday forms and never changes anything', async () => {
    const { me, say } = await user('questions');
    await say('add write the report today');
    await say('add call mom tomorrow');
    await say('add pay rent');
    await say('complete pay rent');
    const before = await tasksOf(me);

    const asked = [
      'anything overdue?',
      "what's left for today",
      'what do I have tomorrow',
      'did I finish the report?',
      'is the report done?',
      'did i pay rent',
      'how many tasks do I have',
      "what's due this week",
      'is the report high priority?',
      'should I delete the report?',
      'dinner with Sam tomorrow?',
      'is everything done?',
      "what's due next week?",
    ];
    const replies: Record<string, string> = {};
    for (const message of asked) {
      const r = await say(message);
      expect(
        tools(r).filter((t) => CHANGING.includes(t)),
        message,
      ).toEqual([]);
      expect(r.pending, message).toBeUndefined();
      replies[message] = r.reply;
    }
    expect(await tasksOf(me)).toEqual(before);

    expect(replies["what's left for today"]).toBe('Your pending tasks due today (1):\n1. Write the report — due today');
    expect(replies['what do I have tomorrow']).toBe('Your tasks due tomorrow (1):\n1. Call mom — due tomorrow');
    expect(replies['is the report done?']).toBe('No: “Write the report” — not done yet, due today.');
    expect(replies['did I finish the report?']).toBe(replies['is the report done?']);
    expect(replies['did i pay rent']).toBe('Yes: “Pay rent” — done.');
    expect(replies['how many tasks do I have']).toMatch(/^Your tasks \(3, 1 done\):/);
    expect(replies['is everything done?']).toMatch(/^Your pending tasks \(2\):/);
    expect(replies["what's due next week?"]).toBe('You have no pending tasks due next week.');
  });
});
