import { env } from 'cloudflare:workers';
import { runContract } from '../contract';
import { createPgRepos } from '.';

// Runs in the worker-pg project, whose bindings point at a fresh PostgreSQL
// database through the local WebSocket proxy (test/support/postgres.ts).
runContract('postgres', () => createPgRepos(env.DATABASE_URL!, { wsProxy: env.NEON_WS_PROXY }));
