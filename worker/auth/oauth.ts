import type { OAuthRepo } from '../db';
import type { Clock } from '../lib/clock';
import { notFound, unauthorized } from '../lib/errors';
import { isUuid } from '../lib/text';
import { AuthorizePageError, AuthorizeRedirectError, invalidGrant, invalidRequest, OAuthError } from './oauth-errors';
import {
  isChallenge,
  redirectUriProblem,
  SCOPE,
  type AuthorizeParams,
  type RegisterClientSchema,
  type TokenRequest,
} from './oauth-schema';
import { hashSecret, newSecret, s256 } from './secrets';
import type { OAuthClient, StoredOAuthToken } from './types';
import type { z } from 'zod';

/** Short-lived: a stolen access token is worth an hour; the client refreshes. */
export const ACCESS_TTL_SECONDS = 60 * 60;
const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const CODE_TTL_MS = 5 * 60 * 1000;

/** An authorization request that passed every check: what the consent page shows and the code is bound to. */
export interface CheckedRequest {
  client: OAuthClient;
  redirectUri: string;
  codeChallenge: string;
  state: string | undefined;
  scope: string;
}

/** Where the client's browser goes back to with `params` (a code, or an error), and the state it sent. */
export function redirectBack(redirectUri: string, state: string | undefined, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.href;
}

/** Issuing a family's tokens, and spending its codes and refresh tokens once. */
function tokenFamily(repo: OAuthRepo, clock: Clock) {
  const at = (ms: number) => new Date(clock().getTime() + ms);

  async function issueTokens(grantId: string, userId: string) {
    const access = newSecret('access');
    const refresh = newSecret('refresh');
    const none = { redirectUri: null, codeChallenge: null };
    await repo.issue([
      {
        hash: await hashSecret(access),
        grantId,
        userId,
        kind: 'access',
        expiresAt: at(ACCESS_TTL_SECONDS * 1000),
        ...none,
      },
      { hash: await hashSecret(refresh), grantId, userId, kind: 'refresh', expiresAt: at(REFRESH_TTL_MS), ...none },
    ]);
    return {
      access_token: access,
      token_type: 'Bearer' as const,
      expires_in: ACCESS_TTL_SECONDS,
      refresh_token: refresh,
      scope: SCOPE,
    };
  }

  /** Spends a code or refresh token; a replay, an expired one or one of another client revokes its family. */
  async function spend(secret: string, kind: 'code' | 'refresh', clientId: string) {
    const spent = await repo.spend(await hashSecret(secret), kind);
    const what = kind === 'code' ? 'authorization code' : 'refresh token';
    if (!spent) throw invalidGrant(`Unknown or revoked ${what}`);
    const { token, firstUse } = spent;
    const grant = await repo.findGrant(token.grantId);
    const refuse = async (message: string) => {
      await repo.revokeGrant(null, token.grantId);
      return invalidGrant(message);
    };
    if (!firstUse) throw await refuse(`This ${what} was already used; every token of this grant is now revoked`);
    if (!grant) throw invalidGrant(`Unknown or revoked ${what}`);
    if (grant.clientId !== clientId) throw await refuse(`This ${what} was issued to another client`);
    if (token.expiresAt <= clock()) throw invalidGrant(`This ${what} has expired`);
    return { token, refuse };
  }

  return { at, issueTokens, spend };
}

/** RFC 7591 registration of a public client. */
async function registerClient(repo: OAuthRepo, input: z.infer<typeof RegisterClientSchema>) {
  for (const uri of input.redirect_uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new OAuthError(400, 'invalid_redirect_uri', problem);
  }
  const client = await repo.createClient({
    name: input.client_name ?? 'Unnamed client',
    redirectUris: input.redirect_uris,
  });
  return {
    client_id: client.id,
    client_id_issued_at: Math.floor(new Date(client.created_at).getTime() / 1000),
    client_name: client.name,
    redirect_uris: client.redirect_uris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // Public clients only: a secret in a desktop or browser client protects nothing; PKCE does.
    token_endpoint_auth_method: 'none',
    scope: SCOPE,
  };
}

