// Local configuration: .dev.vars overlaid with the environment of the command
// that runs the app, so `OPENAI_API_KEY=... npm start` works without editing files.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEnv } from 'node:util';

export const CONFIG_KEYS = [
  'JWT_SECRET',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'OPENAI_TIMEOUT_MS',
  'DATABASE_URL',
  'CORS_ORIGINS',
  'ALLOWED_HOSTS',
  'RATE_LIMITS',
  'NEON_WS_PROXY',
  'CLOCK_AT',
];

/** A dotenv file's variables, read the way Node reads `--env-file`. */
export const parseDotenv = (text) => parseEnv(text);

const quote = (v) => JSON.stringify(String(v));

/**
 * Writes a random JWT_SECRET into .dev.vars on first start; never overwrites
 * one. The file holds a secret, so it is made owner-only even when it existed
 * before with wider permissions (writeFileSync's `mode` applies only to new files).
 */
export function ensureDevVars(path = '.dev.vars') {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (parseDotenv(text).JWT_SECRET) {
    chmodSync(path, 0o600);
    return false;
  }
  const secret = randomBytes(48).toString('base64url');
  const prefix = text && !text.endsWith('\n') ? '\n' : '';
  writeFileSync(path, `${text}${prefix}# Generated on first start; keep it secret.\nJWT_SECRET=${quote(secret)}\n`, {
    mode: 0o600,
  });
  chmodSync(path, 0o600);
  return true;
}

/** .dev.vars, then the process environment on top, limited to the keys the app reads. */
export function resolveConfig(overrides = {}, path = '.dev.vars') {
  const fromFile = existsSync(path) ? parseDotenv(readFileSync(path, 'utf8')) : {};
  const config = { ...fromFile };
  for (const key of CONFIG_KEYS) if (process.env[key] !== undefined) config[key] = process.env[key];
  return { ...config, ...overrides };
}

/** An env file wrangler reads with --env-file (owner-only: it holds secrets). */
export function writeEnvFile(path, config) {
  mkdirSync(dirname(path), { recursive: true });
  const body = Object.entries(config)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join('\n');
  writeFileSync(path, `${body}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
