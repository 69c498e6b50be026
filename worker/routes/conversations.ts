import { createRouter } from '../app';
import type { Message } from '../chat/types';
import { requireAuth } from '../middleware/auth';

/** The public shape: the agent's private memory stays on the server. */
const publicMessage = ({ state: _, ...m }: Message) => m;

export const conversationsRoutes = createRouter()
  .use(requireAuth())
  .get('/', async (c) => {
    return c.json(await c.var.conversations.list(c.var.userId), 200);
  })
  .get('/:id/messages', async (c) => {
    const messages = await c.var.conversations.transcript(c.var.userId, c.req.param('id'));
    return c.json(messages.map(publicMessage), 200);
  })
  .delete('/:id', async (c) => {
    await c.var.conversations.remove(c.var.userId, c.req.param('id'));
    return c.body(null, 204);
  });
