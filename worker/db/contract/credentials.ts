import { describe, expect, it } from 'vitest';
import type { StoredOAuthToken } from '../../auth/types';
import { newUser, type ContractContext } from './context';

const hash = () => crypto.randomUUID().replaceAll('-', '').repeat(2);
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** Personal access tokens: stored by hash, listed without it, deleted for good. */
export function personalTokenContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: personal access tokens`, () => {
    it('finds a token by its hash, stamps its use, lists it newest first and forgets it once removed', async () => {
      const { personalTokens: repo } = ctx.repos;
      const user = newUser();
      const tokenHash = hash();
      const first = await repo.create(user, { name: 'first', tokenHash: hash(), expiresAt: null });
      const token = await repo.create(user, { name: 'CLI', tokenHash, expiresAt: inAnHour() });
      expect(token).toMatchObject({ name: 'CLI', last_used_at: null });
      expect(Object.keys(token)).not.toContain('tokenHash');

      expect(await repo.use(tokenHash)).toEqual({ id: token.id, userId: user });
      const listed = await repo.list(user);
      expect(listed.map((t) => t.id)).toEqual([token.id, first.id]);
      expect(listed[0]!.last_used_at).not.toBeNull();

      expect(await repo.remove(newUser(), token.id)).toBe(false);
      expect(await repo.remove(user, token.id)).toBe(true);
      expect(await repo.use(tokenHash)).toBeNull();
      expect((await repo.list(user)).map((t) => t.id)).toEqual([first.id]);
    });

    it('does not take an expired token', async () => {
      const tokenHash = hash();
      await ctx.repos.personalTokens.create(newUser(), { name: 'old', tokenHash, expiresAt: new Date(Date.now() - 1) });
      expect(await ctx.repos.personalTokens.use(tokenHash)).toBeNull();
    });
  });
}

/** OAuth: clients, grants, and each grant's family of codes and tokens, spent once and revoked together. */
export function oauthContract(ctx: ContractContext) {
  const family = async (kinds: StoredOAuthToken['kind'][]) => {
    const { oauth } = ctx.repos;
    const client = await oauth.createClient({ name: 'Test app', redirectUris: ['http://127.0.0.1:9/cb'] });
    const userId = newUser();
    const grantId = await oauth.createGrant({ userId, clientId: client.id, scope: 'tasks' });
    const tokens = kinds.map(
      (kind): StoredOAuthToken => ({
        hash: hash(),
        grantId,
        userId,
        kind,
        expiresAt: inAnHour(),
        redirectUri: kind === 'code' ? 'http://127.0.0.1:9/cb' : null,
        codeChallenge: kind === 'code' ? 'c'.repeat(43) : null,
      }),
    );
    await oauth.issue(tokens);
    return { client, userId, grantId, tokens };
  };

  describe(`${ctx.dialect}: oauth`, () => {
    it('registers a client with its redirect URIs', async () => {
      const client = await ctx.repos.oauth.createClient({ name: 'App', redirectUris: ['https://a.example/cb'] });
      expect(await ctx.repos.oauth.findClient(client.id)).toEqual(client);
      expect(client.redirect_uris).toEqual(['https://a.example/cb']);
      expect(await ctx.repos.oauth.findClient(crypto.randomUUID())).toBeNull();
    });

    it('spends a code or refresh token once; a second spend is seen as a replay', async () => {
      const { tokens } = await family(['code', 'refresh']);
      const [code, refresh] = tokens;
      const first = await ctx.repos.oauth.spend(code!.hash, 'code');
      expect(first).toMatchObject({ firstUse: true, token: { kind: 'code', codeChallenge: 'c'.repeat(43) } });
      expect(await ctx.repos.oauth.spend(code!.hash, 'code')).toMatchObject({ firstUse: false });
      // A refresh token is not a code, and the other way round.
      expect(await ctx.repos.oauth.spend(refresh!.hash, 'code')).toBeNull();
      const both = await Promise.all([1, 2, 3].map(() => ctx.repos.oauth.spend(refresh!.hash, 'refresh')));
      expect(both.filter((s) => s?.firstUse)).toHaveLength(1);
    });

    it('finds access tokens, lists grants with the client name, and revokes a whole family at once', async () => {
      const { client, userId, grantId, tokens } = await family(['access', 'refresh']);
      const [access, refresh] = tokens;
      expect(await ctx.repos.oauth.findAccess(access!.hash)).toMatchObject({ userId, grantId });
      expect(await ctx.repos.oauth.findAccess(refresh!.hash)).toBeNull();
      const [grant] = await ctx.repos.oauth.grants(userId);
      expect(grant).toMatchObject({ id: grantId, client_id: client.id, client_name: 'Test app', scope: 'tasks' });
      expect(grant!.last_used_at).not.toBeNull();

      expect(await ctx.repos.oauth.revokeGrant(newUser(), grantId)).toBe(false);
      expect(await ctx.repos.oauth.revokeGrant(userId, grantId)).toBe(true);
      expect(await ctx.repos.oauth.findAccess(access!.hash)).toBeNull();
      expect(await ctx.repos.oauth.spend(refresh!.hash, 'refresh')).toBeNull();
      expect(await ctx.repos.oauth.grants(userId)).toEqual([]);
      expect(await ctx.repos.oauth.findGrant(grantId)).toBeNull();
    });

    it('purges codes and tokens past their expiry and keeps the rest', async () => {
      // Long ago, so that purging up to then touches no other test's tokens in a shared database.
      const { tokens } = await family(['access', 'refresh']);
      const [access, refresh] = tokens;
      const old = (t: StoredOAuthToken, at: string) => ({ ...t, hash: hash(), expiresAt: new Date(at) });
      const gone = [old(access!, '2001-01-01T00:00:00Z'), old(refresh!, '2001-01-01T01:00:00Z')];
      const kept = old(refresh!, '2001-01-03T00:00:00Z');
      await ctx.repos.oauth.issue([...gone, kept]);
      expect(await ctx.repos.oauth.purgeExpired(new Date('2001-01-02T00:00:00Z'))).toBeGreaterThanOrEqual(2);
      expect(await ctx.repos.oauth.findAccess(gone[0]!.hash)).toBeNull();
      expect(await ctx.repos.oauth.spend(gone[1]!.hash, 'refresh')).toBeNull();
      expect(await ctx.repos.oauth.spend(kept.hash, 'refresh')).toMatchObject({ firstUse: true });
      expect(await ctx.repos.oauth.findAccess(access!.hash)).not.toBeNull();
    });
  });
}
