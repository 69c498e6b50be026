import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app';
import { AppError } from '../lib/errors';
import { allowedHosts, hostAllowed, listedOrigins } from '../lib/origins';

const forbidden = (message: string) => new AppError(403, 'forbidden', message);

/**
 * DNS-rebinding protection, which the MCP transport requires of servers: a
 * page on another site whose name was re-pointed at this server arrives with
 * that site's Host and Origin, so both are checked before anything else.
 * Host must be one the app serves (ALLOWED_HOSTS, loopback by default);
 * Origin, when a browser sends one, must be the app's own or in CORS_ORIGINS.
 *
 * @example app.use('/mcp', sameSiteOnly())
 */
export const sameSiteOnly = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const url = new URL(c.req.url);
    if (!hostAllowed(url.hostname, allowedHosts(c.env.ALLOWED_HOSTS))) {
      throw forbidden(`Host ${url.host} is not served here; list it in ALLOWED_HOSTS`);
    }
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== url.origin && !listedOrigins(c.env.CORS_ORIGINS).includes(origin)) {
      throw forbidden(`Origin ${origin} may not call ${url.pathname}; list it in CORS_ORIGINS`);
    }
    await next();
  });
