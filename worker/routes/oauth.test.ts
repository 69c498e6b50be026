import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { s256 } from '../auth/secrets';
import { api, BASE, errorOf, jsonOf, randomIp, signup, uniqueEmail, world } from '../test/helpers';

const REDIRECT = 'http://127.0.0.1:33418/callback';
const PASSWORD = 'correct horse battery';
// Redirects are looked at, never followed: they lead to the client, not to this app.
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': randomIp() },
  body: new URLSearchParams(fields).toString(),
});

/** One OAuth client's side of the flow, against the Worker at `at` (or now). */
function oauthClient(w = world()) {
  const { call } = w;
  async function register(metadata: Record<string, unknown> = {}) {
    const res = await call('/oauth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': randomIp() },
      body: JSON.stringify({ client_name: 'Test Agent', redirect_uris: [REDIRECT], ...metadata }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { client_id: string; token_endpoint_auth_method: string; client_name: string };
  }
  /** The authorization request's parameters, with a fresh PKCE pair. */
  async function request(clientId: string, extra: Record<string, string> = {}) {
    const verifier = crypto.randomUUID() + crypto.randomUUID();
    const params = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256',
      state: 'st-123',
      resource: `${BASE}/mcp`,
      ...extra,
    };
    return { params, verifier };
  }
  /** Signs in on the consent page and answers; the response (a redirect, or the page again). */
  const consent = (
    params: Record<string, string>,
    user: { email: string },
    decision = 'approve',
    password = PASSWORD,
  ) => call('/oauth/authorize', form({ ...params, email: user.email, password, decision }));
  const codeOf = (res: Response) => {
    expect(res.status, res.headers.get('Location') ?? 'no redirect').toBe(302);
    const to = new URL(res.headers.get('Location')!);
    expect(to.origin + to.pathname).toBe(REDIRECT);
    expect(to.searchParams.get('state')).toBe('st-123');
    return to.searchParams.get('code')!;
  };
  const token = (fields: Record<string, string>) => call('/oauth/token', form(fields));
  /** Registration, consent by `user` and the code exchange: a client holding tokens. */
  async function connect(user: { email: string }) {
    const { client_id } = await register();
    const { params, verifier } = await request(client_id);
    const code = codeOf(await consent(params, user));
    const res = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id,
      code_verifier: verifier,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return {
      client_id,
      tokens: (await res.json()) as { access_token: string; refresh_token: string; expires_in: number },
    };
  }
  return { register, request, consent, codeOf, token, connect, call };
}

async function newUser(tag = 'oauth') {
  const email = uniqueEmail(tag);
  const res = await api().api.v1.auth.signup.$post(
    { json: { email, password: PASSWORD } },
    { headers: { 'CF-Connecting-IP': randomIp() } },
  );
  const { token, user } = await jsonOf(res, 201);
  return { email, jwt: token, id: user.id };
}

async function mcpWith(token: string, w = world()) {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (url, init) => w.fetch(url, init),
  });
  const mcp = new Client({ name: 'oauth-test', version: '1.0.0' });
  await mcp.connect(transport);
  return mcp;
}

const oauthError = async (res: Response) => {
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return (await res.json()) as { error: string; error_description: string };
};

