import { createRouter } from '../app';
import type { Message } from '../chat/types';
import { notFound } from '../lib/errors';
import { requireAuth } from '../middleware/auth';
import { isUuid } from '../lib/text';

const MESSAGES_LIMIT = 1000;

/** The public shape: the agent's private memory stays on the server. */
const publicMessage = ({ state: _, ...m }: Message) => m;

export const conversationsRoutes = createRouter()
  .use(requireAuth())
  .get('/', async (c) => {
    return c.json(await c.var.repos.conversations.list(c.var.userId, 100), 200);
  })
  .get('/:id/messages', async (c) => {
    const { conversations } = c.var.repos;
    const id = c.req.param('id');
    const conversation = isUuid(id) ? await conversations.get(c.var.userId, id) : null;
    if (!conversation) throw notFound('Conversation');
    const messages = await conversations.messages(c.var.userId, id, MESSAGES_LIMIT);
    return c.json(messages.map(publicMessage), 200);
  })
  .delete('/:id', async (c) => {
    const id = c.req.param('id');
    const removed = isUuid(id) && (await c.var.repos.conversations.remove(c.var.userId, id));
    if (!removed) throw notFound('Conversation');
    return c.body(null, 204);
  });
