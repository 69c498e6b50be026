import { eq } from 'drizzle-orm';
import type { User } from '../../auth/types';
import type { Clock } from '../../lib/clock';
import type { UserRepo } from '../repo';
import { iso, type NewRow, type Row } from './rows';
import type { TableStatements } from './statements';

export type UserStatements = TableStatements<Row<'users'>, NewRow<'users'>>;

const toUser = (r: Row<'users'>): User => ({ id: r.id, email: r.email, name: r.name, created_at: iso(r.createdAt) });

export function createUserRepo(users: UserStatements, now: Clock): UserRepo {
  const findBy = async (column: 'id' | 'email', value: string) =>
    (await users.select().where(eq(users.table[column], value)).limit(1))[0];
  return {
    async create(user) {
      // "on conflict do nothing" turns a taken email (already normalised) into
      // an empty result instead of a constraint error, even when two signups race.
      const row = { id: crypto.randomUUID(), ...user, createdAt: now() };
      const [created] = await users.insert().values(row).onConflictDoNothing().returning();
      return created ? toUser(created) : null;
    },
    async findByEmail(email) {
      const row = await findBy('email', email);
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async findById(id) {
      const row = await findBy('id', id);
      return row ? toUser(row) : null;
    },
  };
}
