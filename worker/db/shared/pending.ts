import { and, desc, eq, gt, isNull, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Pending, PlannedAction } from '../../chat/types';
import type { Clock } from '../../lib/clock';
import type { PendingRepo } from '../repo';
import { iso, type NewRow, type Row } from './rows';

type R = Row<'pendingActions'>;
type Rows = PromiseLike<R[]>;

/** The pending_actions table on one dialect: its own builders, narrowed to the calls made here (see ./statements.ts). */
export interface PendingStatements {
  table: Record<keyof R, AnyColumn>;
  insert: () => { values: (row: NewRow<'pendingActions'>) => { returning: () => Rows } };
  select: () => {
    where: (where: SQL | undefined) => { orderBy: (...by: SQL[]) => { limit: (n: number) => Rows } };
  };
  update: () => {
    set: (values: { settledAt: Date }) => { where: (where: SQL | undefined) => { returning: () => Rows } };
  };
}

const toPending = (r: R): Pending => ({
  id: r.id,
  actions: r.actions as PlannedAction[],
  expires_at: iso(r.expiresAt),
});

/**
 * Actions waiting for a user's confirmation. A set is settled (confirmed,
 * cancelled or dropped) by one conditional update, so it runs at most once
 * however many requests race to confirm it.
 */
export function createPendingRepo(s: PendingStatements, now: Clock): PendingRepo {
  const p = s.table;
  const open = (userId: string, conversationId: string) =>
    and(eq(p.userId, userId), eq(p.conversationId, conversationId), isNull(p.settledAt));
  return {
    async propose(userId, conversationId, pending) {
      const row = {
        id: pending.id,
        userId,
        conversationId,
        actions: pending.actions,
        createdAt: now(),
        expiresAt: new Date(pending.expires_at),
        settledAt: null,
      };
      await s.insert().values(row).returning();
    },
    async latestOpen(userId, conversationId) {
      const [row] = await s
        .select()
        .where(and(open(userId, conversationId), gt(p.expiresAt, now())))
        .orderBy(desc(p.createdAt))
        .limit(1);
      return row ? toPending(row) : null;
    },
    async settle(userId, conversationId, id, { unexpired }) {
      const [row] = await s
        .update()
        .set({ settledAt: now() })
        .where(and(open(userId, conversationId), eq(p.id, id), unexpired ? gt(p.expiresAt, now()) : undefined))
        .returning();
      return row ? toPending(row) : null;
    },
    async settleAll(userId, conversationId) {
      return (await s.update().set({ settledAt: now() }).where(open(userId, conversationId)).returning()).length;
    },
  };
}