describe('OAuth discovery', () => {
  it('names the authorization server from the protected resource metadata, at both paths', async () => {
    const { call } = world();
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ resource: `${BASE}/mcp`, authorization_servers: [BASE] });
    }
    const meta = await (await call('/.well-known/oauth-authorization-server')).json();
    expect(meta).toMatchObject({
      issuer: BASE,
      authorization_endpoint: `${BASE}/oauth/authorize`,
      token_endpoint: `${BASE}/oauth/token`,
      registration_endpoint: `${BASE}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
    });
  });

  it('answers a 401 from /mcp with the challenge pointing at that metadata', async () => {
    const res = await world().call('/mcp', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        Authorization: 'Bearer utk_oat_nope',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    const metadata = `${BASE}/.well-known/oauth-protected-resource/mcp`;
    expect(res.headers.get('WWW-Authenticate')).toBe(`Bearer resource_metadata="${metadata}", error="invalid_token"`);
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
  });
});

describe('OAuth authorization code flow', () => {
  it('logs in, approves, exchanges the code, uses MCP, refreshes, and revokes the family on a reused refresh token', async () => {
    const user = await newUser();
    const c = oauthClient();
    const { client_id, token_endpoint_auth_method } = await c.register();
    expect(token_endpoint_auth_method).toBe('none');
    const { params, verifier } = await c.request(client_id);

    const page = await c.call(`/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Test Agent');
    expect(html).toContain('Delete tasks');
    const csp = page.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("form-action 'self' http://127.0.0.1:33418");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');

    const code = c.codeOf(await c.consent(params, user));
    expect(code).toMatch(/^utk_oac_/);
    const exchange = await c.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id,
      code_verifier: verifier,
    });
    expect(exchange.headers.get('Cache-Control')).toBe('no-store');
    const first = (await exchange.json()) as Record<string, unknown>;
    expect(first).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'tasks' });
    expect(first.access_token).toMatch(/^utk_oat_/);
    expect(first.refresh_token).toMatch(/^utk_ort_/);

    const mcp = await mcpWith(first.access_token as string);
    await mcp.callTool({ name: 'add_task', arguments: { title: 'Added by an OAuth client' } });
    const mine = await jsonOf(api(user.jwt).api.v1.tasks.$get({ query: {} }), 200);
    expect(mine.map((t) => t.title)).toEqual(['Added by an OAuth client']);
    // The access token is for /mcp only.
    expect((await api(first.access_token as string).api.v1.tasks.$get({ query: {} })).status).toBe(401);

    const [app] = await jsonOf(api(user.jwt).api.v1.connections.$get(), 200);
    expect(app).toMatchObject({ client_id, client_name: 'Test Agent', scope: 'tasks' });

    const refresh = (refresh_token: string) => c.token({ grant_type: 'refresh_token', refresh_token, client_id });
    const second = (await (await refresh(first.refresh_token as string)).json()) as Record<string, string>;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await (await mcpWith(second.access_token!)).listTools();

    const reused = await refresh(first.refresh_token as string);
    expect(reused.status).toBe(400);
    expect(await oauthError(reused)).toMatchObject({ error: 'invalid_grant' });
    // The whole family is gone: the newest refresh token and every access token.
    expect(await oauthError(await refresh(second.refresh_token!))).toMatchObject({ error: 'invalid_grant' });
    await expect(mcpWith(second.access_token!)).rejects.toThrow(/401|Unauthorized/i);
    expect(await jsonOf(api(user.jwt).api.v1.connections.$get(), 200)).toEqual([]);
  });

  it('refuses a wrong code_verifier, and the code is spent by the attempt', async () => {
    const user = await newUser();
    const c = oauthClient();
    const { client_id } = await c.register();
    const { params, verifier } = await c.request(client_id);
    const code = c.codeOf(await c.consent(params, user));
    const exchange = (code_verifier: string) =>
      c.token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id, code_verifier });
    const wrong = await exchange('w'.repeat(43));
    expect(wrong.status).toBe(400);
    expect(await oauthError(wrong)).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/code_verifier/),
    });
    expect(await oauthError(await exchange(verifier))).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code at another redirect URI, from another client, twice, or once expired', async () => {
    const user = await newUser();
    const c = oauthClient();
    const { client_id } = await c.register({ redirect_uris: [REDIRECT, 'http://localhost:1/other'] });
    const other = await c.register();
    const fresh = async () => {
      const { params, verifier } = await c.request(client_id);
      return { code: c.codeOf(await c.consent(params, user)), verifier };
    };
    const exchange = (code: string, code_verifier: string, more: Record<string, string> = {}) =>
      c.token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id, code_verifier, ...more });

    let { code, verifier } = await fresh();
    expect(
      await oauthError(await exchange(code, verifier, { redirect_uri: 'http://localhost:1/other' })),
    ).toMatchObject({ error: 'invalid_grant' });
    ({ code, verifier } = await fresh());
    expect(await oauthError(await exchange(code, verifier, { client_id: other.client_id }))).toMatchObject({
      error: 'invalid_grant',
    });
    ({ code, verifier } = await fresh());
    expect((await exchange(code, verifier)).status).toBe(200);
    expect(await oauthError(await exchange(code, verifier))).toMatchObject({ error: 'invalid_grant' });
    ({ code, verifier } = await fresh());
    expect(
      await oauthError(await exchange(code, verifier, { resource: 'https://elsewhere.example/mcp' })),
    ).toMatchObject({ error: 'invalid_request' });

    // Codes live five minutes, on the app's clock.
    const then = oauthClient(world('2031-07-01T12:00:00Z'));
    const late = world('2031-07-01T12:06:00Z');
    const reg = await then.register();
    const req = await then.request(reg.client_id);
    const oldCode = then.codeOf(await then.consent(req.params, user));
    const res = await late.call(
      '/oauth/token',
      form({
        grant_type: 'authorization_code',
        code: oldCode,
        redirect_uri: REDIRECT,
        client_id: reg.client_id,
        code_verifier: req.verifier,
      }),
    );
    expect(await oauthError(res)).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    });
  });

  it('lets access tokens expire after an hour, and a connected app be revoked from the dashboard', async () => {
    const user = await newUser();
    const start = world('2031-08-01T08:00:00Z');
    const { tokens } = await oauthClient(start).connect(user);
    await (await mcpWith(tokens.access_token, start)).listTools();
    await expect(mcpWith(tokens.access_token, world('2031-08-01T09:00:30Z'))).rejects.toThrow(/401|Unauthorized/i);

    const now = await oauthClient().connect(user);
    const apps = await jsonOf(api(user.jwt).api.v1.connections.$get(), 200);
    const app = apps.find((a) => a.client_id === now.client_id);
    const other = await signup('other');
    expect((await api(other.token).api.v1.connections[':id'].$delete({ param: { id: app!.id } })).status).toBe(404);
    expect((await api(user.jwt).api.v1.connections[':id'].$delete({ param: { id: app!.id } })).status).toBe(204);
    await expect(mcpWith(now.tokens.access_token)).rejects.toThrow(/401|Unauthorized/i);
    const c = oauthClient();
    const refused = await c.token({
      grant_type: 'refresh_token',
      refresh_token: now.tokens.refresh_token,
      client_id: now.client_id,
    });
    expect(await oauthError(refused)).toMatchObject({ error: 'invalid_grant' });
  });

  it("gives a token for the user who consented and never another user's tasks", async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const secret = await jsonOf(api(alice.jwt).api.v1.tasks.$post({ json: { title: 'Alice only' } }), 201);
    const { tokens } = await oauthClient().connect(bob);
    const mcp = await mcpWith(tokens.access_token);
    const listed = JSON.stringify(await mcp.callTool({ name: 'list_tasks', arguments: {} }));
    expect(listed).not.toContain('Alice only');
    const got = await mcp.callTool({ name: 'get_task', arguments: { task_id: secret.id } });
    expect(got.isError).toBe(true);
  });
});

