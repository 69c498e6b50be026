/** An account as every interface sees it (never with its password hash). */
export interface User {
  id: string;
  email: string;
  name: string | null;
  created_at: string;
}

/** A personal access token as its owner sees it: never the secret, which is shown once, at creation. */
export interface PersonalToken {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

/** A dynamically registered OAuth client (public: it has no secret). */
export interface OAuthClient {
  id: string;
  name: string;
  redirect_uris: string[];
  created_at: string;
}

/** A user's consent to an OAuth client: a connected app, revocable from the dashboard. */
export interface ConnectedApp {
  id: string;
  client_id: string;
  client_name: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
}

export type OAuthTokenKind = 'code' | 'access' | 'refresh';

/** A stored code or token: its hash only, never the secret. */
export interface StoredOAuthToken {
  hash: string;
  grantId: string;
  userId: string;
  kind: OAuthTokenKind;
  expiresAt: Date;
  redirectUri: string | null;
  codeChallenge: string | null;
}
