import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app';
import { AppError, tooLarge } from '../lib/errors';

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** Rejects bodies that are too large or not JSON, before any handler reads them. */
export const jsonBody = () => {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge(MAX_BODY_BYTES);
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    const hasBody = Number(c.req.header('Content-Length') ?? 0) > 0 || c.req.header('Transfer-Encoding') !== undefined;
    if (hasBody && !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
      throw new AppError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
    }
    return limit(c, next);
  });
};
