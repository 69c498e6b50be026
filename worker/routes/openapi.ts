import { Scalar } from '@scalar/hono-api-reference';
import { createRouter } from '../app';
import { openApiDocument } from '../openapi/document';

/** Built once per isolate: it depends only on the code. */
let document: ReturnType<typeof openApiDocument> | undefined;

/**
 * The page loads Scalar's script from its CDN: only that script (by nonce),
 * its styles and fonts, and requests back to this origin (the document, and
 * "try it" calls) are allowed.
 */
const csp = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.scalar.com",
    'font-src https://fonts.scalar.com https://cdn.jsdelivr.net data:',
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The REST API describing itself: the OpenAPI document and a reference page that reads it. */
export const openApiRoutes = createRouter()
  .get('/openapi.json', (c) => {
    document ??= openApiDocument();
    return c.json(document, 200, { 'Cache-Control': 'public, max-age=300' });
  })
  .get(
    '/docs',
    Scalar((c) => {
      const nonce = crypto.randomUUID().replaceAll('-', '');
      c.header('Content-Security-Policy', csp(nonce));
      return { url: '/api/v1/openapi.json', pageTitle: 'Unified tasks API', nonce };
    }),
  );
