import type { AnyColumn, SQL, Table } from 'drizzle-orm';

/** What a finished statement resolves to: its rows. */
type Rows<R> = PromiseLike<R[]>;

/**
 * One table on one dialect: the table itself and drizzle's own builders
 * started on it, narrowed to the calls the shared repos make. drizzle types
 * its builders per dialect, so no function can take either database; both
 * dialects' builders do fit this shape, though, and tsc checks that where
 * each dialect hands them over (./sqlite/statements.ts, ./pg/statements.ts),
 * so a repo written once against it runs on either without a cast. The
 * fields are function-typed properties, not methods, so tsc compares their
 * parameters strictly.
 *
 * @typeParam R the row as read (`Row<'users'>`), N the row as written (`NewRow<'users'>`)
 */
export interface TableStatements<R, N> {
  table: Table & Record<keyof R, AnyColumn>;
  insert: () => {
    values: (row: N) => { returning: () => Rows<R>; onConflictDoNothing: () => { returning: () => Rows<R> } };
  };
  select: () => {
    where: (where: SQL | undefined) => Rows<R> & {
      limit: (n: number) => Rows<R>;
      orderBy: (...by: SQL[]) => { limit: (n: number) => Rows<R> };
    };
  };
  delete: () => { where: (where: SQL | undefined) => { returning: () => Rows<R> } };
}

/** A table whose insert, on a conflict over its column `conflict`, updates the row it met instead. */
export interface UpsertStatement<R, N, K extends AnyColumn> {
  table: Table & Record<keyof R, AnyColumn>;
  conflict: K;
  insert: () => {
    values: (row: N) => {
      onConflictDoUpdate: (config: { target: K; set: { [C in keyof N]?: SQL } }) => { returning: () => Rows<R> };
    };
  };
}
