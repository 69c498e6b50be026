/**
 * PBKDF2-SHA256 through WebCrypto. 100,000 iterations is the most deployed
 * Workers accept: above it deriveBits throws "Pbkdf2 failed: iteration counts
 * above 100000 are not supported". Local workerd does not enforce the cap, so
 * a higher number would pass every local test and break every production
 * login. The count is stored with each hash so it can change later.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

const encoder = new TextEncoder();

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/**
 * The same password typed on two keyboards can arrive as different code
 * points ("café" as é or as e + a combining accent): NFC makes them one.
 */
const normal = (password: string) => password.normalize('NFC');

/** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` with a fresh random salt, of the NFC form. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(normal(password), salt, PBKDF2_ITERATIONS);
  return [SCHEME, PBKDF2_ITERATIONS, toB64(salt), toB64(hash)].join('$');
}

/**
 * Compares the NFC form in constant time. A hash made before passwords were
 * normalised holds the code points as typed, so those are tried too when they
 * differ. Errors from the runtime propagate: a refused derivation is not a
 * wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64] = stored.split('$');
  if (scheme !== SCHEME || !iter || !saltB64 || !hashB64) throw new Error('Unknown password hash format');
  const expected = fromB64(hashB64);
  const matches = async (candidate: string) =>
    timingSafeEqual(await derive(candidate, fromB64(saltB64), Number(iter)), expected);
  if (await matches(normal(password))) return true;
  return password !== normal(password) && matches(password);
}

function timingSafeEqual(a: Uint8Array<ArrayBuffer>, b: Uint8Array<ArrayBuffer>): boolean {
  // workerd's crypto.subtle.timingSafeEqual needs equal lengths; the length itself is not secret.
  if (a.byteLength !== b.byteLength) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * A hash of a password nobody knows, to spend the same time on a login for an
 * unknown email as on a wrong password, so timing does not reveal accounts.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(crypto.randomUUID()));
