import { expect } from 'vitest';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Repos } from '../repo';

/** What each part of the contract suite gets from runContract. */
export interface ContractContext {
  /** Names the dialect in test titles. */
  dialect: string;
  /** The suite's repos on the system clock, open for the whole suite. */
  readonly repos: Repos;
  /** Runs `use` with repos of another Worker instance on the same database, whose clock is `clock`. */
  withInstance(clock: Clock, use: (repos: Repos) => Promise<void>): Promise<void>;
}

/** A user id no other test uses, so tests never see each other's rows. */
export const newUser = () => crypto.randomUUID();

/** Expects `p` to fail with the domain error of that status. */
export async function rejects(p: Promise<unknown>, status: number) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(status);
}
