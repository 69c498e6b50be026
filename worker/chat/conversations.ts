import type { ConversationRepo } from '../db';
import { notFound } from '../lib/errors';
import { clip, isUuid } from '../lib/text';
import type { Conversation, Message, NewMessage } from './types';

/** How many conversations a list shows, and how much of one a transcript does. */
const LIST_LIMIT = 100;
const TRANSCRIPT_LIMIT = 1000;

/** A conversation is titled by the first line of its first message. */
const titleFrom = (message: string) => clip(message.split('\n')[0]!.trim(), 80);

/**
 * The one place conversation rules live: the conversations routes and the
 * chat service both call it, every call scoped by the user id the caller got
 * from a verified token. Someone else's conversation answers exactly as a
 * missing one: 404.
 */
export function createConversationService(repo: ConversationRepo) {
  // Ids that cannot exist never reach the database.
  const checkId = (id: string) => {
    if (!isUuid(id)) throw notFound('Conversation');
  };

  async function get(userId: string, id: string): Promise<Conversation> {
    checkId(id);
    const conversation = await repo.get(userId, id);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  return {
    /** Most recently active first. */
    list: (userId: string): Promise<Conversation[]> => repo.list(userId, LIST_LIMIT),

    get,

    /** A new conversation for the message that opens it. */
    start: (userId: string, firstMessage: string): Promise<Conversation> =>
      repo.create(userId, titleFrom(firstMessage)),

    /** The conversation's messages, oldest first (the latest TRANSCRIPT_LIMIT of them). */
    async transcript(userId: string, id: string): Promise<Message[]> {
      await get(userId, id);
      return repo.messages(userId, id, TRANSCRIPT_LIMIT);
    },

    /** The last `limit` messages, oldest first, of a conversation already known to be the user's. */
    recent: (userId: string, id: string, limit: number): Promise<Message[]> => repo.messages(userId, id, limit),

    /** Appends in order, each message later than any stored before it. */
    append: (userId: string, id: string, messages: NewMessage[]): Promise<Message[]> =>
      repo.append(userId, id, messages),

    async remove(userId: string, id: string): Promise<void> {
      checkId(id);
      if (!(await repo.remove(userId, id))) throw notFound('Conversation');
    },
  };
}
export type ConversationService = ReturnType<typeof createConversationService>;
