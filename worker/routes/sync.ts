import { createRouter } from '../app';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';
import { SyncQuerySchema } from '../tasks/schema';

/** What changed after the version a client has: its cost grows with the changes, not the list. */
export const syncRoutes = createRouter()
  .use(requireAuth())
  .get('/', validate('query', SyncQuerySchema), async (c) => {
    const result = await c.var.tasks.sync(c.var.userId, c.req.valid('query').since);
    return c.json(result, 200, { 'Cache-Control': 'private, no-cache' });
  });
