import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/secrets';
import { api, BASE, call, errorOf, jsonOf, peek, signup, world } from '../test/helpers';

/** The SDK's own MCP client with a bearer token, over the Worker's real fetch handler (optionally at another time). */
async function mcpWith(token: string, fetchApp = world().fetch) {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (url, init) => fetchApp(url, init),
  });
  const mcp = new Client({ name: 'pat-test', version: '1.0.0' });
  await mcp.connect(transport);
  return mcp;
}

const textOf = (r: unknown) => JSON.parse((r as { content: [{ text: string }] }).content[0].text) as unknown;

const createToken = (jwt: string, json: { name: string; expires_in_days?: number | null }, client = api(jwt)) =>
  jsonOf(client.api.v1.tokens.$post({ json }), 201);

describe('personal access tokens', () => {
  it('are shown once with a scannable prefix, then listed without the secret', async () => {
    const { token: jwt, user } = await signup('pat');
    const created = await createToken(jwt, { name: '  Claude Code  ' });
    expect(created.token).toMatch(/^utk_pat_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Claude Code', expires_at: null, last_used_at: null });

    const listed = await jsonOf(api(jwt).api.v1.tokens.$get(), 200);
    expect(listed).toEqual([
      { id: created.id, name: 'Claude Code', created_at: created.created_at, expires_at: null, last_used_at: null },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    // What is stored is the SHA-256 of the secret: the hash finds it, the secret itself does not.
    expect(await peek(async (r) => r.personalTokens.use(await hashSecret(created.token)))).toEqual({
      id: created.id,
      userId: user.id,
    });
    expect(await peek((r) => r.personalTokens.use(created.token))).toBeNull();
  });

  it('work as Bearer on the REST API and on /mcp, stamp last_used_at, and are refused at once when revoked', async () => {
    const { token: jwt, user } = await signup('pat');
    const { token: pat, id } = await createToken(jwt, { name: 'scripts', expires_in_days: 30 });

    const viaRest = await jsonOf(api(pat).api.v1.tasks.$post({ json: { title: 'From a script' } }), 201);
    expect(await jsonOf(api(pat).api.v1.auth.me.$get(), 200)).toMatchObject({ user: { id: user.id } });
    const mcp = await mcpWith(pat);
    const added = textOf(await mcp.callTool({ name: 'add_task', arguments: { title: 'From MCP with a PAT' } }));
    const mine = await jsonOf(api(jwt).api.v1.tasks.$get({ query: {} }), 200);
    expect(mine.map((t) => t.title).sort()).toEqual(['From MCP with a PAT', 'From a script']);
    expect(added).toMatchObject({ user_id: user.id });
    expect(viaRest.user_id).toBe(user.id);
    const [listed] = await jsonOf(api(jwt).api.v1.tokens.$get(), 200);
    expect(listed!.last_used_at).not.toBeNull();

    const revoke = await api(jwt).api.v1.tokens[':id'].$delete({ param: { id } });
    expect(revoke.status).toBe(204);
    const refused = await api(pat).api.v1.tasks.$get({ query: {} });
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toMatchObject({ code: 'unauthorized' });
    await expect(mcp.callTool({ name: 'list_tasks', arguments: {} })).rejects.toThrow(/401|Unauthorized/i);
    expect(await jsonOf(api(jwt).api.v1.tokens.$get(), 200)).toEqual([]);
  });

  it('stop working when they expire', async () => {
    const then = world('2031-05-01T09:00:00Z');
    const { token: jwt } = await then.signup('pat');
    const { token: pat, expires_at } = await createToken(jwt, { name: 'a day', expires_in_days: 1 }, then.api(jwt));
    // A day after creation, by the app's clock (which runs on from 09:00 while the test runs).
    expect(expires_at! >= '2031-05-02T09:00:00.000Z' && expires_at! < '2031-05-02T09:01:00.000Z').toBe(true);
    expect((await then.api(pat).api.v1.tasks.$get({ query: {} })).status).toBe(200);
    const later = world('2031-05-02T09:01:00Z').api(pat);
    const res = await later.api.v1.tasks.$get({ query: {} });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/expired/);
  });

  it("cannot be listed or revoked by another user, and the other user's revoke is a 404", async () => {
    const owner = await signup('pat-owner');
    const other = await signup('pat-other');
    const { id, token: pat } = await createToken(owner.token, { name: 'mine' });
    expect(await jsonOf(api(other.token).api.v1.tokens.$get(), 200)).toEqual([]);
    const res = await api(other.token).api.v1.tokens[':id'].$delete({ param: { id } });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found', message: 'Token not found' });
    for (const bad of ['not-a-uuid', crypto.randomUUID()]) {
      expect((await api(owner.token).api.v1.tokens[':id'].$delete({ param: { id: bad } })).status).toBe(404);
    }
    expect((await api(pat).api.v1.tasks.$get({ query: {} })).status).toBe(200);
  });

  it('refuses bad input with a 400 naming the field, and storing nothing', async () => {
    const { token: jwt } = await signup('pat');
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'ok', expires_in_days: 0 }, 'expires_in_days'],
      [{ name: 'ok', expires_in_days: 1.5 }, 'expires_in_days'],
      [{ name: 'ok', expires_in_days: '30' }, 'expires_in_days'],
      [{ name: 'ok', expires_in_days: 3651 }, 'expires_in_days'],
    ];
    for (const [body, path] of cases) {
      // Raw: the typed client does not let these bodies through.
      const res = await call('/api/v1/tokens', {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        (await errorOf(res)).issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toEqual([path]);
    }
    expect(await jsonOf(api(jwt).api.v1.tokens.$get(), 200)).toEqual([]);
  });

  it('need a credential, and a refresh token or code is no bearer token', async () => {
    expect((await api().api.v1.tokens.$get()).status).toBe(401);
    for (const fake of ['utk_pat_made-up', 'utk_ort_made-up', 'utk_oac_made-up', 'utk_oat_made-up']) {
      const res = await api(fake).api.v1.tasks.$get({ query: {} });
      expect(res.status, fake).toBe(401);
      expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('count MCP tool calls against the same per-user limit as the login token', async () => {
    // The start of a minute, so every call below lands in one rate-limit window.
    const at = '2031-06-01T10:00:00Z';
    const then = world(at);
    const { token: jwt, user } = await then.signup('pat-limit');
    const { token: pat } = await createToken(jwt, { name: 'limit' }, then.api(jwt));
    for (const credential of [jwt, pat]) {
      const mcp = await mcpWith(credential, then.fetch);
      await mcp.callTool({ name: 'list_tasks', arguments: {} });
      await mcp.callTool({ name: 'list_tasks', arguments: {} });
    }
    const counted = await peek((r) => r.limits.hit(`mcpToolUser:${user.id}`, Date.parse(at), 0));
    expect(counted).toBe(4);
  });
});
