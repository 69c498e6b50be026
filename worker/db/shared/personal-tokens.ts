import { and, desc, eq, gt, isNull, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PersonalToken } from '../../auth/types';
import type { Clock } from '../../lib/clock';
import type { PersonalTokenRepo } from '../repo';
import { iso, isoOrNull, type NewRow, type Row } from './rows';

type R = Row<'personalTokens'>;
type Rows = PromiseLike<R[]>;

/** The personal_tokens table on one dialect: its own builders, narrowed to the calls made here (see ./statements.ts). */
export interface PersonalTokenStatements {
  table: Record<keyof R, AnyColumn>;
  insert: () => { values: (row: NewRow<'personalTokens'>) => { returning: () => Rows } };
  select: () => {
    where: (where: SQL | undefined) => { orderBy: (...by: SQL[]) => { limit: (n: number) => Rows } };
  };
  update: () => {
    set: (values: { lastUsedAt: Date }) => { where: (where: SQL | undefined) => { returning: () => Rows } };
  };
  delete: () => { where: (where: SQL | undefined) => { returning: () => Rows } };
}

const toToken = (r: R): PersonalToken => ({
  id: r.id,
  name: r.name,
  created_at: iso(r.createdAt),
  expires_at: isoOrNull(r.expiresAt),
  last_used_at: isoOrNull(r.lastUsedAt),
});

/** How stale last_used_at may get: a client calling every second writes once a minute, not every time. */
const STAMP_EVERY_MS = 60_000;
/** A user has few tokens; the list is capped anyway. */
const MAX_LISTED = 200;

export function createPersonalTokenRepo(s: PersonalTokenStatements, now: Clock): PersonalTokenRepo {
  const t = s.table;
  return {
    async create(userId, token) {
      const row = { id: crypto.randomUUID(), userId, ...token, createdAt: now(), lastUsedAt: null };
      const [created] = await s.insert().values(row).returning();
      return toToken(created!);
    },
    async list(userId) {
      const rows = await s.select().where(eq(t.userId, userId)).orderBy(desc(t.createdAt)).limit(MAX_LISTED);
      return rows.map(toToken);
    },
    async remove(userId, id) {
      return (
        (
          await s
            .delete()
            .where(and(eq(t.userId, userId), eq(t.id, id)))
            .returning()
        ).length > 0
      );
    },
    async use(tokenHash) {
      const at = now();
      const live = and(eq(t.tokenHash, tokenHash), or(isNull(t.expiresAt), gt(t.expiresAt, at)));
      const [row] = await s.select().where(live).orderBy(desc(t.createdAt)).limit(1);
      if (!row) return null;
      if (!row.lastUsedAt || row.lastUsedAt.getTime() <= at.getTime() - STAMP_EVERY_MS) {
        const stale = or(isNull(t.lastUsedAt), lt(t.lastUsedAt, new Date(at.getTime() - STAMP_EVERY_MS + 1)));
        await s
          .update()
          .set({ lastUsedAt: at })
          .where(and(eq(t.id, row.id), stale))
          .returning();
      }
      return { id: row.id, userId: row.userId };
    },
  };
}
