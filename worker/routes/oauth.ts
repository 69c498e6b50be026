import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createRouter, onError, type AppEnv } from '../app';
import { AuthorizePageError, AuthorizeRedirectError, invalidRequest, OAuthError } from '../auth/oauth-errors';
import { redirectBack } from '../auth/oauth';
import { ConsentSchema, RegisterClientSchema, SCOPE, TokenRequestSchema } from '../auth/oauth-schema';
import { LoginSchema } from '../auth/schema';
import { AppError } from '../lib/errors';
import { clientKey } from '../lib/rate-limit';
import { toIssues } from '../lib/validate';
import { consentPage, consentPolicy, errorPage } from './consent-page';
import { limitedLogin } from './login';

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** The discovery documents an MCP client reads after a 401 from /mcp. */
export const wellKnownRoutes = createRouter()
  .use(cors({ origin: '*' }))
  .get('/oauth-protected-resource', (c) => c.json(protectedResource(c), 200))
  .get('/oauth-protected-resource/mcp', (c) => c.json(protectedResource(c), 200))
  .get('/oauth-authorization-server', (c) =>
    c.json(
      {
        issuer: origin(c),
        authorization_endpoint: `${origin(c)}/oauth/authorize`,
        token_endpoint: `${origin(c)}/oauth/token`,
        registration_endpoint: `${origin(c)}/oauth/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: [SCOPE],
        service_documentation: 'https://github.com/unified-tasks/unified-tasks/blob/main/docs/mcp.md',
      },
      200,
    ),
  );

/** RFC 9728: the resource is /mcp and this app is its authorization server. */
function protectedResource(c: Context<AppEnv>) {
  return {
    resource: `${origin(c)}/mcp`,
    authorization_servers: [origin(c)],
    scopes_supported: [SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: 'Unified tasks',
  };
}

const formBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw invalidRequest('Request body is too large');
  },
});

/** The fields of a url-encoded form, each given once; anything else is a bad request. */
async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw invalidRequest('Send the body as application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
  const fields: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in fields) throw invalidRequest(`${k} is given more than once`);
    fields[k] = v;
  }
  return fields;
}

const problems = (error: Parameters<typeof toIssues>[0]) =>
  toIssues(error)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');

/** A nonce for the page's one style element, and the policy that allows only it. */
function htmlPage(
  c: Context<AppEnv>,
  status: 200 | 400 | 401 | 429,
  page: (nonce: string) => unknown,
  redirectUri?: string,
) {
  const nonce = crypto.randomUUID().replaceAll('-', '');
  c.header('Content-Security-Policy', consentPolicy(nonce, redirectUri));
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  return c.html(page(nonce) as string, status);
}

/** The query of a GET or the fields of a POST, checked against the authorization request's shape. */
function authorizeParams(input: unknown) {
  const parsed = ConsentSchema.safeParse(input);
  if (!parsed.success) throw new AuthorizePageError(`This request is malformed (${problems(parsed.error)}).`);
  return parsed.data;
}

/** The consent page's answer to a sign-in that failed: the page again, with why. */
function loginProblem(err: unknown): { status: 401 | 429; message: string } | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.status === 429) return { status: 429, message: err.message };
  if (err.status === 401) return { status: 401, message: 'Email or password is incorrect.' };
  return undefined;
}

async function answerConsent(c: Context<AppEnv>, form: ReturnType<typeof authorizeParams>) {
  const { email, password, decision, ...params } = form;
  const request = await c.var.oauth.check(params);
  if (decision !== 'approve') {
    return c.redirect(redirectBack(request.redirectUri, request.state, { error: 'access_denied' }), 302);
  }
  const view = { clientName: request.client.name, redirectUri: request.redirectUri, params, email };
  const login = LoginSchema.safeParse({ email, password });
  if (!login.success) {
    return htmlPage(
      c,
      400,
      (n) => consentPage(n, { ...view, error: 'Enter your email and password.' }),
      view.redirectUri,
    );
  }
  try {
    const { user } = await limitedLogin(c, login.data);
    return c.redirect(await c.var.oauth.approve(user.id, request), 302);
  } catch (err) {
    const problem = loginProblem(err);
    if (!problem) throw err;
    return htmlPage(c, problem.status, (n) => consentPage(n, { ...view, error: problem.message }), view.redirectUri);
  }
}

/** Errors of the authorization endpoint: on the page, or back to the client; the rest as usual. */
async function authorizeError(c: Context<AppEnv>, err: unknown) {
  if (err instanceof AuthorizePageError) return htmlPage(c, 400, (n) => errorPage(n, err.message));
  if (err instanceof AuthorizeRedirectError) {
    const to = redirectBack(err.redirectUri, err.state, { error: err.code, error_description: err.message });
    return c.redirect(to, 302);
  }
  throw err;
}

/**
 * The authorization server: registration (RFC 7591), the authorization
 * endpoint with its log-in and consent page, and the token endpoint. Errors
 * are OAuth's `{error, error_description}`, which OAuth clients parse.
 */
export const oauthRoutes = createRouter()
  .use('/register', cors({ origin: '*' }))
  .use('/token', cors({ origin: '*' }))
  .post('/register', formBody, async (c) => {
    await c.var.limiter.check([['oauthRegisterClient', clientKey(c.req.raw.headers)]]);
    const body: unknown = await c.req.json().catch(() => {
      throw new OAuthError(400, 'invalid_client_metadata', 'Send the client metadata as a JSON object');
    });
    const parsed = RegisterClientSchema.safeParse(body);
    if (!parsed.success) throw new OAuthError(400, 'invalid_client_metadata', problems(parsed.error));
    return c.json(await c.var.oauth.register(parsed.data), 201, NO_STORE);
  })
  .get('/authorize', async (c) => {
    try {
      const params = authorizeParams(c.req.query());
      const request = await c.var.oauth.check(params);
      const view = { clientName: request.client.name, redirectUri: request.redirectUri, params };
      return htmlPage(c, 200, (n) => consentPage(n, view), request.redirectUri);
    } catch (err) {
      return authorizeError(c, err);
    }
  })
  .post('/authorize', formBody, async (c) => {
    try {
      return await answerConsent(c, authorizeParams(await formOf(c).catch(() => ({}))));
    } catch (err) {
      return authorizeError(c, err);
    }
  })
  .post('/token', formBody, async (c) => {
    const fields = await formOf(c);
    const parsed = TokenRequestSchema.safeParse(fields);
    if (!parsed.success) {
      const known = ['authorization_code', 'refresh_token'].includes(fields.grant_type ?? '');
      if (fields.grant_type && !known) {
        throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
      }
      throw invalidRequest(problems(parsed.error));
    }
    return c.json(await c.var.oauth.token(parsed.data), 200, NO_STORE);
  })
  .onError((err, c) => {
    if (err instanceof OAuthError) return c.json(err.toJSON(), err.status, NO_STORE);
    return onError(err, c);
  });
