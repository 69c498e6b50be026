import { createRouter } from '../app';
import { LoginSchema, SignupSchema } from '../auth/schema';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

export const authRoutes = createRouter()
  .post('/signup', validate('json', SignupSchema), async (c) => {
    return c.json(await c.var.auth.signup(c.req.valid('json')), 201);
  })
  .post('/login', validate('json', LoginSchema), async (c) => {
    return c.json(await c.var.auth.login(c.req.valid('json')), 200);
  })
  .get('/me', requireAuth(), async (c) => {
    return c.json({ user: await c.var.auth.me(c.var.claims) }, 200);
  });
