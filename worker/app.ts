import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { OAuthService } from './auth/oauth';
import type { AuthService } from './auth/service';
import type { TokenService } from './auth/tokens';
import type { ConversationService } from './chat/conversations';
import type { Repos } from './db';
import type { Env } from './env';
import type { Clock } from './lib/clock';
import type { RateLimiter } from './lib/rate-limit';
import type { Live } from './live';
import { AppError } from './lib/errors';
import type { TaskService } from './tasks/service';

export interface AppVariables {
  tasks: TaskService;
  conversations: ConversationService;
  auth: AuthService;
  personalTokens: TokenService;
  oauth: OAuthService;
  limiter: RateLimiter;
  live: Live;
  /** Keeps the request's database connection open (and the Worker running) until `work` settles. */
  keepAlive(work: Promise<unknown>): void;
  /** Which database runs, and a trivial query against it: all the health check may know of it. */
  database: Pick<Repos, 'dialect' | 'ping'>;
  /** The app's time for this request (CLOCK_AT can set it for tests and demos). */
  clock: Clock;
  /** Set by requireAuth from the verified token's `sub`. */
  userId: string;
  claims: { sub: string; email?: string; name?: string };
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };

/** A router for one resource; mounted on the app with `app.route`. */
export const createRouter = () => new Hono<AppEnv>();

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * The words of an HTTPException that carries its own response instead of a
 * message: the MCP transport's JSON-RPC errors ("Parse error", "Not Acceptable…").
 */
async function messageOf(err: HTTPException): Promise<string | undefined> {
  if (err.message) return err.message;
  try {
    const body = (await err.getResponse().clone().json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}

type Envelope = { error: { code: string; message: string; [more: string]: unknown } };

/**
 * The single place an error becomes the error envelope `{error: {code,
 * message, issues?}}`, never a stack trace: for a response (onError) and for
 * a stream's last event alike.
 */
export async function envelopeOf(err: unknown, c: Context<AppEnv>) {
  if (err instanceof AppError) return { status: err.status, body: err.toJSON() as Envelope, headers: err.headers };
  if (err instanceof HTTPException && err.status < 500) {
    const code = CODES[err.status] ?? 'bad_request';
    return {
      status: err.status,
      body: { error: { code, message: (await messageOf(err)) ?? code } },
      headers: undefined,
    };
  }
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
  const body = { error: { code: 'internal_error', message: 'Something went wrong on our side' } };
  return { status: 500 as const, body, headers: undefined };
}

export async function onError(err: Error, c: Context<AppEnv>): Promise<Response> {
  const { status, body, headers } = await envelopeOf(err, c);
  return c.json(body, status, headers);
}

/** 405 in the envelope, with the methods the path does answer to. */
export const wrongMethod = (c: Context<AppEnv>, allowed: string[]) => {
  const message = `${c.req.method} is not allowed here; use ${allowed.join(', ')}`;
  return c.json({ error: { code: 'method_not_allowed', message } }, 405, { Allow: allowed.join(', ') });
};

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => {
    const message = `No route for ${c.req.method} ${new URL(c.req.url).pathname}`;
    return c.json({ error: { code: 'not_found', message } }, 404);
  });
  return app;
}
