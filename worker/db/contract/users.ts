import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';

/** Accounts: one per email, found by email and by id. */
export function userContract(ctx: ContractContext) {
  describe(`${ctx.dialect}: users`, () => {
    it('creates once per email and finds by email and id', async () => {
      const { users } = ctx.repos;
      const email = `${crypto.randomUUID()}@example.com`;
      const u = await users.create({ email, name: 'Ann', passwordHash: 'h' });
      expect(u).toMatchObject({ email, name: 'Ann' });
      expect(await users.create({ email, name: 'Dup', passwordHash: 'h2' })).toBeNull();
      expect(await users.findByEmail(email)).toMatchObject({ id: u!.id, passwordHash: 'h' });
      expect(await users.findById(u!.id)).toEqual(u);
      expect(await users.findById(crypto.randomUUID())).toBeNull();
    });
  });
}
