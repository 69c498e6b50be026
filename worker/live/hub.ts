import { DurableObject } from 'cloudflare:workers';

/** How long a ticket may wait before it is used. */
export const TICKET_TTL_MS = 60_000;

const TICKET = 'ticket:';
const VERSION = 'version';

/**
 * One per user: holds the user's dashboard sockets and tells each the user's
 * version after every committed write, whichever Worker instance and
 * interface made it. The sockets hibernate (acceptWebSocket): an idle
 * dashboard costs nothing, and what a socket needs survives in storage, not
 * in fields that vanish with the object.
 */
export class LiveHub extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Stores a ticket's hash until `expiresAt` (ms), dropping tickets that expired unused. */
  async issue(hash: string, expiresAt: number, now: number): Promise<void> {
    const stale = [...(await this.ctx.storage.list<number>({ prefix: TICKET })).entries()]
      .filter(([, expires]) => expires <= now)
      .map(([key]) => key);
    if (stale.length) await this.ctx.storage.delete(stale);
    await this.ctx.storage.put(TICKET + hash, expiresAt);
  }

  /** Whether a ticket is valid now; it is spent either way. */
  async redeem(hash: string, now: number): Promise<boolean> {
    const expires = await this.ctx.storage.get<number>(TICKET + hash);
    if (expires === undefined) return false;
    await this.ctx.storage.delete(TICKET + hash);
    return expires > now;
  }

  /** Accepts a socket (the Worker has redeemed its ticket) and tells it the version at once. */
  override async fetch(request: Request): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const known = Number(request.headers.get('X-Version')) || 0;
    server.send(JSON.stringify({ version: Math.max(known, (await this.ctx.storage.get<number>(VERSION)) ?? 0) }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Tells every socket the new version (versions only grow: a late, older one is dropped). */
  async publish(version: number): Promise<void> {
    const last = (await this.ctx.storage.get<number>(VERSION)) ?? 0;
    if (version <= last) return;
    await this.ctx.storage.put(VERSION, version);
    const message = JSON.stringify({ version });
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // A socket closing as we send: its close handler tidies up.
      }
    }
  }

  /** The socket only listens (pings are auto-answered): anything sent to it closes it. */
  override async webSocketMessage(ws: WebSocket): Promise<void> {
    ws.close(1008, 'This socket only receives versions; send nothing but "ping"');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    // 1005/1006 mean no code was given: close normally instead of echoing them.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, 'bye');
  }
}
