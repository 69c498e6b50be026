import { sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../../lib/clock';
import type { Repos } from '../repo';
import { createConversationRepo } from '../shared/conversations';
import { createOAuthRepo } from '../shared/oauth';
import { createPendingRepo } from '../shared/pending';
import { createPersonalTokenRepo } from '../shared/personal-tokens';
import { createRateLimitRepo } from '../shared/rate-limits';
import { createUserRepo } from '../shared/users';
import { appendMessages } from './append';
import { connect } from './db';
import { statementsOn } from './statements';
import { taskRepo } from './tasks';

/** Repos on a D1 binding; every row time comes from `now`. */
export function createD1Repos(d1: D1Database, now: Clock = systemClock): Repos {
  const db = connect(d1);
  const on = statementsOn(db);
  return {
    dialect: 'd1',
    tasks: taskRepo(db),
    users: createUserRepo(on.users, now),
    conversations: createConversationRepo(on.chat, appendMessages(db, now), now),
    pending: createPendingRepo(on.pending, now),
    limits: createRateLimitRepo(on.limits),
    personalTokens: createPersonalTokenRepo(on.personalTokens, now),
    oauth: createOAuthRepo(on.oauth, now),
    async ping() {
      await db.run(sql`select 1`);
    },
    async close() {},
  };
}
