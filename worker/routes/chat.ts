import { createAgent } from '../agent';
import { createRouter } from '../app';
import { createChatService } from '../chat/service';
import { ChatSchema } from '../chat/schema';
import { parseEnv } from '../env';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

export const chatRoutes = createRouter()
  .use(requireAuth())
  .post('/', validate('json', ChatSchema), async (c) => {
    await c.var.limiter.check([['chatUser', c.var.userId]]);
    // Built here, not with the other services: only a chat reads the model's settings.
    const chat = createChatService({
      conversations: c.var.conversations,
      tasks: c.var.tasks,
      agent: createAgent(parseEnv(c.env)),
    });
    return c.json(await chat.send(c.var.userId, c.req.valid('json'), c.var.clock()), 200);
  });
