// The official MCP conformance suite (@modelcontextprotocol/conformance)
// against the app as `npm start` runs it. The suite cannot send headers, so
// it talks to a small proxy here that adds the Authorization header and
// passes everything else on as it came, Host and Origin included: the
// dns-rebinding-protection scenario sends a foreign Host and expects the app,
// not the proxy, to refuse it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, freshUser } from './browser';

const run = promisify(execFile);
const SUITE = resolve(import.meta.dirname, '../../node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** Server scenarios that apply to this server: every check in each must pass. */
const APPLICABLE = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'dns-rebinding-protection',
];

const FIXTURES = "it calls the suite's own reference server by name (test_* tools, test:// resources, test_* prompts)";
const NO_ELICITATION = 'the tools never ask the user for more input (elicitation)';
const STATELESS = 'stateless JSON answers: no sessions and no event streams to poll or resume';

/** Server scenarios that do not apply, and why (docs/mcp.md lists the same). */
const NOT_APPLICABLE: Record<string, string> = {
  'logging-set-level': 'the server sends no log messages, so it does not declare the logging capability',
  'completion-complete': 'the server offers no completions (the prompts take only an IANA time zone)',
  'server-sse-polling': STATELESS,
  'server-sse-multiple-streams': STATELESS,
  'elicitation-sep1034-defaults': NO_ELICITATION,
  'elicitation-sep1330-enums': NO_ELICITATION,
  'json-schema-2020-12': FIXTURES,
  ...Object.fromEntries(
    [
      ...['simple-text', 'image', 'audio', 'embedded-resource', 'mixed-content', 'with-logging', 'error'],
      ...['with-progress', 'sampling', 'elicitation'],
    ].map((s) => [`tools-call-${s}`, FIXTURES]),
  ),
  ...Object.fromEntries(
    ['read-text', 'read-binary', 'templates-read', 'subscribe', 'unsubscribe'].map((s) => [`resources-${s}`, FIXTURES]),
  ),
  ...Object.fromEntries(
    ['get-simple', 'get-with-args', 'get-embedded-resource', 'get-with-image'].map((s) => [`prompts-${s}`, FIXTURES]),
  ),
};

/** The credential the proxy adds: a personal access token of a fresh user. */
async function bearerToken(): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(freshUser('conformance')),
  });
  expect(res.status).toBe(201);
  const login = ((await res.json()) as { token: string }).token;
  // A personal access token, as a user would paste into a client's configuration.
  const pat = await fetch(`${baseUrl()}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login}` },
    body: JSON.stringify({ name: 'conformance suite' }),
  });
  expect(pat.status).toBe(201);
  const { token } = (await pat.json()) as { token: string };
  expect(token).toMatch(/^utk_pat_/);
  return token;
}

/**
 * A loopback HTTP proxy to the app that adds `Authorization` and forwards
 * every other header untouched. node:http, not fetch: fetch would replace
 * Host with the app's, and the app would then judge the proxy's Host, not
 * the one the suite sent.
 */
async function startProxy(target: URL, token: string) {
  const server = createServer((incoming, answer) => {
    const headers: IncomingHttpHeaders = { ...incoming.headers, authorization: `Bearer ${token}` };
    const options = { hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method };
    const upstream = request({ ...options, headers }, (reply) => {
      answer.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(answer);
    });
    upstream.on('error', (err) => answer.writeHead(502).end(String(err)));
    incoming.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
}

/** Runs one scenario with the suite's own CLI and reads back the checks it wrote. */
async function scenario(name: string, url: string): Promise<Check[]> {
  const out = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
  try {
    // The CLI exits 1 when a check fails; the checks themselves say which.
    await run(process.execPath, [SUITE, 'server', '--url', url, '--scenario', name, '-o', out]).catch(() => {});
    const [dir] = readdirSync(out);
    if (!dir) throw new Error(`the suite wrote no results for ${name}`);
    return JSON.parse(readFileSync(join(out, dir, 'checks.json'), 'utf8')) as Check[];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** POST /mcp through the proxy with exactly these headers (fetch would not let us set Host). */
function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  return new Promise((done, fail) => {
    const req = request(
      {
        hostname,
        port,
        path: pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

let proxy: Awaited<ReturnType<typeof startProxy>>;
beforeAll(async () => {
  proxy = await startProxy(new URL(baseUrl()), await bearerToken());
});
afterAll(() => proxy?.close());

describe('the MCP conformance suite', () => {
  it('knows every server scenario the suite has: each applies, or docs say why not', async () => {
    const { stdout } = await run(process.execPath, [SUITE, 'list', '--server']);
    const listed = [...stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(20);
    expect(APPLICABLE.filter((s) => s in NOT_APPLICABLE)).toEqual([]);
    expect([...listed].sort()).toEqual([...APPLICABLE, ...Object.keys(NOT_APPLICABLE)].sort());
  });

  it('the proxy leaves Host to the app: a rebound Host is refused by the app itself', async () => {
    const host = new URL(proxy.url).host;
    const rebound = await rawPost(proxy.url, { Host: 'evil.example.com' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { message: expect.stringContaining('ALLOWED_HOSTS') } });
    expect((await rawPost(proxy.url, { Host: host, Origin: `http://${host}` })).status).toBe(200);
  });

  // Each scenario is a fresh Node process loading the suite: slow on a busy machine, hence the timeout.
  it.each(APPLICABLE)(
    '%s passes every check',
    async (name) => {
      const checks = await scenario(name, proxy.url);
      const judged = checks.filter((c) => c.status !== 'INFO');
      expect(judged.length, name).toBeGreaterThan(0);
      const notPassed = judged.filter((c) => c.status !== 'SUCCESS').map((c) => `${c.id}: ${c.errorMessage}`);
      expect(notPassed, name).toEqual([]);
    },
    90_000,
  );
});
