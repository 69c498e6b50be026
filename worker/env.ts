import { z } from 'zod';

/** Bindings and variables the Worker receives (wrangler.toml, .dev.vars, secrets). */
export interface Env {
  DB: D1Database;
  /** One LiveHub Durable Object per user: live pushes to open dashboards. */
  LIVE?: DurableObjectNamespace<import('./live/hub').LiveHub>;
  ASSETS?: Fetcher;
  JWT_SECRET?: string;
  DATABASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  OPENAI_TIMEOUT_MS?: string;
  CORS_ORIGINS?: string;
  /** Host names /mcp answers to (DNS-rebinding protection); loopback names when unset. */
  ALLOWED_HOSTS?: string;
  /** "off" disables rate limits (benchmarks); anything else keeps them on. */
  RATE_LIMITS?: string;
  /** Local development only: the WebSocket-to-TCP proxy the Neon driver goes through. */
  NEON_WS_PROXY?: string;
  /** Tests and demos only: the app's clock starts at this ISO 8601 instant and runs on from there. */
  CLOCK_AT?: string;
}

const ConfigSchema = z.object({
  JWT_SECRET: z.string({ error: 'JWT_SECRET is not set' }).min(32, 'JWT_SECRET must be at least 32 characters'),
  DATABASE_URL: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ error: 'OPENAI_TIMEOUT_MS must be a number of milliseconds' })
    .int()
    .min(100)
    .max(600_000)
    .optional(),
  CORS_ORIGINS: z.string().optional(),
  ALLOWED_HOSTS: z.string().optional(),
  RATE_LIMITS: z.enum(['on', 'off'], { error: 'RATE_LIMITS must be "on" or "off"' }).optional(),
  NEON_WS_PROXY: z.string().optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

const cache = new WeakMap<object, Config>();

/**
 * Validates the configuration once per env object and names every bad key,
 * so a misconfigured deployment fails with a clear log line instead of odd behaviour.
 */
export function parseEnv(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  // Empty strings from .dev.vars mean "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = ConfigSchema.safeParse(given);
  if (!result.success) {
    const keys = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${keys}`);
  }
  cache.set(env, result.data);
  return result.data;
}
