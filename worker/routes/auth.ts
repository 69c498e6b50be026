import { createRouter } from '../app';
import { LoginSchema, SignupSchema } from '../auth/schema';
import { INVALID_CREDENTIALS } from '../auth/service';
import { AppError } from '../lib/errors';
import { clientKey, type Hit } from '../lib/rate-limit';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

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
    const input = c.req.valid('json');
    const client = clientKey(c.req.raw.headers);
    // Failures, not attempts, count against an email, and strictly only per client.
    const failures: Hit[] = [
      ['loginFailEmailClient', `${input.email} ${client}`],
      ['loginFailEmail', input.email],
    ];
    await c.var.limiter.check([['loginClient', client]]);
    await c.var.limiter.guard(failures);
    try {
      return c.json(await c.var.auth.login(input), 200);
    } catch (err) {
      if (err instanceof AppError && err.code === INVALID_CREDENTIALS) await c.var.limiter.fail(failures);
      throw err;
    }
  })
  .get('/me', requireAuth(), async (c) => {
    return c.json({ user: await c.var.auth.me(c.var.claims) }, 200);
  });
