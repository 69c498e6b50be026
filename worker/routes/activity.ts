import { createRouter } from '../app';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';
import { ActivityQuerySchema } from '../tasks/schema';

/** The user's change log: what changed, from which interface, and undo of any entry. */
export const activityRoutes = createRouter()
  .use(requireAuth())
  .get('/', validate('query', ActivityQuerySchema), async (c) => {
    const events = await c.var.tasks.activity(c.var.userId, c.req.valid('query'));
    return c.json(events, 200, { 'Cache-Control': 'private, no-cache' });
  })
  .post('/:id/undo', async (c) => {
    return c.json(await c.var.tasks.undo(c.var.userId, c.req.param('id')), 200);
  });
