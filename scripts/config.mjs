// Local configuration: .dev.vars overlaid with the environment of the command
// that runs the app, so `OPENAI_API_KEY=... npm start` works without editing files.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const CONFIG_KEYS = [
  'JWT_SECRET',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'OPENAI_TIMEOUT_MS',
  'DATABASE_URL',
  'CORS_ORIGINS',
  'RATE_LIMITS',
  'NEON_WS_PROXY',
];

export function parseDotenv(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

const quote = (v) => JSON.stringify(String(v));

/** Writes a random JWT_SECRET into .dev.vars on first start; never overwrites one. */
export function ensureDevVars(path = '.dev.vars') {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (parseDotenv(text).JWT_SECRET) return false;
  const secret = randomBytes(48).toString('base64url');
  const prefix = text && !text.endsWith('\n') ? '\n' : '';
  writeFileSync(path, `${text}${prefix}# Generated on first start; keep it secret.\nJWT_SECRET=${quote(secret)}\n`, { mode: 0o600 });
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
