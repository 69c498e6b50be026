// globalSetup for the e2e project: starts the app exactly as `npm start` does
// (scripts/start.mjs: UI build, D1 migrations, wrangler dev) on its own port,
// inspector port and a fresh state directory, waits for /api/health, and
// stops it afterwards. With E2E_DB=postgres it starts it as `npm run start:pg`
// does instead, on a fresh database of the local PostgreSQL (dropped after).
// Rate limits stay on: each run starts on an empty database and signs up a
// handful of users, far below 20 an hour.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freshDatabase } from '../support/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const PORT = process.env.E2E_PORT ?? '8803';
const INSPECTOR_PORT = process.env.E2E_INSPECTOR_PORT ?? '8804';
const BASE = `http://localhost:${PORT}`;
const DATABASE = process.env.E2E_DB ?? 'd1';

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  if (await healthy()) throw new Error(`Something already answers on ${BASE}; set E2E_PORT to a free port.`);
  if (DATABASE !== 'd1' && DATABASE !== 'postgres') throw new Error(`E2E_DB is d1 or postgres, not ${DATABASE}`);
  const pg = DATABASE === 'postgres' ? await freshDatabase('unified_tasks_e2e') : null;
  const root = resolve(import.meta.dirname, '../..');
  const stateDir = mkdtempSync(join(tmpdir(), 'tasks-e2e-'));
  const log: string[] = [];
  const child = spawn(process.execPath, [pg ? 'scripts/start-pg.mjs' : 'scripts/start.mjs'], {
    cwd: root,
    detached: true, // its own process group, so teardown stops wrangler and workerd too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH}`,
      PORT,
      INSPECTOR_PORT,
      STATE_DIR: stateDir,
      OPENAI_API_KEY: '', // the built-in agent, whatever .dev.vars says
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      CI: 'true',
    },
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d: Buffer) => log.push(d.toString()));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  const deadline = Date.now() + 120_000;
  while (!(await healthy())) {
    if (exited !== undefined || Date.now() > deadline) {
      if (exited === undefined) process.kill(-child.pid!, 'SIGKILL');
      await pg?.drop();
      throw new Error(`npm start did not come up on ${BASE} (exit ${exited}):\n${log.join('').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const teardown = async () => {
    if (exited === undefined) {
      const gone = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => exited === undefined && process.kill(-child.pid!, 'SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(stateDir, { recursive: true, force: true });
    await pg?.drop();
  };
  const { database } = (await (await fetch(`${BASE}/api/health`)).json()) as { database: string };
  if (database !== DATABASE) {
    await teardown();
    throw new Error(`E2E_DB=${DATABASE}, but the app on ${BASE} runs on ${database}`);
  }
  project.provide('baseUrl', BASE);
  return teardown;
}
