/**
 * Bearer secrets: 256 random bits behind a prefix that names what they are.
 * The prefix lets secret scanners (GitHub's, gitleaks) recognise a leaked
 * token, and lets the auth middleware send each kind to its own lookup
 * without trying them all. Only the SHA-256 of a secret is ever stored: the
 * secret is already 256 random bits, so a slow hash would add nothing.
 */
export const PREFIX = {
  personal: 'utk_pat_',
  access: 'utk_oat_',
  refresh: 'utk_ort_',
  code: 'utk_oac_',
} as const;

export type SecretKind = keyof typeof PREFIX;

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

export const newSecret = (kind: SecretKind) => PREFIX[kind] + b64url(crypto.getRandomValues(new Uint8Array(32)));

/** Which kind a presented secret claims to be, by its prefix; undefined for anything else (a JWT). */
export const kindOf = (secret: string): SecretKind | undefined =>
  (Object.keys(PREFIX) as SecretKind[]).find((k) => secret.startsWith(PREFIX[k]));

const digest = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** The stored form of a secret: SHA-256, hex. */
export const hashSecret = async (secret: string) =>
  Array.from(await digest(secret), (b) => b.toString(16).padStart(2, '0')).join('');

/** PKCE S256 (RFC 7636 §4.2): BASE64URL(SHA256(ASCII(code_verifier))). */
export const s256 = async (verifier: string) => b64url(await digest(verifier));
