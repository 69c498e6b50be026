import { describe, expect, it } from 'vitest';
import type { Message } from '../../chat/types';
import type { ConversationRepo } from '../repo';
import { newUser, type ContractContext } from './context';

const contents = (msgs: Message[]) => msgs.map((m) => m.content);
const strictlyLater = (msgs: Message[]) =>
  msgs.every((m, i) => i === 0 || Date.parse(m.created_at) > Date.parse(msgs[i - 1]!.created_at));

/** Conversations and their messages: kept in order, scoped to their user. */
export function conversationContract(ctx: ContractContext) {
  const conversations = (): ConversationRepo => ctx.repos.conversations;

  describe(`${ctx.dialect}: conversations`, () => {
    it('keeps messages in order with their actions, scoped to the user', async () => {
      const [user, other] = [newUser(), newUser()];
      const c = await conversations().create(user, 'First chat');
      const actions = [{ tool: 'add_task', input: { title: 'x' }, output: { ok: true } }];
      await conversations().append(user, c.id, [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'hi', actions },
      ]);
      await conversations().append(user, c.id, [{ role: 'user', content: 'again' }]);
      const msgs = await conversations().messages(user, c.id, 50);
      expect(msgs.map((m) => [m.role, m.content])).toEqual([
        ['user', 'hello'],
        ['assistant', 'hi'],
        ['user', 'again'],
      ]);
      expect((await conversations().get(user, c.id))!.updated_at).toBe(msgs.at(-1)!.created_at);
      expect(msgs[1]!.actions).toEqual(actions);
      expect(msgs[0]!.actions).toBeNull();
      expect(contents(await conversations().messages(user, c.id, 2))).toEqual(['hi', 'again']);
      expect(await conversations().messages(other, c.id, 50)).toEqual([]);
      expect(await conversations().get(other, c.id)).toBeNull();
      expect(await conversations().remove(other, c.id)).toBe(false);
    });

    it("refuses to append to another user's conversation, storing nothing", async () => {
      const [user, other] = [newUser(), newUser()];
      const c = await conversations().create(user, 'Mine');
      await expect(conversations().append(other, c.id, [{ role: 'user', content: 'intruder' }])).rejects.toThrow();
      expect(await conversations().messages(user, c.id, 10)).toEqual([]);
      expect(await conversations().get(user, c.id)).toEqual(c);
    });

    it('lists most recently active first and deletes with messages', async () => {
      const user = newUser();
      const a = await conversations().create(user, 'a');
      const b = await conversations().create(user, 'b');
      await conversations().append(user, a.id, [{ role: 'user', content: 'bump' }]);
      expect((await conversations().list(user, 10)).map((c) => c.title)).toEqual(['a', 'b']);
      expect(await conversations().remove(user, a.id)).toBe(true);
      expect(await conversations().messages(user, a.id, 10)).toEqual([]);
      expect((await conversations().list(user, 10)).map((c) => c.id)).toEqual([b.id]);
    });
  });
}

/** Every message later than the one before, whatever the concurrency or the instances' clocks. */
export function messageOrderContract(ctx: ContractContext) {
  const conversations = (): ConversationRepo => ctx.repos.conversations;

  describe(`${ctx.dialect}: message order`, () => {
    it('gives every appended message a later time than the one before, even in a burst', async () => {
      const user = newUser();
      const c = await conversations().create(user, 'Burst');
      for (let i = 0; i < 20; i++) await conversations().append(user, c.id, [{ role: 'user', content: `m${i}` }]);
      const msgs = await conversations().messages(user, c.id, 50);
      expect(contents(msgs)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
      expect(strictlyLater(msgs)).toBe(true);
    });

    it('keeps concurrent appends in order, and no two messages share a time', async () => {
      // Many turns answered at once (two tabs, two Worker instances): each
      // appends a question and its answer, which must stay side by side.
      const user = newUser();
      const c = await conversations().create(user, 'Busy');
      const turns = Array.from({ length: 12 }, (_, i) => i);
      await Promise.all(
        turns.map((i) =>
          conversations().append(user, c.id, [
            { role: 'user', content: `q${i}` },
            { role: 'assistant', content: `a${i}` },
          ]),
        ),
      );
      const msgs = await conversations().messages(user, c.id, 100);
      expect(msgs).toHaveLength(2 * turns.length);
      expect(strictlyLater(msgs)).toBe(true);
      for (let k = 0; k < msgs.length; k += 2) expect(msgs[k + 1]!.content).toBe(msgs[k]!.content.replace('q', 'a'));
      expect(contents(msgs).sort()).toEqual(turns.flatMap((i) => [`q${i}`, `a${i}`]).sort());
    });

    it("places a new message after the last one even when that one's time is ahead of this clock", async () => {
      // Another Worker instance, its clock a minute ahead, stored the last
      // message; this one's clock is a minute behind that message.
      const at = Date.parse('2031-03-14T15:09:26.535Z');
      const user = newUser();
      let conversationId = '';
      await ctx.withInstance(
        () => new Date(at + 60_000),
        async (ahead) => {
          conversationId = (await ahead.conversations.create(user, 'Skewed')).id;
          await ahead.conversations.append(user, conversationId, [{ role: 'user', content: 'from the future' }]);
        },
      );
      await ctx.withInstance(
        () => new Date(at),
        async (behind) => {
          const reply = { role: 'assistant', content: 'after it' } as const;
          const [stored] = await behind.conversations.append(user, conversationId, [reply]);
          expect(stored!.created_at).toBe(new Date(at + 60_001).toISOString());
          const msgs = await behind.conversations.messages(user, conversationId, 10);
          expect(contents(msgs)).toEqual(['from the future', 'after it']);
          expect((await behind.conversations.get(user, conversationId))!.updated_at).toBe(stored!.created_at);
        },
      );
    });
  });
}
