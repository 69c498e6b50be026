import { createRouter } from '../app';
import { LoginSchema, SignupSchema } from '../auth/schema';
import { clientKey } from '../lib/rate-limit';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';
import { limitedLogin } from './login';

export const authRoutes = createRouter()
  .post('/signup', validate('json', SignupSchema), async (c) => {
    const input = c.req.valid('json');
    await c.var.limiter.check([
      ['signupClient', clientKey(c.req.raw.headers)],
      ['signupEmail', input.email],
    ]);
    return c.json(await c.var.auth.signup(input), 201);
  })
  .post('/login', validate('json', LoginSchema), async (c) => {
    return c.json(await limitedLogin(c, c.req.valid('json')), 200);
  })
  .get('/me', requireAuth(), async (c) => {
    return c.json({ user: await c.var.auth.me(c.var.claims) }, 200);
  });
