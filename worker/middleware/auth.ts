import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { verifyToken } from '../auth/jwt';
import { kindOf } from '../auth/secrets';
import { parseEnv } from '../env';
import { AppError, unauthorized } from '../lib/errors';

/** The protected resource metadata of /mcp (RFC 9728, path-suffixed), which names the authorization server. */
export const resourceMetadataUrl = (c: Context<AppEnv>) =>
  `${new URL(c.req.url).origin}/.well-known/oauth-protected-resource/mcp`;

/** The user a bearer credential stands for: a personal access token, an OAuth access token or a login JWT. */
async function claimsOf(c: Context<AppEnv>, token: string, oauth: boolean): Promise<AppEnv['Variables']['claims']> {
  switch (kindOf(token)) {
    case 'personal':
      return { sub: await c.var.personalTokens.authenticate(token) };
    case 'access':
      // Issued for /mcp (its audience); the REST API does not take it.
      if (!oauth) throw unauthorized('OAuth access tokens work only on /mcp; use a personal access token here');
      return { sub: await c.var.oauth.authenticate(token) };
    case 'refresh':
    case 'code':
      throw unauthorized('That is not a bearer token; exchange it at /oauth/token');
    default:
      return verifyToken(token, parseEnv(c.env).JWT_SECRET, c.var.clock());
  }
}

/**
 * Requires `Authorization: Bearer <credential>` and binds the user: every
 * handler after it reads the user id from here and nowhere else. Rate limits
 * key on that user id, so they count per user whatever the credential.
 *
 * With `mcp`, OAuth access tokens are accepted too, and a 401 carries the
 * `WWW-Authenticate` challenge that starts an MCP client's OAuth discovery.
 *
 * @example router.use(requireAuth())
 */
export const requireAuth = (options: { mcp?: boolean } = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let claims: AppEnv['Variables']['claims'];
    try {
      if (!match) throw unauthorized(header ? 'Authorization must be "Bearer <token>"' : 'Missing bearer token');
      claims = await claimsOf(c, match[1]!, options.mcp === true);
    } catch (err) {
      if (!options.mcp || !(err instanceof AppError) || err.status !== 401) throw err;
      const error = match ? ', error="invalid_token"' : '';
      const challenge = `Bearer resource_metadata="${resourceMetadataUrl(c)}"${error}`;
      throw new AppError(401, err.code, err.message, undefined, { 'WWW-Authenticate': challenge });
    }
    c.set('claims', claims);
    c.set('userId', claims.sub);
    await next();
  });
