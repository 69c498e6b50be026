import type { Clock } from '../lib/clock';
import { unauthorized } from '../lib/errors';
import { TICKET_TTL_MS, type LiveHub } from './hub';

export { LiveHub } from './hub';

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'));

async function sha256(text: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

const badTicket = () => unauthorized('Unknown, used or expired ticket; ask for a new one');

/**
 * Live push from the Worker's side: versions to each user's hub after every
 * write, and single-use tickets that let a browser open a socket without
 * putting its token in a URL. A ticket is `<user id, base64url>.<secret>`:
 * the user id routes it to that user's hub, which keeps only the secret's hash.
 */
export function createLive(
  ns: DurableObjectNamespace<LiveHub> | undefined,
  clock: Clock,
  waitUntil: (p: Promise<unknown>) => void,
) {
  const hub = (userId: string) => {
    if (!ns) throw new Error('The LIVE Durable Object binding is missing (wrangler.toml)');
    return ns.get(ns.idFromName(userId));
  };

  return {
    /** After a committed write: the hub tells every open dashboard. Never delays or fails the write. */
    notify(userId: string, version: number) {
      if (!ns) return;
      waitUntil(
        hub(userId)
          .publish(version)
          .catch((err: unknown) => console.error('live push failed:', err)),
      );
    },

    async ticket(userId: string): Promise<string> {
      const secret = b64url(crypto.getRandomValues(new Uint8Array(32)));
      const now = clock().getTime();
      await hub(userId).issue(await sha256(secret), now + TICKET_TTL_MS, now);
      return `${b64url(new TextEncoder().encode(userId))}.${secret}`;
    },

    /** The user a ticket was issued to, spending it; 401 for one that is unknown, used or expired. */
    async redeem(ticket: string): Promise<string> {
      const m = /^([\w-]{1,400})\.([\w-]{43})$/.exec(ticket);
      if (!m) throw badTicket();
      let userId: string;
      try {
        userId = new TextDecoder().decode(Uint8Array.from(fromB64url(m[1]!), (ch) => ch.charCodeAt(0)));
      } catch {
        throw badTicket();
      }
      if (!(await hub(userId).redeem(await sha256(m[2]!), clock().getTime()))) throw badTicket();
      return userId;
    },

    /** Hands the upgrade to the user's hub, which greets the socket with `version`. */
    connect(userId: string, request: Request, version: number): Promise<Response> {
      const headers = new Headers(request.headers);
      headers.set('X-Version', String(version));
      return hub(userId).fetch(new Request(request, { headers }));
    },
  };
}
export type Live = ReturnType<typeof createLive>;
