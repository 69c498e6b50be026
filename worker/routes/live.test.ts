import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, BASE, errorOf, jsonOf, signup, world, type Api } from '../test/helpers';

/** A socket's messages, each awaited in turn (failing, not hanging, if none comes). */
function listen(ws: WebSocket) {
  const queue: string[] = [];
  const waiting: ((m: string) => void)[] = [];
  let closed: { code: number } | undefined;
  ws.addEventListener('message', (e) => {
    const data = String(e.data);
    const take = waiting.shift();
    if (take) take(data);
    else queue.push(data);
  });
  ws.addEventListener('close', (e) => (closed = { code: e.code }));
  return {
    next(ms = 5000): Promise<unknown> {
      const ready = queue.shift();
      if (ready !== undefined) return Promise.resolve(JSON.parse(ready));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), ms);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(JSON.parse(m));
        });
      });
    },
    pending: () => queue.length,
    closed: () => closed,
  };
}

// Raw: the typed client's response has no `webSocket` to accept.
const openSocket = (ticket: string, fetchApp = (url: string, init: RequestInit) => exports.default.fetch(url, init)) =>
  fetchApp(`${BASE}/api/v1/live?ticket=${encodeURIComponent(ticket)}`, { headers: { Upgrade: 'websocket' } });

const ticketFor = async (c: Api) => (await jsonOf(c.api.v1.live.ticket.$post(), 200)).ticket;
const create = (c: Api, title: string) => c.api.v1.tasks.$post({ json: { title } });

async function connect(c: Api) {
  const ticket = await ticketFor(c);
  const res = await openSocket(ticket);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  return { ws, messages: listen(ws), ticket };
}

describe('live push', () => {
  it('greets with the version, then pushes each new one, whichever interface wrote', async () => {
    const { token } = await signup('live');
    const me = api(token);
    await create(me, 'Before');
    const { ws, messages } = await connect(me);
    expect(await messages.next()).toEqual({ version: 1 });

    const task = await jsonOf(create(me, 'REST'), 201);
    expect(await messages.next()).toEqual({ version: 2 });
    await me.api.v1.chat.$post({ json: { message: `complete rest` } });
    expect(await messages.next()).toEqual({ version: 3 });
    await me.api.v1.tasks[':id'].$delete({ param: { id: task.id } });
    expect(await messages.next()).toEqual({ version: 4 });
    ws.close(1000, 'done');
  });

  it("never tells one user about another's changes", async () => {
    const [a, b] = [api((await signup('live-a')).token), api((await signup('live-b')).token)];
    const socket = await connect(a);
    expect(await socket.messages.next()).toEqual({ version: 0 });
    await create(b, 'not for a');
    await create(a, 'for a');
    // The next message a gets is its own first change, not b's.
    expect(await socket.messages.next()).toEqual({ version: 1 });
    socket.ws.close(1000);
  });

  const refused = 'takes a ticket once: used, unknown, forged or missing tickets are refused with 401';
  it(`${refused} before the upgrade`, async () => {
    const me = api((await signup('ticket')).token);
    const { ws, ticket } = await connect(me);
    ws.close(1000);
    const used = await openSocket(ticket);
    expect(used.status).toBe(401);
    expect(await errorOf(used)).toMatchObject({ code: 'unauthorized' });
    const [userPart] = ticket.split('.');
    for (const bad of [`${userPart}.${'A'.repeat(43)}`, 'garbage', `${ticket}x`, '.', '']) {
      const res = await openSocket(bad);
      expect(res.status, bad).toBe(401);
    }
    // Raw: no ticket at all, which the typed client refuses to send.
    const missing = await exports.default.fetch(`${BASE}/api/v1/live`, { headers: { Upgrade: 'websocket' } });
    expect(missing.status).toBe(400);
    // A ticket needs a token; the socket needs an upgrade.
    expect((await api('nope').api.v1.live.ticket.$post()).status).toBe(401);
    const plain = await api().api.v1.live.$get({ query: { ticket: await ticketFor(me) } });
    expect(plain.status).toBe(426);
  });

  it('refuses a ticket older than 60 seconds', async () => {
    const issued = world('2031-03-01T10:00:00Z');
    const me = issued.api((await issued.signup('stale')).token);
    const ticket = await ticketFor(me);
    const later = world('2031-03-01T10:01:01Z');
    const res = await openSocket(ticket, later.fetch);
    expect(res.status).toBe(401);
  });

  it('closes a socket that sends anything but ping, and answers ping with pong', async () => {
    const me = api((await signup('chatty-socket')).token);
    const { ws, messages } = await connect(me);
    expect(await messages.next()).toEqual({ version: 0 });
    const pong = new Promise<string>((resolve) =>
      ws.addEventListener('message', (e) => resolve(String(e.data)), { once: true }),
    );
    ws.send('ping');
    expect(await pong).toBe('pong');
    const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
    ws.send('{"version": 99, "garbage": true}');
    expect(await closed).toBe(1008);
    // Nothing else is affected: the user's writes still work and still push to new sockets.
    expect((await create(me, 'still fine')).status).toBe(201);
    const again = await connect(me);
    expect(await again.messages.next()).toEqual({ version: 1 });
    again.ws.close(1000);
  });
});
