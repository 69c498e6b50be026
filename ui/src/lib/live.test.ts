import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fake-api';
import { fakeVisibility } from '../test/visibility';
import { startLive, type LiveState } from './live';

function start(visible = true, ticket: () => Promise<string> = async () => `t${++tickets}`) {
  const page = fakeVisibility(visible);
  const states: LiveState[] = [];
  const versions: number[] = [];
  const stop = startLive({
    ticket: vi.fn(ticket),
    open: (t) => new FakeSocket(t),
    visibility: page.v,
    onVersion: (v) => versions.push(v),
    onState: (s) => states.push(s),
    random: () => 1, // no jitter: each delay is its full backoff
  });
  return { page, states, versions, stop };
}

let tickets = 0;
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  tickets = 0;
});
afterEach(() => vi.useRealTimers());

describe('startLive', () => {
  it('opens one socket with a fresh ticket and passes on every version it hears', async () => {
    const { states, versions, stop } = start();
    await flush();
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['t1']);
    FakeSocket.last!.accept(4);
    FakeSocket.last!.push(5);
    FakeSocket.last!.receive('not json');
    FakeSocket.last!.receive('{"other":1}');
    expect(versions).toEqual([4, 5]);
    expect(states).toEqual(['connecting', 'up']);
    stop();
    expect(FakeSocket.last!.closed).toMatchObject({ code: 1000 });
    expect(states.at(-1)).toBe('off');
  });

  it('pings every 30 s to keep the socket, and reconnects when a ping goes unanswered', async () => {
    const { states, stop } = start();
    await flush();
    const first = FakeSocket.last!;
    first.accept(1);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(first.sent).toEqual(['ping', 'ping', 'ping']);
    expect(first.closed).toBeNull();
    // The connection dies silently: no close event, no pong.
    first.answersPings = false;
    await vi.advanceTimersByTimeAsync(30_000 + 10_000);
    expect(first.closed).toMatchObject({ code: 4000 });
    expect(states.slice(-2)).toEqual(['up', 'down']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['t1', 't2']);
    stop();
  });

  it('reconnects with a new ticket each time, backing off 1, 2, 4 … 30 s, and starts over once a connection works', async () => {
    start();
    await flush();
    const opened = () => FakeSocket.all.length;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      FakeSocket.last!.drop();
      const before = opened();
      let waited = 0;
      while (opened() === before) {
        await vi.advanceTimersByTimeAsync(250);
        waited += 250;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(new Set(FakeSocket.all.map((s) => s.url)).size).toBe(8);
    // A version means the connection works: the next drop retries after 1 s again.
    FakeSocket.last!.accept(7);
    FakeSocket.last!.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened()).toBe(9);
  });

  it('retries when no ticket can be had', async () => {
    let fail = true;
    const { states } = start(true, async () => {
      if (fail) throw new Error('offline');
      return 'ok';
    });
    await flush();
    expect(states).toEqual(['connecting', 'down']);
    expect(FakeSocket.all).toHaveLength(0);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['ok']);
  });

  it('closes the socket while the page is hidden, never opens one then, and reconnects at once when shown', async () => {
    const { page, states, stop } = start();
    await flush();
    FakeSocket.last!.accept(1);
    page.set(false);
    expect(FakeSocket.last!.closed).toMatchObject({ code: 1000, reason: 'hidden' });
    expect(states.at(-1)).toBe('off');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.last!.sent).toEqual([]);
    page.set(true);
    await flush();
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.open).toHaveLength(1);
    stop();
  });

  it('starts hidden without a socket, and forgets a reconnect planned before the page was hidden', async () => {
    const { page, states } = start(false);
    await flush();
    expect(FakeSocket.all).toHaveLength(0);
    expect(states).toEqual(['off']);
    page.set(true);
    await flush();
    FakeSocket.last!.drop();
    page.set(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('drops a ticket that arrives after the page was hidden', async () => {
    let give!: (t: string) => void;
    const { page } = start(true, () => new Promise<string>((r) => (give = r)));
    await flush();
    page.set(false);
    give('late');
    await flush();
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('stops for good', async () => {
    const { stop, page } = start();
    await flush();
    stop();
    page.set(false);
    page.set(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(page.listeners.size).toBe(0);
  });
});
