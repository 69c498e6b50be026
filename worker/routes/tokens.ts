import { createRouter } from '../app';
import { CreateTokenSchema } from '../auth/token-schema';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

/** Personal access tokens: the secret is in the 201 answer and nowhere else, ever. */
export const tokensRoutes = createRouter()
  .use(requireAuth())
  .post('/', validate('json', CreateTokenSchema), async (c) => {
    return c.json(await c.var.personalTokens.create(c.var.userId, c.req.valid('json')), 201);
  })
  .get('/', async (c) => {
    return c.json(await c.var.personalTokens.list(c.var.userId), 200);
  })
  .delete('/:id', async (c) => {
    await c.var.personalTokens.revoke(c.var.userId, c.req.param('id'));
    return c.body(null, 204);
  });
