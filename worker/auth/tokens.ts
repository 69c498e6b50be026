import type { PersonalTokenRepo } from '../db';
import type { Clock } from '../lib/clock';
import { notFound, unauthorized } from '../lib/errors';
import { isUuid } from '../lib/text';
import { hashSecret, newSecret } from './secrets';
import type { CreateToken } from './token-schema';
import type { PersonalToken } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Personal access tokens: long-lived bearer secrets a user makes for a program (an MCP client, a script). */
export function createTokenService(repo: PersonalTokenRepo, clock: Clock) {
  return {
    /** The token with its secret: the only time the secret is ever shown. */
    async create(userId: string, input: CreateToken): Promise<PersonalToken & { token: string }> {
      const token = newSecret('personal');
      const days = input.expires_in_days ?? null;
      const expiresAt = days === null ? null : new Date(clock().getTime() + days * DAY_MS);
      const created = await repo.create(userId, { name: input.name, tokenHash: await hashSecret(token), expiresAt });
      return { ...created, token };
    },

    list: (userId: string) => repo.list(userId),

    async revoke(userId: string, id: string): Promise<void> {
      if (!isUuid(id) || !(await repo.remove(userId, id))) throw notFound('Token');
    },

    /** The user a presented token belongs to; 401 when it is unknown, revoked or expired. */
    async authenticate(secret: string): Promise<string> {
      const found = await repo.use(await hashSecret(secret));
      if (!found) throw unauthorized('Invalid, revoked or expired token');
      return found.userId;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
