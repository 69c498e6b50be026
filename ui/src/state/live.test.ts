import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, FakeSocket } from '../test/fake-api';
import { fakeVisibility } from '../test/visibility';
import { token } from './api';
import { liveState, liveUrl, startSync } from './live';
import { listVersion, refresh, resetTasks, tasks } from './tasks';

let server: ReturnType<typeof fakeApi>;
let page: ReturnType<typeof fakeVisibility>;
let stop: () => void;

/** HTTP requests after the first load, by path. */
const http = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path}`);

async function open() {
  await refresh();
  page = fakeVisibility(true);
  stop = startSync({ visibility: page.v, open: (url) => new FakeSocket(url), live: { random: () => 1 } });
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  server = fakeApi();
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => server.fetch(input, init));
  vi.stubGlobal('location', { protocol: 'http:', host: 'app.test' });
  token.value = 'a-token';
  FakeSocket.all = [];
  resetTasks();
});
afterEach(() => {
  stop?.();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('live sync', () => {
  it('opens the socket at ws:// or wss:// like the page, with a ticket', async () => {
    expect(liveUrl('a.b', { protocol: 'https:', host: 'tasks.example' })).toBe(
      'wss://tasks.example/api/v1/live?ticket=a.b',
    );
    await open();
    expect(server.calls('/api/v1/live/ticket', 'POST')).toHaveLength(1);
    expect(FakeSocket.last!.url).toBe('ws://app.test/api/v1/live?ticket=ticket-1');
  });

  it('syncs once when a pushed version is ahead of the list, and not at all when it is not', async () => {
    server.add('Buy milk');
    await open();
    const from = server.requests.length;
    FakeSocket.last!.accept(1); // the greeting: the list is already there
    await vi.advanceTimersByTimeAsync(0);
    expect(http(from)).toEqual([]);
    expect(liveState.value).toBe('up');

    server.add('Call mom', {}, 'mcp');
    FakeSocket.last!.push(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(http(from)).toEqual(['GET /api/v1/sync']);
    expect(tasks.value.map((t) => t.title).sort()).toEqual(['Buy milk', 'Call mom']);
    expect(listVersion.value).toBe(2);
  });

  it('idle with the socket up: no HTTP request in ten minutes, a ping every 30 s', async () => {
    await open();
    FakeSocket.last!.accept(0);
    const from = server.requests.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(http(from)).toEqual([]);
    expect(FakeSocket.last!.sent).toHaveLength(20);
    expect(FakeSocket.last!.sent.every((m) => m === 'ping')).toBe(true);
  });

  it('while the socket is down, polls /sync at once and then every 3 s; stops when it is back', async () => {
    await open();
    FakeSocket.last!.accept(0);
    const from = server.requests.length;
    FakeSocket.last!.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(liveState.value).toBe('down');
    expect(http(from)).toEqual(['GET /api/v1/sync']);

    // The server refuses new sockets for a while: the poll carries changes meanwhile.
    server.intercept((req) =>
      req.url.includes('/live/ticket')
        ? new Response('{"error":{"code":"x","message":"down"}}', { status: 503 })
        : undefined,
    );
    server.add('From the chat');
    await vi.advanceTimersByTimeAsync(3000);
    expect(tasks.value.map((t) => t.title)).toEqual(['From the chat']);
    const polls = () => server.calls('/api/v1/sync').length;
    const before = polls();
    await vi.advanceTimersByTimeAsync(9000);
    expect(polls() - before).toBe(3);

    server.intercept(undefined);
    await vi.advanceTimersByTimeAsync(30_000); // the next reconnect attempt gets through
    FakeSocket.last!.accept(server.version);
    await vi.advanceTimersByTimeAsync(0);
    expect(liveState.value).toBe('up');
    const up = polls();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls()).toBe(up);
  });

  it('retries a failed sync every 3 s even with the socket up (a push is not repeated)', async () => {
    await open();
    FakeSocket.last!.accept(0);
    server.intercept((req) =>
      req.url.includes('/sync') ? new Response('{"error":{"code":"x","message":"Boom"}}', { status: 500 }) : undefined,
    );
    server.add('Missed');
    FakeSocket.last!.push(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(tasks.value).toEqual([]);
    server.intercept(undefined);
    await vi.advanceTimersByTimeAsync(3000);
    expect(tasks.value.map((t) => t.title)).toEqual(['Missed']);
    const polls = server.calls('/api/v1/sync').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls('/api/v1/sync')).toHaveLength(polls);
  });

  it('never polls or connects while hidden; on return polls at once and opens a new socket', async () => {
    await open();
    FakeSocket.last!.accept(0);
    page.set(false);
    const from = server.requests.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(http(from)).toEqual([]);
    expect(FakeSocket.open).toHaveLength(0);
    page.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(http(from)).toEqual(['GET /api/v1/sync', 'POST /api/v1/live/ticket']);
    expect(FakeSocket.open).toHaveLength(1);
  });

  it('stop closes the socket and polls no more', async () => {
    await open();
    stop();
    const from = server.requests.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(http(from)).toEqual([]);
    expect(FakeSocket.open).toHaveLength(0);
    expect(liveState.value).toBe('off');
  });
});
