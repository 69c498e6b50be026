/**
 * The two schemas are written twice, once per dialect, because drizzle's
 * table builders are per dialect. This test holds them to one shape: the same
 * tables, columns (name, what JavaScript reads, nullability, default, primary
 * key), indexes, foreign keys and checks. It runs in the D1 project and needs
 * no database: it reads drizzle's own description of each table.
 */
import { getTableName, is, SQL, Table } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgDialect } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTimestamp } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pg from './pg/schema';
import * as d1 from './sqlite/schema';

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;
type Column = Config['columns'][number];

// Custom column types, by their SQL type, and what JavaScript reads from them.
const CUSTOM_TYPES: Record<string, string> = { 'timestamp (3) with time zone': 'date' };

/** What the driver hands back through drizzle (string, number, boolean, date, json), not the SQL type name. */
const readsAs = (c: Column) =>
  c.dataType === 'custom' ? (CUSTOM_TYPES[c.getSQLType()] ?? `unknown custom type ${c.getSQLType()}`) : c.dataType;

// Every time is kept to the millisecond, no finer and no coarser: a task's updated_at is its ETag.
const MS_TIMES = { sqlite: 'integer, timestamp_ms', pg: 'timestamp (3) with time zone' };

/** A table as plain data, in terms both dialects share, sorted so that only content counts. */
function shape(config: Config, render: (sql: SQL) => string) {
  const byName = <T extends { name?: string }>(xs: T[]) =>
    xs.toSorted((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const columns = config.columns.map((c) => ({
    name: c.name,
    type: readsAs(c),
    notNull: c.notNull,
    primary: c.primary,
    unique: c.isUnique,
    default: is(c.default, SQL) ? render(c.default) : (c.default as unknown),
    enum: c.enumValues ?? null,
  }));
  const indexes = config.indexes.map(({ config: i }) => ({
    name: i.name,
    unique: i.unique,
    on: i.columns.map((c) => ('name' in c ? c.name : render(c as SQL))),
  }));
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return {
      name: ref.columns.map((c) => c.name).join(','),
      references: `${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')})`,
      onDelete: fk.onDelete ?? 'no action',
      onUpdate: fk.onUpdate ?? 'no action',
    };
  });
  const checks = config.checks.map((c) => ({ name: c.name, sql: render(c.value) }));
  return {
    name: config.name,
    columns: byName(columns),
    indexes: byName(indexes),
    foreignKeys: byName(foreignKeys),
    checks: byName(checks),
    primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    uniqueConstraints: config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
  };
}

const tablesOf = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, Table))) as Record<string, Table>;

type Rows<Schema> = {
  [K in keyof Schema]: Schema[K] extends Table
    ? { read: Schema[K]['$inferSelect']; write: Schema[K]['$inferInsert'] }
    : never;
};

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
const sqliteTables = tablesOf(d1);
const pgTables = tablesOf(pg);

describe('schema parity between D1 (SQLite) and Postgres', () => {
  it('exports the same tables under the same names', () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    const sqlNames = (tables: Record<string, Table>) => Object.values(tables).map(getTableName).sort();
    expect(sqlNames(pgTables)).toEqual(sqlNames(sqliteTables));
  });

  describe.each(Object.keys(sqliteTables))('%s', (key) => {
    const sqlite = sqliteTableConfig(sqliteTables[key] as never);
    const postgres = pgTableConfig(pgTables[key] as never);
    const sqliteShape = shape(sqlite, (s) => sqliteDialect.sqlToQuery(s).sql);
    const pgShape = shape(postgres, (s) => pgDialect.sqlToQuery(s).sql);

    it('has the same columns', () => expect(pgShape.columns).toEqual(sqliteShape.columns));
    it('has the same indexes', () => expect(pgShape.indexes).toEqual(sqliteShape.indexes));
    it('has the same foreign keys and checks', () => {
      expect(pgShape.foreignKeys).toEqual(sqliteShape.foreignKeys);
      expect(pgShape.checks).toEqual(sqliteShape.checks);
    });
    it('has the same table-level keys', () => {
      expect(pgShape.primaryKeys).toEqual(sqliteShape.primaryKeys);
      expect(pgShape.uniqueConstraints).toEqual(sqliteShape.uniqueConstraints);
    });

    it('stores every time at millisecond precision', () => {
      for (const c of sqlite.columns.filter((c) => readsAs(c) === 'date')) {
        expect(`${c.getSQLType()}, ${is(c, SQLiteTimestamp) ? c.mode : '?'}`, c.name).toBe(MS_TIMES.sqlite);
      }
      for (const c of postgres.columns.filter((c) => readsAs(c) === 'date')) {
        expect(c.getSQLType(), c.name).toBe(MS_TIMES.pg);
      }
    });
  });

  it('reads and writes rows of the same TypeScript types', () => {
    // Checked by tsc (npm test runs it first), not at run time: code shared by
    // both dialects sees one row type whichever database is underneath.
    expectTypeOf<Rows<typeof pg>>().toEqualTypeOf<Rows<typeof d1>>();
  });
});
