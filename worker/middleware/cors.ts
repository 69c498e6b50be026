import { cors as honoCors } from 'hono/cors';
import type { AppEnv } from '../app';
import { listedOrigins } from '../lib/origins';

/**
 * Same origin by default; other origins only when listed in CORS_ORIGINS.
 * An unlisted origin gets no CORS headers, so the browser blocks it.
 */
export const cors = () =>
  honoCors({
    origin: (origin, c: { env: AppEnv['Bindings'] }) =>
      listedOrigins(c.env.CORS_ORIGINS).includes(origin) ? origin : null,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'If-None-Match',
      'X-Source',
      'Mcp-Session-Id',
      'Mcp-Protocol-Version',
    ],
    exposeHeaders: ['ETag', 'Location', 'Retry-After', 'Mcp-Session-Id'],
    maxAge: 600,
  });
