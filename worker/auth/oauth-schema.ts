import { z } from 'zod';
import { text } from '../lib/text';

/** The one scope: the MCP tools over the user's tasks (read, add, change, complete, delete). */
export const SCOPE = 'tasks';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// Schemes a browser must never be sent to with a code.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'blob:', 'vbscript:', 'about:']);

/**
 * A redirect URI a client may register: https, http on a loopback host (a
 * desktop client's local callback), or a private-use scheme such as
 * `cursor://` (RFC 8252 §7.1); never with a fragment.
 */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${uri} is not an absolute URL`;
  }
  if (url.hash || uri.includes('#')) return `${uri} must not have a fragment`;
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `${uri} uses a scheme that cannot receive a code`;
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return `${uri} must use https (plain http only on localhost, 127.0.0.1 or [::1])`;
  }
  return undefined;
}

/** RFC 7591 client metadata; fields we do not use are ignored, as the RFC allows. */
export const RegisterClientSchema = z.object({
  redirect_uris: z
    .array(z.string().max(2000, 'Must be at most 2000 characters'), { error: 'Must be a list of URLs' })
    .min(1, 'Give at least one redirect URI')
    .max(10, 'Give at most 10 redirect URIs'),
  client_name: text(1, 100).optional(),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token'])).optional(),
  response_types: z.array(z.literal('code')).optional(),
  token_endpoint_auth_method: z.string().optional(),
  scope: z.string().max(200).optional(),
});

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The parameters of an authorization request, as a query (GET) or form fields (POST). */
export const AuthorizeSchema = z.object({
  response_type: z.string().optional(),
  client_id: z.string().max(100).optional(),
  redirect_uri: z.string().max(2000).optional(),
  code_challenge: z.string().max(200).optional(),
  code_challenge_method: z.string().max(20).optional(),
  state: z.string().max(1000).optional(),
  scope: z.string().max(200).optional(),
  resource: z.string().max(2000).optional(),
});
export type AuthorizeParams = z.infer<typeof AuthorizeSchema>;

/** What the consent form adds: who signs in, and the answer. */
export const ConsentSchema = AuthorizeSchema.extend({
  email: z.string().max(254).optional(),
  password: z.string().max(1000).optional(),
  decision: z.enum(['approve', 'deny']).optional(),
});

export const TokenRequestSchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().max(200),
    redirect_uri: z.string().max(2000),
    client_id: z.string().max(100),
    code_verifier: z.string().regex(VERIFIER, 'code_verifier must be 43 to 128 unreserved characters'),
    resource: z.string().max(2000).optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().max(200),
    client_id: z.string().max(100),
    resource: z.string().max(2000).optional(),
    scope: z.string().max(200).optional(),
  }),
]);
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

export const isChallenge = (s: string) => CHALLENGE.test(s);