/**
 * The OAuth 2.1 authorization server for MCP clients: registration, the
 * code flow with PKCE S256, and rotating refresh tokens. Every code and
 * token of one consent is one family (a grant); a replayed code or refresh
 * token revokes the whole family, since only a thief or a broken client
 * presents one twice.
 *
 * @param resource the protected resource (`<origin>/mcp`) every token is for
 */
export function createOAuthService(repo: OAuthRepo, clock: Clock, resource: string) {
  const { at, issueTokens, spend } = tokenFamily(repo, clock);

  const checkResource = (given: string | undefined, onError: (message: string) => Error) => {
    if (given !== undefined && given !== resource) throw onError(`resource must be ${resource}`);
  };

  return {
    resource,

    register: (input: z.infer<typeof RegisterClientSchema>) => registerClient(repo, input),

    /**
     * Checks an authorization request. A bad client or redirect URI throws
     * AuthorizePageError (told to the user, never redirected); any other
     * problem throws AuthorizeRedirectError (told to the client).
     */
    async check(params: AuthorizeParams): Promise<CheckedRequest> {
      const client = params.client_id && isUuid(params.client_id) ? await repo.findClient(params.client_id) : null;
      if (!client) throw new AuthorizePageError('This app is not registered here (unknown client_id).');
      const redirectUri =
        params.redirect_uri ?? (client.redirect_uris.length === 1 ? client.redirect_uris[0] : undefined);
      if (!redirectUri || !client.redirect_uris.includes(redirectUri)) {
        throw new AuthorizePageError(`${client.name} asked to send you to an address it did not register.`);
      }
      const fail = (code: string) => (message: string) =>
        new AuthorizeRedirectError(code, message, redirectUri, params.state);
      if (params.response_type !== 'code') throw fail('unsupported_response_type')('response_type must be code');
      if (params.code_challenge_method !== 'S256' || !params.code_challenge || !isChallenge(params.code_challenge)) {
        throw fail('invalid_request')('PKCE is required: code_challenge with code_challenge_method S256');
      }
      const scopes = (params.scope ?? SCOPE).split(' ').filter(Boolean);
      if (scopes.some((s) => s !== SCOPE)) throw fail('invalid_scope')(`The only scope is ${SCOPE}`);
      checkResource(params.resource, fail('invalid_target'));
      return { client, redirectUri, codeChallenge: params.code_challenge, state: params.state, scope: SCOPE };
    },

    /** The user approved: a new grant, and a code for it, sent back to the client. */
    async approve(userId: string, request: CheckedRequest): Promise<string> {
      const grantId = await repo.createGrant({ userId, clientId: request.client.id, scope: request.scope });
      const code = newSecret('code');
      const stored: StoredOAuthToken = {
        hash: await hashSecret(code),
        grantId,
        userId,
        kind: 'code',
        expiresAt: at(CODE_TTL_MS),
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
      };
      await repo.issue([stored]);
      return redirectBack(request.redirectUri, request.state, { code });
    },

    async token(request: TokenRequest) {
      checkResource(request.resource, invalidRequest);
      if (request.grant_type === 'refresh_token') {
        const { token } = await spend(request.refresh_token, 'refresh', request.client_id);
        return issueTokens(token.grantId, token.userId);
      }
      const { token, refuse } = await spend(request.code, 'code', request.client_id);
      if (token.redirectUri !== request.redirect_uri)
        throw await refuse('redirect_uri does not match the authorization request');
      if ((await s256(request.code_verifier)) !== token.codeChallenge)
        throw await refuse('code_verifier does not match the code_challenge');
      return issueTokens(token.grantId, token.userId);
    },

    /** The user an access token was issued for; 401 when it is unknown, revoked or expired. */
    async authenticate(secret: string): Promise<string> {
      const token = await repo.findAccess(await hashSecret(secret));
      if (!token || token.expiresAt <= clock()) throw unauthorized('Invalid, revoked or expired access token');
      return token.userId;
    },

    grants: (userId: string) => repo.grants(userId),

    async revoke(userId: string, grantId: string): Promise<void> {
      if (!isUuid(grantId) || !(await repo.revokeGrant(userId, grantId))) throw notFound('Connected app');
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
