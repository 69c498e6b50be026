import { and, desc, eq, inArray, isNull, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import type { ConnectedApp, OAuthClient, StoredOAuthToken } from '../../auth/types';
import type { Clock } from '../../lib/clock';
import type { OAuthRepo } from '../repo';
import { iso, isoOrNull, type NewRow, type Row } from './rows';

type Tables = 'oauthClients' | 'oauthGrants' | 'oauthTokens';

/** One OAuth table on one dialect, narrowed to the calls made here (see ./statements.ts). */
interface Statements<T extends Tables, U> {
  table: Record<keyof Row<T>, AnyColumn>;
  insert: () => { values: (rows: NewRow<T>[]) => { returning: () => PromiseLike<Row<T>[]> } };
  select: () => {
    where: (where: SQL | undefined) => {
      orderBy: (...by: SQL[]) => { limit: (n: number) => PromiseLike<Row<T>[]> };
    };
  };
  update: () => {
    set: (values: U) => { where: (where: SQL | undefined) => { returning: () => PromiseLike<Row<T>[]> } };
  };
  delete: () => { where: (where: SQL | undefined) => { returning: () => PromiseLike<Row<T>[]> } };
}

export interface OAuthStatements {
  clients: Statements<'oauthClients', { name: string }>;
  grants: Statements<'oauthGrants', { lastUsedAt: Date }>;
  tokens: Statements<'oauthTokens', { usedAt: Date }>;
}

const toClient = (r: Row<'oauthClients'>): OAuthClient => ({
  id: r.id,
  name: r.name,
  redirect_uris: r.redirectUris as string[],
  created_at: iso(r.createdAt),
});

const toToken = (r: Row<'oauthTokens'>): StoredOAuthToken => ({
  hash: r.hash,
  grantId: r.grantId,
  userId: r.userId,
  kind: r.kind,
  expiresAt: r.expiresAt,
  redirectUri: r.redirectUri,
  codeChallenge: r.codeChallenge,
});

const MAX_GRANTS = 200;

/**
 * OAuth clients, grants and the codes and tokens of each grant's family.
 * Deleting a grant deletes its family through the foreign key's cascade, in
 * one statement, on both dialects.
 */
export function createOAuthRepo(s: OAuthStatements, now: Clock): OAuthRepo {
  const {
    clients: c,
    grants: g,
    tokens: t,
  } = { clients: s.clients.table, grants: s.grants.table, tokens: s.tokens.table };
  const oneToken = async (hash: string, kind: StoredOAuthToken['kind']) =>
    (
      await s.tokens
        .select()
        .where(and(eq(t.hash, hash), eq(t.kind, kind)))
        .orderBy()
        .limit(1)
    )[0];
  return {
    async createClient(client) {
      const row = { id: crypto.randomUUID(), name: client.name, redirectUris: client.redirectUris, createdAt: now() };
      const [created] = await s.clients.insert().values([row]).returning();
      return toClient(created!);
    },
    async findClient(id) {
      const [row] = await s.clients.select().where(eq(c.id, id)).orderBy().limit(1);
      return row ? toClient(row) : null;
    },
    async createGrant(grant) {
      const id = crypto.randomUUID();
      await s.grants
        .insert()
        .values([{ id, ...grant, createdAt: now(), lastUsedAt: null }])
        .returning();
      return id;
    },
    async findGrant(id) {
      const [row] = await s.grants.select().where(eq(g.id, id)).orderBy().limit(1);
      return row ? { id: row.id, userId: row.userId, clientId: row.clientId, scope: row.scope } : null;
    },
    async issue(tokens) {
      const createdAt = now();
      await s.tokens
        .insert()
        .values(tokens.map((token) => ({ ...token, createdAt, usedAt: null })))
        .returning();
    },
    async spend(hash, kind) {
      const where = and(eq(t.hash, hash), eq(t.kind, kind), isNull(t.usedAt));
      const [spent] = await s.tokens.update().set({ usedAt: now() }).where(where).returning();
      if (spent) return { token: toToken(spent), firstUse: true };
      const replayed = await oneToken(hash, kind);
      return replayed ? { token: toToken(replayed), firstUse: false } : null;
    },
    async findAccess(hash) {
      const row = await oneToken(hash, 'access');
      if (!row) return null;
      // Stamped at most once a minute: a busy client does not write on every call.
      const at = now();
      const stale = or(isNull(g.lastUsedAt), lt(g.lastUsedAt, new Date(at.getTime() - 60_000)));
      await s.grants
        .update()
        .set({ lastUsedAt: at })
        .where(and(eq(g.id, row.grantId), stale))
        .returning();
      return toToken(row);
    },
    async grants(userId) {
      const rows = await s.grants.select().where(eq(g.userId, userId)).orderBy(desc(g.createdAt)).limit(MAX_GRANTS);
      if (rows.length === 0) return [];
      const ids = [...new Set(rows.map((r) => r.clientId))];
      const names = new Map(
        (await s.clients.select().where(inArray(c.id, ids)).orderBy().limit(ids.length)).map((r) => [r.id, r.name]),
      );
      return rows.map(
        (r): ConnectedApp => ({
          id: r.id,
          client_id: r.clientId,
          client_name: names.get(r.clientId) ?? r.clientId,
          scope: r.scope,
          created_at: iso(r.createdAt),
          last_used_at: isoOrNull(r.lastUsedAt),
        }),
      );
    },
    async purgeExpired(before) {
      return (await s.tokens.delete().where(lt(t.expiresAt, before)).returning()).length;
    },
    async revokeGrant(userId, grantId) {
      const where = and(eq(g.id, grantId), userId === null ? undefined : eq(g.userId, userId));
      return (await s.grants.delete().where(where).returning()).length > 0;
    },
  };
}
