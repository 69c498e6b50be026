/**
 * vitest globalSetup for the worker-pg project: a real PostgreSQL behind the
 * Neon driver. Creates a fresh database (others may share the server), applies
 * drizzle/pg, starts the WebSocket-to-TCP proxy the driver goes through, and
 * provides both to the workerd bindings. Fails loudly when PostgreSQL is not
 * there: the Postgres path is part of the suite, never silently skipped.
 */
import type { TestProject } from 'vitest/node';
import { configureNeon, migratePg, reachable, startWsProxy, withPool } from '../../scripts/pg-local.mjs';

declare module 'vitest' {
  interface ProvidedContext {
    pgDatabaseUrl: string;
    pgWsProxy: string;
  }
}

/** The server to create the test database on; PG_TEST_URL overrides. */
const ADMIN_URL = process.env.PG_TEST_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  if (!(await reachable(ADMIN_URL))) {
    const { host } = new URL(ADMIN_URL);
    throw new Error(
      `PostgreSQL is not reachable at ${host}: the worker-pg tests need it. ` +
        'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`, or run .ci/run), ' +
        'or point PG_TEST_URL at a server where user postgres may create databases.',
    );
  }
  const proxy = await startWsProxy();
  configureNeon(proxy.address);
  const name = `unified_tasks_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await withPool(ADMIN_URL, (pool) => pool.query(`create database ${name}`));
  try {
    await migratePg(url.href);
  } catch (err) {
    await dropDatabase(name).catch(() => {});
    await proxy.close();
    throw err;
  }
  project.provide('pgDatabaseUrl', url.href);
  project.provide('pgWsProxy', proxy.address);

  return async () => {
    await proxy.close();
    await dropDatabase(name);
  };
}

/**
 * A fresh, empty database on the admin server (no migrations: whoever uses it
 * applies them), for a suite that runs the app on Postgres (the e2e project
 * with E2E_DB=postgres). Returns its URL and a function that drops it.
 */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const proxy = await startWsProxy();
  configureNeon(proxy.address);
  try {
    await withPool(ADMIN_URL, (pool) => pool.query(`create database ${name}`));
  } finally {
    await proxy.close();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => dropDatabase(name) };
}

async function dropDatabase(name: string) {
  // Teardown runs after workerd has stopped, but a pooled socket may linger
  // for a moment: force it out rather than leaving databases behind.
  const proxy = await startWsProxy();
  configureNeon(proxy.address);
  try {
    await withPool(ADMIN_URL, (pool) => pool.query(`drop database if exists ${name} with (force)`));
  } finally {
    await proxy.close();
  }
}
