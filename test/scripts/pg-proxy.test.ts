import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWsProxy } from '../../scripts/pg-local.mjs';

let proxy: Awaited<ReturnType<typeof startWsProxy>>;
beforeAll(async () => {
  proxy = await startWsProxy();
});
afterAll(() => proxy?.close());

/** Opens a WebSocket to the proxy as the Neon driver does; resolves how the handshake ended. */
function handshake(headers: Record<string, string> = {}, address = '127.0.0.1:5432'): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${proxy.address}/v2?address=${address}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('the local Postgres proxy (npm run start:pg, tests)', () => {
  it('listens on loopback only', () => {
    expect(proxy.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('serves the driver, which sends no Origin', async () => {
    expect(await handshake()).toBe('open');
  });

  it('refuses any browser page (every browser WebSocket carries an Origin) with 403', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:8787', 'null']) {
      expect(await handshake({ Origin: origin }), origin).toBe(403);
    }
  });
});
