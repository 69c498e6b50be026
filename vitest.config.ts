import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Every setting the Worker reads, given explicitly, so a developer's
 * `.dev.vars` (an OPENAI_API_KEY, a DATABASE_URL) never leaks into a test run;
 * an empty string means "not set". CLOCK_AT from the environment moves the
 * app's clock for the whole run: `CLOCK_AT=2027-12-31T22:30:00Z npm test`.
 */
const CONFIG = {
  JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  CLOCK_AT: process.env.CLOCK_AT ?? '',
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  OPENAI_MODEL: '',
  OPENAI_TIMEOUT_MS: '',
  DATABASE_URL: '',
  NEON_WS_PROXY: '',
  CORS_ORIGINS: '',
  // Requests in worker tests go to http://app.test.
  ALLOWED_HOSTS: 'app.test',
  RATE_LIMITS: '',
};
const migrations = () => readD1Migrations(path('./drizzle/sqlite'));

type Inject = Parameters<Extract<Parameters<typeof cloudflareTest>[0], (...args: never[]) => unknown>>[0]['inject'];

/**
 * One workerd project: the Worker's code on a migrated local D1 (applied by
 * the setup file), plus whatever bindings the project adds from its globalSetup.
 */
function workerProject(
  name: string,
  files: { include: string[]; exclude?: string[]; globalSetup?: string[]; fileParallelism?: boolean },
  bindings: (inject: Inject) => Record<string, string> = () => ({}),
): TestProjectInlineConfiguration {
  return {
    plugins: [
      cloudflareTest(async ({ inject }) => ({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { ...CONFIG, TEST_MIGRATIONS: await migrations(), ...bindings(inject) } },
      })),
    ],
    // Generous timeouts: a route test makes dozens of requests, each a Postgres
    // session through the local proxy on worker-pg, and on a busy 2-core machine
    // the default 5 s measured the machine, not the app. No test asserts a duration.
    test: { name, ...files, setupFiles: ['./worker/test/apply-migrations.ts'], testTimeout: 30_000 },
  };
}

const CORS_ORIGINS = 'https://app.example.com, https://admin.example.com/';

// A fresh PostgreSQL database per project (test/support/postgres.ts), reached
// through the Neon driver as production reaches Neon: DATABASE_URL makes the
// Worker pick Postgres, NEON_WS_PROXY routes the driver through the local proxy.
const POSTGRES = './test/support/postgres.ts';
const postgres = (inject: Inject) => ({ DATABASE_URL: inject('pgDatabaseUrl'), NEON_WS_PROXY: inject('pgWsProxy') });

// The chat's OpenAI path: the real SDK in workerd against a scripted
// OpenAI-compatible server that globalSetup starts on loopback.
const FAKE_OPENAI = './test/support/fake-openai.ts';
const openai = (inject: Inject) => ({
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: `${inject('fakeOpenAIUrl')}/v1`,
  OPENAI_MODEL: 'test-model',
  OPENAI_TIMEOUT_MS: '400',
  FAKE_OPENAI_URL: inject('fakeOpenAIUrl'),
});

const OPENAI_TESTS = 'worker/**/*.openai.test.ts';

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.mjs'],
    // Most of a run waits on workerd start-up, Postgres, wrangler dev and Chromium, not on a core:
    // Vitest's default (one worker per core but one) left one of two cores idle and ran 12 minutes.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    projects: [
      // Everything in workerd against D1.
      // BLIND_MIN: the built-in agent's floor on its blind set (worker/agent/builtin/blind): 43 of 50,
      // its score when the set was merged. Read there from process.env, which workerd fills from text
      // bindings only.
      workerProject('worker', { include: ['worker/**/*.test.ts'], exclude: [OPENAI_TESTS, 'worker/db/pg/**'] }, () => ({
        CORS_ORIGINS,
        BLIND_MIN: process.env.BLIND_MIN ?? '43',
      })),
      // The contract and every suite that goes through the database, against PostgreSQL.
      workerProject(
        'worker-pg',
        {
          include: [
            'worker/db/pg/**/*.test.ts',
            'worker/routes/**/*.test.ts',
            'worker/lib/rate-limit.test.ts',
            'worker/middleware/**/*.test.ts',
          ],
          exclude: [OPENAI_TESTS],
          globalSetup: [POSTGRES],
        },
        (inject) => ({ CORS_ORIGINS, ...postgres(inject) }),
      ),
      // The OpenAI projects' files share one scripted server, whose script is global: one file at a time.
      workerProject(
        'worker-openai',
        { include: [OPENAI_TESTS], globalSetup: [FAKE_OPENAI], fileParallelism: false },
        openai,
      ),
      workerProject(
        'worker-pg-openai',
        { include: [OPENAI_TESTS], globalSetup: [FAKE_OPENAI, POSTGRES], fileParallelism: false },
        (inject) => ({
          ...openai(inject),
          ...postgres(inject),
        }),
      ),
      {
        // The developer scripts in Node: local config and the Postgres proxy.
        test: { name: 'scripts', include: ['test/scripts/**/*.test.ts'], environment: 'node' },
      },
      {
        // The UI's logic and state models (sync, optimistic changes) in Node, in a zone that is not UTC.
        test: {
          name: 'ui',
          include: ['ui/src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['./ui/src/test/setup.ts'],
          env: { TZ: 'America/New_York' },
        },
      },
      {
        // The app as `npm start` runs it (own port, fresh database), driven by headless Chromium.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/server.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
