import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Issue {
  path: string;
  message: string;
}

/**
 * The one error type the service, routes, tools and agents throw on purpose.
 * `app.onError` turns it into the error envelope; tools turn it into a tool result.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
    /** Extra fields for the envelope, e.g. the conversation a failed chat message was kept in. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  withDetails(details: Record<string, unknown>): AppError {
    return new AppError(this.status, this.code, this.message, this.issues, this.headers, {
      ...this.details,
      ...details,
    });
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...this.details,
      },
    };
  }
}

export const badRequest = (message: string, issues?: Issue[]) =>
  new AppError(400, issues ? 'validation_error' : 'bad_request', message, issues);

export const validationError = (issues: Issue[]) =>
  new AppError(
    400,
    'validation_error',
    issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    issues,
  );

export const unauthorized = (message = 'Missing or invalid token') =>
  new AppError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });

export const notFound = (what = 'Task') => new AppError(404, 'not_found', `${what} not found`);

export const conflict = (message: string) => new AppError(409, 'conflict', message);

export const preconditionFailed = () =>
  new AppError(412, 'precondition_failed', 'The task changed since you loaded it; reload it and try again');

export const tooLarge = (limit: number) =>
  new AppError(413, 'payload_too_large', `Request body is larger than ${limit} bytes`);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', `Too many requests; try again in ${retryAfterSeconds} s`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

export const unavailable = (message: string) => new AppError(503, 'service_unavailable', message);

export const upstreamFailed = (status: 502 | 504, code: string, message: string) => new AppError(status, code, message);
