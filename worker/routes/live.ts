import { createRouter } from '../app';
import { AppError } from '../lib/errors';
import { validate } from '../lib/validate';
import { LiveQuerySchema } from '../live/schema';
import { requireAuth } from '../middleware/auth';

/**
 * Live push: a WebSocket per dashboard tab that hears the user's version after
 * every change. The token never goes in the URL: a single-use ticket does.
 */
export const liveRoutes = createRouter()
  .post('/ticket', requireAuth(), async (c) => {
    return c.json({ ticket: await c.var.live.ticket(c.var.userId) }, 200, { 'Cache-Control': 'no-store' });
  })
  .get('/', validate('query', LiveQuerySchema), async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError(426, 'upgrade_required', 'Open this URL as a WebSocket');
    }
    const userId = await c.var.live.redeem(c.req.valid('query').ticket);
    return c.var.live.connect(userId, c.req.raw, await c.var.tasks.version(userId));
  });