describe('OAuth endpoints refuse bad input', () => {
  const registerRaw = (body: string, contentType = 'application/json') =>
    world().call('/oauth/register', {
      method: 'POST',
      headers: { 'Content-Type': contentType, 'CF-Connecting-IP': randomIp() },
      body,
    });

  it('registration: 400 with the RFC 7591 error for bad metadata, and no client stored', async () => {
    const cases: [string, string][] = [
      ['not json', 'invalid_client_metadata'],
      ['[]', 'invalid_client_metadata'],
      ['{}', 'invalid_client_metadata'],
      ['{"redirect_uris": []}', 'invalid_client_metadata'],
      ['{"redirect_uris": "https://a.example/cb"}', 'invalid_client_metadata'],
      ['{"redirect_uris": ["https://a.example/cb"], "grant_types": ["client_credentials"]}', 'invalid_client_metadata'],
      ['{"redirect_uris": ["http://evil.example/cb"]}', 'invalid_redirect_uri'],
      ['{"redirect_uris": ["javascript:alert(1)"]}', 'invalid_redirect_uri'],
      ['{"redirect_uris": ["https://a.example/cb#frag"]}', 'invalid_redirect_uri'],
      ['{"redirect_uris": ["/relative"]}', 'invalid_redirect_uri'],
    ];
    for (const [body, error] of cases) {
      const res = await registerRaw(body);
      expect(res.status, body).toBe(400);
      expect(await oauthError(res), body).toMatchObject({ error });
    }
    // Loopback http and private-use schemes are what desktop clients register.
    for (const uri of [
      'http://localhost:6274/oauth/callback',
      'http://[::1]:1/cb',
      'cursor://anysphere.cursor-mcp/cb',
    ]) {
      expect((await registerRaw(JSON.stringify({ redirect_uris: [uri] }))).status, uri).toBe(201);
    }
  });

  it('authorization: an unknown client or redirect URI is told to the user, never redirected', async () => {
    const c = oauthClient();
    const { client_id } = await c.register();
    const { params } = await c.request(client_id);
    for (const bad of [
      { client_id: crypto.randomUUID() },
      { client_id: 'not-a-uuid' },
      { redirect_uri: 'http://127.0.0.1:33418/elsewhere' },
      { redirect_uri: 'https://evil.example/callback' },
      { state: 'x'.repeat(2000) },
    ]) {
      const query = new URLSearchParams({ ...params, ...bad });
      const res = await c.call(`/oauth/authorize?${query}`, { redirect: 'manual' });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.headers.get('Location')).toBeNull();
      expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('Cannot connect this app');
    }
  });

  it('authorization: anything else goes back to the client as an OAuth error with its state', async () => {
    const c = oauthClient();
    const { client_id } = await c.register();
    const { params } = await c.request(client_id);
    const { code_challenge: _, ...noChallenge } = params;
    const cases: [Record<string, string>, string][] = [
      [{ ...params, response_type: 'token' }, 'unsupported_response_type'],
      [noChallenge, 'invalid_request'],
      [{ ...params, code_challenge_method: 'plain' }, 'invalid_request'],
      [{ ...params, code_challenge: 'too-short' }, 'invalid_request'],
      [{ ...params, scope: 'admin' }, 'invalid_scope'],
      [{ ...params, resource: 'https://elsewhere.example/mcp' }, 'invalid_target'],
    ];
    for (const [query, error] of cases) {
      const res = await c.call(`/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
      expect(res.status, error).toBe(302);
      const to = new URL(res.headers.get('Location')!);
      expect(to.origin + to.pathname).toBe(REDIRECT);
      expect(to.searchParams.get('error')).toBe(error);
      expect(to.searchParams.get('state')).toBe('st-123');
      expect(to.searchParams.get('code')).toBeNull();
    }
  });

  it('consent: a wrong password shows the page again; Deny answers access_denied; no grant either way', async () => {
    const user = await newUser();
    const c = oauthClient();
    const { client_id } = await c.register();
    const { params } = await c.request(client_id);
    const wrong = await c.consent(params, user, 'approve', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Email or password is incorrect');
    const empty = await c.call('/oauth/authorize', form({ ...params, decision: 'approve' }));
    expect(empty.status).toBe(400);
    const denied = await c.consent(params, user, 'deny', '');
    expect(denied.status).toBe(302);
    const to = new URL(denied.headers.get('Location')!);
    expect(to.searchParams.get('error')).toBe('access_denied');
    expect(to.searchParams.get('code')).toBeNull();
    expect(await jsonOf(api(user.jwt).api.v1.connections.$get(), 200)).toEqual([]);
  });

  it('token: 400 with invalid_request, unsupported_grant_type or invalid_grant', async () => {
    const c = oauthClient();
    const { client_id } = await c.register();
    const code = 'utk_oac_unknown';
    const ok = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id,
      code_verifier: 'v'.repeat(43),
    };
    const cases: [Record<string, string>, string][] = [
      [{}, 'invalid_request'],
      [{ grant_type: 'password', username: 'a', password: 'b' }, 'unsupported_grant_type'],
      [{ ...ok, code_verifier: 'short' }, 'invalid_request'],
      [{ grant_type: 'authorization_code', code, client_id }, 'invalid_request'],
      [{ grant_type: 'refresh_token', client_id }, 'invalid_request'],
      [ok, 'invalid_grant'],
      [{ grant_type: 'refresh_token', refresh_token: 'utk_ort_unknown', client_id }, 'invalid_grant'],
    ];
    for (const [fields, error] of cases) {
      const res = await c.token(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(await oauthError(res), JSON.stringify(fields)).toMatchObject({ error });
    }
    const json = await c.call('/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ok),
    });
    expect(await oauthError(json)).toMatchObject({ error: 'invalid_request' });
    const twice = await c.call('/oauth/token', form(ok));
    expect(twice.status).toBe(400);
    const repeated = await c.call('/oauth/token', {
      ...form(ok),
      body: `${new URLSearchParams(ok)}&code=again`,
    });
    expect(await oauthError(repeated)).toMatchObject({ error: 'invalid_request' });
  });
});
