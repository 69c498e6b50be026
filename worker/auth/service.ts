import type { UserRepo } from '../db';
import type { User } from './types';
import type { Clock } from '../lib/clock';
import { AppError, conflict } from '../lib/errors';
import { issueToken } from './jwt';
import { decoyHash, hashPassword, verifyPassword } from './password';

export interface Session {
  token: string;
  user: User;
}

export type Profile = User | { id: string; email: string | null; name: string | null; created_at: null };

export const INVALID_CREDENTIALS = 'invalid_credentials';
const badCredentials = () => new AppError(401, INVALID_CREDENTIALS, 'Email or password is incorrect');

export function createAuthService(users: UserRepo, secret: () => string, clock: Clock) {
  const session = async (user: User, key: string): Promise<Session> => ({
    token: await issueToken(
      { sub: user.id, email: user.email, ...(user.name ? { name: user.name } : {}) },
      key,
      clock(),
    ),
    user,
  });

  return {
    async signup(input: { email: string; password: string; name?: string | null }): Promise<Session> {
      // Read first: a missing secret must fail before an account is stored.
      const key = secret();
      const user = await users.create({
        email: input.email,
        name: input.name ?? null,
        passwordHash: await hashPassword(input.password),
      });
      if (!user) throw conflict('An account with this email already exists');
      return session(user, key);
    },

    async login(input: { email: string; password: string }): Promise<Session> {
      const key = secret();
      const found = await users.findByEmail(input.email);
      // Same work and same answer whether or not the email exists.
      const ok = await verifyPassword(input.password, found?.passwordHash ?? (await decoyHash()));
      if (!found || !ok) throw badCredentials();
      const { passwordHash: _, ...user } = found;
      return session(user, key);
    },

    /** The token's user; one issued elsewhere (shared secret) may have no row here, so its claims stand in. */
    async me(claims: { sub: string; email?: string; name?: string }): Promise<Profile> {
      const user = await users.findById(claims.sub);
      return user ?? { id: claims.sub, email: claims.email ?? null, name: claims.name ?? null, created_at: null };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
