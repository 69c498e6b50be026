import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepos } from '../db';
import { AppError } from '../lib/errors';
import { createConversationService } from './conversations';

// The database this project runs on (D1 here); the service never knows which.
const repos = createRepos(env);
afterAll(() => repos.close());
const conversations = createConversationService(repos.conversations, repos.pending);
const newUser = () => crypto.randomUUID();

async function status(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof AppError ? err.status : err;
}

describe('conversation service', () => {
  it('titles a conversation by the first line of its first message, clipped', async () => {
    const user = newUser();
    expect((await conversations.start(user, '  Plan the trip \nand book it')).title).toBe('Plan the trip');
    const long = await conversations.start(user, 'x'.repeat(200));
    expect([...long.title]).toHaveLength(80);
    expect(long.title.endsWith('…')).toBe(true);
  });

  it("answers someone else's conversation, a missing one and an impossible id alike: 404", async () => {
    const [user, other] = [newUser(), newUser()];
    const c = await conversations.start(user, 'Mine');
    for (const id of [c.id, crypto.randomUUID(), 'not-a-uuid']) {
      expect(await status(conversations.get(other, id))).toBe(404);
      expect(await status(conversations.transcript(other, id))).toBe(404);
      expect(await status(conversations.remove(other, id))).toBe(404);
    }
    expect(await conversations.get(user, c.id)).toEqual(c);
  });

  it('keeps a transcript, lists by activity and removes once', async () => {
    const user = newUser();
    const first = await conversations.start(user, 'first');
    const second = await conversations.start(user, 'second');
    await conversations.append(user, first.id, [{ role: 'user', content: 'hello' }]);
    expect((await conversations.list(user)).map((c) => c.id)).toEqual([first.id, second.id]);
    expect((await conversations.transcript(user, first.id)).map((m) => m.content)).toEqual(['hello']);
    await conversations.remove(user, first.id);
    expect(await status(conversations.remove(user, first.id))).toBe(404);
  });
});
