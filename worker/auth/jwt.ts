import { sign, verify } from 'hono/jwt';
import { unauthorized } from '../lib/errors';

const ALG = 'HS256';
export const TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface TokenClaims {
  sub: string;
  email?: string;
  name?: string;
}

export async function issueToken(claims: TokenClaims, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return sign({ ...claims, iat, exp: iat + TOKEN_TTL_SECONDS }, secret, ALG);
}

/**
 * Accepts any HS256 token signed with the secret that names a user in `sub`
 * and carries `exp` (an external issuer may share the secret). The algorithm
 * is pinned, so `alg: none` or RS256-with-the-secret-as-key tokens fail.
 */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, ALG);
  } catch (err) {
    const expired = err instanceof Error && err.name === 'JwtTokenExpired';
    throw unauthorized(expired ? 'Token expired; log in again' : 'Invalid token');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('Token has no expiry (exp)');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    throw unauthorized('Token has no subject (sub)');
  }
  return {
    sub: payload.sub,
    email: typeof payload.email === 'string' ? payload.email : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
