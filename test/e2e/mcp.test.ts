// MCP against the app as `npm start` serves it (wrangler dev): DNS-rebinding
// protection with the Host and Origin a real client sends, and the CLI client.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, freshUser } from './browser';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** POST /mcp with exactly these headers (fetch would not let us set Host). */
function rawPost(headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(baseUrl());
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  return new Promise((done, fail) => {
    const req = request(
      {
        hostname,
        port,
        path: '/mcp',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** Runs scripts/mcp-client.mjs as a user would; never throws, so exit codes can be checked. */
async function mcpClient(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/mcp-client.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let token: string;
beforeAll(async () => {
  const user = freshUser('mcp');
  const res = await fetch(`${baseUrl()}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  token = ((await res.json()) as { token: string }).token;
});

describe('MCP on the running app', () => {
  it('refuses a rebound Host or a foreign Origin with 403, and serves its own', async () => {
    const { host } = new URL(baseUrl());
    const auth = { Authorization: `Bearer ${token}` };
    expect(await rawPost({ ...auth, Host: 'evil.example.com', Origin: 'http://evil.example.com' })).toBe(403);
    expect(await rawPost({ ...auth, Host: 'evil.example.com' })).toBe(403);
    expect(await rawPost({ ...auth, Host: host, Origin: 'http://evil.example.com' })).toBe(403);
    expect(await rawPost({ ...auth, Host: host, Origin: `http://${host}` })).toBe(200);
    expect(await rawPost({ ...auth, Host: host })).toBe(200);
  });

  it('the CLI client lists tools and tasks at PORT', async () => {
    const { port } = new URL(baseUrl());
    const out = await mcpClient({ TOKEN: token, PORT: port, MCP_URL: '' });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('tools: add_task, list_tasks');
    const added = await mcpClient(
      { TOKEN: token, MCP_URL: `${baseUrl()}/mcp` },
      'add_task',
      '{"title":"From the CLI"}',
    );
    expect(JSON.parse(added.stdout)).toMatchObject({ title: 'From the CLI' });
  });

  it('the CLI client explains in one line what went wrong, without a stack trace', async () => {
    const cases = [
      [
        { TOKEN: token, MCP_URL: 'http://127.0.0.1:9/mcp' },
        [],
        /nothing answers at http:\/\/127\.0\.0\.1:9\/mcp.*npm start/,
      ],
      [{ TOKEN: 'not-a-token', MCP_URL: `${baseUrl()}/mcp` }, [], /refused the token \(401\)/],
      [{ TOKEN: token, MCP_URL: `${baseUrl()}/mcp` }, ['add_task', '{title:'], /arguments must be JSON/],
      [{ TOKEN: '', MCP_URL: `${baseUrl()}/mcp` }, [], /set TOKEN/],
    ] as const;
    for (const [env, args, message] of cases) {
      const out = await mcpClient(env, ...args);
      expect(out.code, out.stderr).toBe(1);
      expect(out.stderr.trim().split('\n'), out.stderr).toHaveLength(1);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
