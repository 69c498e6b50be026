import type { ConversationRepo, PendingRepo } from '../db';
import { notFound } from '../lib/errors';
import { clip, isUuid } from '../lib/text';
import type { Conversation, Message, NewMessage, Pending } from './types';

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
export function createConversationService(repo: ConversationRepo, pending: PendingRepo) {
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

    /** Actions proposed in a conversation, held for the user's confirmation. */
    propose: (userId: string, id: string, set: Pending) => pending.propose(userId, id, set),

    /** The newest proposal still waiting in the conversation, if any. */
    waiting: (userId: string, id: string) => pending.latestOpen(userId, id),

    /**
     * Settles one proposal (`confirm` needs it unexpired); 404 when it is
     * unknown, someone else's, already settled or (to confirm) expired.
     */
    async settle(userId: string, id: string, pendingId: string, answer: 'confirm' | 'cancel'): Promise<Pending> {
      const gone = notFound('Pending action');
      if (!isUuid(pendingId)) throw gone;
      const set = await pending.settle(userId, id, pendingId, { unexpired: answer === 'confirm' });
      if (!set) {
        throw gone.withDetails({ reason: 'It already ran, was cancelled or replaced, or expired (after 10 minutes)' });
      }
      return set;
    },

    /** A new message drops whatever was still waiting. */
    dropWaiting: (userId: string, id: string) => pending.settleAll(userId, id),

    async remove(userId: string, id: string): Promise<void> {
      checkId(id);
      if (!(await repo.remove(userId, id))) throw notFound('Conversation');
    },
  };
}
export type ConversationService = ReturnType<typeof createConversationService>;
