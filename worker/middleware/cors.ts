import { cors as honoCors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app';

const parseOrigins = (list: string | undefined) =>
  (list ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);

/**
 * Same origin by default; other origins only when listed in CORS_ORIGINS.
 * An unlisted origin gets no CORS headers, so the browser blocks it.
 */
export const cors = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const allowed = parseOrigins(c.env.CORS_ORIGINS);
    return honoCors({
      origin: (origin) => (allowed.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Mcp-Session-Id', 'Mcp-Protocol-Version'],
      exposeHeaders: ['ETag', 'Location', 'Retry-After', 'Mcp-Session-Id'],
      maxAge: 600,
    })(c, next);
  });
