import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
const migrations = () => readD1Migrations(path('./drizzle/sqlite'));

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.mjs'],
    projects: [
      {
        // Worker code, inside workerd, against a real local D1 migrated from drizzle/sqlite.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { JWT_SECRET, TEST_MIGRATIONS: await migrations(), CORS_ORIGINS: 'https://app.example.com, https://admin.example.com/' },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['worker/**/*.test.ts'],
          exclude: ['worker/**/*.openai.test.ts'],
          setupFiles: ['./worker/test/apply-migrations.ts'],
        },
      },
      {
        // The chat's OpenAI path: the real SDK in workerd against a scripted
        // OpenAI-compatible server that globalSetup starts on loopback.
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                JWT_SECRET,
                TEST_MIGRATIONS: await migrations(),
                OPENAI_API_KEY: 'sk-test',
                OPENAI_BASE_URL: `${inject('fakeOpenAIUrl')}/v1`,
                OPENAI_MODEL: 'test-model',
                OPENAI_TIMEOUT_MS: '400',
                FAKE_OPENAI_URL: inject('fakeOpenAIUrl'),
              },
            },
          })),
        ],
        test: {
          name: 'worker-openai',
          include: ['worker/**/*.openai.test.ts'],
          globalSetup: ['./test/support/fake-openai.ts'],
          setupFiles: ['./worker/test/apply-migrations.ts'],
        },
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
