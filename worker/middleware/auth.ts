import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app';
import { verifyToken } from '../auth/jwt';
import { parseEnv } from '../env';
import { unauthorized } from '../lib/errors';

/**
 * Requires `Authorization: Bearer <JWT>` and binds the user: every handler
 * after it reads the user id from here and nowhere else.
 *
 * @example router.use(requireAuth())
 */
export const requireAuth = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthorized(header ? 'Authorization must be "Bearer <token>"' : 'Missing bearer token');
    const claims = await verifyToken(match[1]!, parseEnv(c.env).JWT_SECRET, c.var.clock());
    c.set('claims', claims);
    c.set('userId', claims.sub);
    await next();
  });
