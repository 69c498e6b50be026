import { describe, expect, it } from 'vitest';
import { errorOf, jsonOf, world, type Api } from '../test/helpers';

const NOW = '2026-11-23T09:00:00Z';
const { api, client, signup } = world(NOW);

type Chat = Api['api']['v1']['chat'];
const post = (c: Api, json: Parameters<Chat['$post']>[0]['json']) => c.api.v1.chat.$post({ json });
const tasksOf = (c: Api) => jsonOf(c.api.v1.tasks.$get({ query: {} }), 200);

/** A user with three completed tasks and a proposal to clear them, waiting (made at `at`, if given). */
async function proposal(tag: string, at?: string) {
  const w = at ? world(at) : { api, signup };
  const { token } = await w.signup(tag);
  const me = w.api(token);
  for (const title of ['Old one', 'Old two', 'Old three']) {
    const t = await jsonOf(me.api.v1.tasks.$post({ json: { title } }), 201);
    await me.api.v1.tasks[':id'].toggle.$patch({ param: { id: t.id } });
  }
  const asked = await jsonOf(post(me, { message: 'clear completed' }), 200);
  expect(asked.pending?.actions).toHaveLength(3);
  return { me, token, conversation_id: asked.conversation_id, pending: asked.pending! };
}

describe('confirmation before risky actions', () => {
  it('holds the proposal, shows it in the conversation, and runs it once on confirm', async () => {
    const { me, conversation_id, pending } = await proposal('confirm');
    expect(pending.expires_at).toBe(new Date(Date.parse(pending.expires_at)).toISOString());
    expect(Date.parse(pending.expires_at) - Date.parse(NOW)).toBeGreaterThan(9 * 60_000);
    expect(await tasksOf(me)).toHaveLength(3);
    const messages = await jsonOf(
      me.api.v1.conversations[':id'].messages.$get({ param: { id: conversation_id } }),
      200,
    );
    expect(messages.at(-1)?.pending).toEqual(pending);

    // Two confirms race: one runs the set, the other finds nothing left to confirm.
    const [a, b] = await Promise.all([
      post(me, { conversation_id, confirm: pending.id }),
      post(me, { conversation_id, confirm: pending.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 404]);
    expect(await tasksOf(me)).toEqual([]);
    const events = await jsonOf(me.api.v1.activity.$get({ query: {} }), 200);
    expect(events.filter((e) => e.action === 'deleted').map((e) => e.source)).toEqual(['chat', 'chat', 'chat']);
  });

  it('cancels on cancel, on "no", or when any other message comes first; nothing runs', async () => {
    for (const how of ['cancel', 'no', 'other'] as const) {
      const { me, conversation_id, pending } = await proposal(`cancel-${how}`);
      if (how === 'cancel') {
        const r = await jsonOf(post(me, { conversation_id, cancel: pending.id }), 200);
        expect(r).toMatchObject({ reply: 'Cancelled: nothing was changed.', actions: [] });
      } else {
        const r = await jsonOf(post(me, { conversation_id, message: how === 'no' ? 'nope' : 'add buy bread' }), 200);
        if (how === 'no') expect(r.reply).toBe('Cancelled: nothing was changed.');
      }
      const late = await post(me, { conversation_id, confirm: pending.id });
      expect(late.status, how).toBe(404);
      expect((await tasksOf(me)).filter((t) => t.title.startsWith('Old'))).toHaveLength(3);
    }
  });

  it('expires after 10 minutes', async () => {
    // Proposed at 12:00 on a clock of its own, so it expires at 12:10 (plus the moments this test takes).
    const { token, conversation_id, pending } = await proposal('expire', '2026-11-23T12:00:00Z');
    expect(Date.parse(pending.expires_at) - Date.parse('2026-11-23T12:10:00Z')).toBeLessThan(5000);
    const later = world('2026-11-23T12:10:05Z').api(token);
    const res = await post(later, { conversation_id, confirm: pending.id });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found', message: 'Pending action not found' });
    // A "yes" after it expired answers nothing and runs nothing: there is nothing waiting.
    const yes = await jsonOf(post(later, { conversation_id, message: 'yes' }), 200);
    expect(yes.actions).toEqual([]);
    expect((await tasksOf(later)).filter((t) => t.completed)).toHaveLength(3);
  });

  it("answers 404 for an unknown, malformed or another user's proposal, or another conversation's", async () => {
    const { me, conversation_id, pending } = await proposal('own');
    const other = api((await signup('stranger')).token);
    const theirConversation = (await jsonOf(post(other, { message: 'hello' }), 200)).conversation_id;
    for (const [c, json] of [
      [other, { conversation_id, confirm: pending.id }],
      [other, { conversation_id: theirConversation, confirm: pending.id }],
      [me, { conversation_id, confirm: crypto.randomUUID() }],
      [me, { conversation_id, confirm: 'not-an-id' }],
      [me, { conversation_id, cancel: "1' or '1'='1" }],
    ] as const) {
      const res = await post(c, json);
      expect(res.status, JSON.stringify(json)).toBe(404);
    }
    expect(await tasksOf(me)).toHaveLength(3);
    expect((await post(me, { conversation_id, confirm: pending.id })).status).toBe(200);
  });

  it('refuses a request that is not exactly one of message, confirm or cancel (400, naming the field)', async () => {
    const raw = client((await signup('shape')).token);
    const id = crypto.randomUUID();
    for (const [body, path] of [
      [{}, 'message'],
      [{ message: 'hi', confirm: id, conversation_id: id }, 'confirm'],
      [{ confirm: id }, 'conversation_id'],
      [{ cancel: id }, 'conversation_id'],
    ] as const) {
      const res = await raw.post('/api/v1/chat', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        (await errorOf(res)).issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });
});
