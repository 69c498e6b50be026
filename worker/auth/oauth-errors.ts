import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error the OAuth endpoints answer in OAuth's own shape (RFC 6749 §5.2,
 * RFC 7591 §3.2.2): `{error, error_description}`. OAuth clients (the MCP
 * SDK among them) parse exactly that, so these endpoints do not use the
 * app's envelope.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthError';
  }

  toJSON() {
    return { error: this.code, error_description: this.message };
  }
}

export const invalidGrant = (message: string) => new OAuthError(400, 'invalid_grant', message);
export const invalidRequest = (message: string) => new OAuthError(400, 'invalid_request', message);

/**
 * An authorization request too broken to send back to the client (unknown
 * client, unregistered redirect URI): shown to the user on the page instead,
 * never redirected (RFC 6749 §4.1.2.1).
 */
export class AuthorizePageError extends Error {}

/** An authorization request error the client hears about at its redirect URI. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The registered redirect URI the request named, and its state: where the error goes. */
    readonly redirectUri: string,
    readonly state: string | undefined,
  ) {
    super(message);
  }
}
