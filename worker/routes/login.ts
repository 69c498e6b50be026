import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { INVALID_CREDENTIALS, type Session } from '../auth/service';
import { AppError } from '../lib/errors';
import { clientKey, type Hit } from '../lib/rate-limit';

/**
 * A login under the login rate limits, wherever the password is typed (the
 * API's login route and the OAuth consent page), so the consent page is no
 * way around them. Failures, not attempts, count against an email, and
 * strictly only per client.
 */
export async function limitedLogin(c: Context<AppEnv>, input: { email: string; password: string }): Promise<Session> {
  const client = clientKey(c.req.raw.headers);
  const failures: Hit[] = [
    ['loginFailEmailClient', `${input.email} ${client}`],
    ['loginFailEmail', input.email],
  ];
  await c.var.limiter.check([['loginClient', client]]);
  await c.var.limiter.guard(failures);
  try {
    return await c.var.auth.login(input);
  } catch (err) {
    if (err instanceof AppError && err.code === INVALID_CREDENTIALS) await c.var.limiter.fail(failures);
    throw err;
  }
}
