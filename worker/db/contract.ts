/**
 * The behaviour every dialect must have, written once. Each dialect's test
 * file calls runContract with a way to open its Repos; nothing here knows
 * which database is underneath. The suite's parts sit in ./contract/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../lib/clock';
import { conversationContract, messageOrderContract } from './contract/conversations';
import { oauthContract, personalTokenContract } from './contract/credentials';
import { changeLogContract, softDeleteContract, syncContract } from './contract/log';
import type { ContractContext } from './contract/context';
import { listTagContract, taskListContract, taskReadContract, taskWriteContract } from './contract/tasks';
import { userContract } from './contract/users';
import type { Repos } from './repo';

/**
 * @param connect opens Repos on the dialect's test database; with `clock`,
 *   they stand for another Worker instance whose clock reads differently.
 */
export function runContract(dialect: string, connect: (clock?: Clock) => Repos | Promise<Repos>) {
  let repos: Repos | undefined;
  beforeAll(async () => {
    repos = await connect();
  });
  afterAll(() => repos?.close());

  const ctx: ContractContext = {
    dialect,
    get repos() {
      if (!repos) throw new Error('the contract suite has not opened its repos yet');
      return repos;
    },
    async withInstance(clock, use) {
      const other = await connect(clock);
      try {
        await use(other);
      } finally {
        await other.close();
      }
    },
  };

  taskReadContract(ctx);
  taskListContract(ctx);
  taskWriteContract(ctx);
  listTagContract(ctx);
  changeLogContract(ctx);
  softDeleteContract(ctx);
  syncContract(ctx);
  userContract(ctx);
  conversationContract(ctx);
  messageOrderContract(ctx);
  personalTokenContract(ctx);
  oauthContract(ctx);

  it(`${dialect}: answers a ping`, async () => {
    await expect(ctx.repos.ping()).resolves.toBeUndefined();
  });
}
