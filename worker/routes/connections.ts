import { createRouter } from '../app';
import { requireAuth } from '../middleware/auth';

/** Connected apps: the OAuth clients a user approved; revoking one ends every token it holds at once. */
export const connectionsRoutes = createRouter()
  .use(requireAuth())
  .get('/', async (c) => {
    return c.json(await c.var.oauth.grants(c.var.userId), 200);
  })
  .delete('/:id', async (c) => {
    await c.var.oauth.revoke(c.var.userId, c.req.param('id'));
    return c.body(null, 204);
  });
