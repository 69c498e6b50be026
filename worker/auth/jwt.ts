import { sign, verify } from 'hono/jwt';
import { unauthorized } from '../lib/errors';

const ALG = 'HS256';
export const TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface TokenClaims {
  sub: string;
  email?: string;
  name?: string;
}

export async function issueToken(claims: TokenClaims, secret: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign({ ...claims, iat, exp: iat + TOKEN_TTL_SECONDS }, secret, ALG);
}

/**
 * Accepts any HS256 token signed with the secret that names a user in `sub`
 * and carries `exp` (an external issuer may share the secret). The algorithm
 * is pinned, so `alg: none` or RS256-with-the-secret-as-key tokens fail.
 * Times are checked against `now` (the app's clock), not hono's Date.now().
 */
export async function verifyToken(token: string, secret: string, now: Date): Promise<TokenClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, { alg: ALG, exp: false, nbf: false, iat: false });
  } catch {
    throw unauthorized('Invalid token');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  const time = (claim: unknown) => (typeof claim === 'number' && Number.isFinite(claim) ? claim : undefined);
  const exp = time(payload.exp);
  if (exp === undefined) throw unauthorized('Token has no expiry (exp)');
  if (exp <= seconds) throw unauthorized('Token expired; log in again');
  if (payload.nbf !== undefined && !((time(payload.nbf) ?? Infinity) <= seconds)) throw unauthorized('Invalid token');
  if (payload.iat !== undefined && !((time(payload.iat) ?? Infinity) <= seconds)) throw unauthorized('Invalid token');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    throw unauthorized('Token has no subject (sub)');
  }
  return {
    sub: payload.sub,
    email: typeof payload.email === 'string' ? payload.email : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
