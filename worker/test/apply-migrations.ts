import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Runs before each test file; applyD1Migrations records what it applied, so reruns are no-ops.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
